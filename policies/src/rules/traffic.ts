// Istio: route weights add up to 100; every subset a route names exists in a DestinationRule for that host.
import { Policies, PolicyResource } from "@pulumi/policy";
import { describe, forTypes, get, known, list, ofTypes } from "../support";

// Any served Istio networking version (v1, v1beta1, v1alpha3) of the two kinds.
const VIRTUAL_SERVICE = /^kubernetes:networking\.istio\.io\/v[0-9a-z]+:VirtualService$/;
const DESTINATION_RULE = /^kubernetes:networking\.istio\.io\/v[0-9a-z]+:DestinationRule$/;
const ROUTE_KINDS = ["http", "tls", "tcp"];

interface Route { where: string; destinations: any[]; }

function routesOf(spec: any): Route[] {
    return ROUTE_KINDS.flatMap(kind => list(spec?.[kind]).map((rule: any, i: number) => ({
        where: `spec.${kind}[${i}]${rule?.name ? ` (${rule.name})` : ""}`,
        destinations: list(rule?.route),
    })));
}

/** A host as Istio resolves it: short names are relative to the namespace of the resource that names them. */
export function fullHost(host: string, namespace: string): string {
    if (host.includes("*")) {
        return host;
    }
    const parts = host.split(".");
    if (parts.length === 1) {
        return `${host}.${namespace}.svc.cluster.local`;
    }
    if (parts.length === 2) {
        return `${host}.svc.cluster.local`;
    }
    if (host.endsWith(".svc")) {
        return `${host}.cluster.local`;
    }
    return host;
}

function namespaceOf(resource: { props: Record<string, any> }): string {
    const namespace = known(() => get(resource.props, "metadata.namespace"));
    return typeof namespace === "string" && namespace !== "" ? namespace : "default";
}

export const trafficPolicies: Policies = [
    {
        name: "istio-route-weights",
        description: "Every VirtualService route with several destinations gives each a weight and the weights "
            + "add up to 100 (a single destination takes 100).",
        severity: "high",
        validateResource: forTypes(VIRTUAL_SERVICE, (vs, args, report) => {
            for (const route of routesOf(vs.spec)) {
                const weights = route.destinations.map(d => d?.weight);
                if (route.destinations.length === 1) {
                    if (weights[0] !== undefined && weights[0] !== 100) {
                        report(`${route.where}: a single destination must have weight 100 or none, got ${weights[0]}.`);
                    }
                    continue;
                }
                if (route.destinations.length === 0) {
                    continue;
                }
                if (weights.some(w => typeof w !== "number")) {
                    report(`${route.where}: every destination needs a weight, got ${JSON.stringify(weights)}.`);
                    continue;
                }
                const total = weights.reduce((a, b) => a + b, 0);
                if (total !== 100) {
                    report(`${route.where}: weights ${JSON.stringify(weights)} add up to ${total}, not 100.`);
                }
            }
        }),
    },
    {
        name: "istio-subsets-exist",
        description: "Every subset a VirtualService routes to is defined by a DestinationRule for that host.",
        severity: "high",
        validateStack: (args, report) => {
            const subsetsByHost = new Map<string, Set<string>>();
            for (const rule of ofTypes(args.resources, DESTINATION_RULE)) {
                const host = get(rule.props, "spec.host");
                if (typeof host !== "string") {
                    continue;
                }
                const key = fullHost(host, namespaceOf(rule));
                const names = subsetsByHost.get(key) ?? new Set<string>();
                list(get(rule.props, "spec.subsets")).forEach((s: any) => names.add(s?.name));
                subsetsByHost.set(key, names);
            }
            for (const vs of ofTypes(args.resources, VIRTUAL_SERVICE) as PolicyResource[]) {
                for (const route of routesOf(vs.props.spec)) {
                    for (const destination of route.destinations) {
                        const subset = get(destination, "destination.subset");
                        const host = get(destination, "destination.host");
                        if (typeof subset !== "string" || typeof host !== "string") {
                            continue;
                        }
                        const key = fullHost(host, namespaceOf(vs));
                        if (!subsetsByHost.get(key)?.has(subset)) {
                            report(`${describe(vs)} ${route.where} routes to subset '${subset}' of ${host}, `
                                + `but no DestinationRule for ${key} defines it.`, vs.urn);
                        }
                    }
                }
            }
        },
    },
];
