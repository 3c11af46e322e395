// Network flows: the platform's required and forbidden flows (flows-data.ts) evaluated against the plan's
// NetworkPolicies with the EKS VPC CNI network policy agent's semantics (netpol.ts). Stack rules: they relate
// Deployments, Services, Helm releases, VirtualServices, the cluster, its subnets and every NetworkPolicy.
import { Policies, PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { configOf, exemptionSchema, exemptions, get, list, ofTypes } from "../support";
import { CHARTS, ChartPod, FORBIDDEN_FLOWS, REQUIRED_FLOWS, SCRAPE_JOBS, SYSTEM } from "./flows-data";
import {
    Addresses, allows, Cluster, Endpoint, internetEgress, isIpv4Cidr, Labels, nthAddress, Pod, policyTypes, selects,
    Service,
} from "./netpol";

/** A pod the flows know, with what it does. */
export interface Workload extends Pod {
    urn: string;
    inMesh: boolean;
    watchesApi: boolean;
    callsAws: string[];
    webhookPort?: number;
    role?: "istiod" | "gateway" | "collector";
}

export interface Model {
    cluster: Cluster;
    workloads: Workload[];
    services: Service[];
    istiod?: Service;
    api: Service;
    apiEnis: Addresses;
    controlPlane: Addresses;
    dns: Service;
    vpcEndpoints: { service: string; addresses: Addresses }[];
    releases: { resource: PolicyResource; chart: string; version: string; name: string; namespace: string; values: any }[];
    /** The Services that VirtualServices bound to a Gateway (not only `mesh`) route to. */
    routes: Route[];
    clusterUrn?: string;
}

export interface Route { vs: string; urn: string; service: Service; port: number; }

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const EKS = "aws:eks/cluster:Cluster";
const SUBNET = "aws:ec2/subnet:Subnet";
const VPC = "aws:ec2/vpc:Vpc";
const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ADDON = "aws:eks/addon:Addon";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

const SIDECAR_PORTS = [{ name: "http-envoy-prom", port: 15090, protocol: "TCP" }, { name: "http-health", port: 15021, protocol: "TCP" }];

function subnetCidrs(resource: PolicyResource | undefined): string[] {
    return (resource?.dependencies ?? []).filter(d => d.type === SUBNET)
        .map(d => d.props.cidrBlock).filter(isIpv4Cidr);
}

/** Builds what the flows need from the stack's resources (read through their props, so unknowns behave as in a preview). */
export function modelOf(resources: PolicyResource[]): Model {
    const namespaces = new Map<string, Labels>();
    for (const ns of ofTypes(resources, [NAMESPACE])) {
        namespaces.set(get(ns.props, "metadata.name") ?? ns.name, { ...(get(ns.props, "metadata.labels") ?? {}) });
    }
    const eks = ofTypes(resources, [EKS])[0];
    const vpcCidrs = ofTypes(resources, [VPC]).map(v => v.props.cidrBlock).filter(isIpv4Cidr);
    const clusterSubnets = subnetCidrs(eks);
    const nodeCidrs = clusterSubnets.length > 0 ? clusterSubnets : vpcCidrs;
    const cluster: Cluster = {
        namespaces,
        policies: ofTypes(resources, [NETWORK_POLICY]).map(p => ({
            name: get(p.props, "metadata.name") ?? p.name, namespace: get(p.props, "metadata.namespace") ?? "default",
            spec: p.props.spec ?? {},
        })),
        podCidrs: nodeCidrs,
        nodeCidrs,
    };
    const explicitServiceCidr = eks ? get(eks.props, "kubernetesNetworkConfig.serviceIpv4Cidr") : undefined;
    const serviceCidrs: string[] = isIpv4Cidr(explicitServiceCidr) ? [explicitServiceCidr] : [...SYSTEM.defaultServiceCidrs];

    const workloads: Workload[] = [];
    for (const d of ofTypes(resources, [DEPLOYMENT])) {
        const namespace = get(d.props, "metadata.namespace") ?? "default";
        const template = get(d.props, "spec.template") ?? {};
        const labels: Labels = { ...(get(template, "metadata.labels") ?? {}) };
        const annotations = get(template, "metadata.annotations") ?? {};
        const injected = namespaces.get(namespace)?.["istio-injection"] === "enabled"
            && annotations["sidecar.istio.io/inject"] !== "false" && labels["sidecar.istio.io/inject"] !== "false";
        const ports = list(get(template, "spec.containers")).flatMap((c: any) => list(c.ports).map((p: any) =>
            ({ name: p.name, port: p.containerPort, protocol: p.protocol ?? "TCP" })));
        workloads.push({
            urn: d.urn, label: `${namespace}/${get(d.props, "metadata.name") ?? d.name}`, namespace, labels,
            ports: [...ports, ...(injected ? SIDECAR_PORTS : [])], hostNetwork: get(template, "spec.hostNetwork") === true,
            inMesh: injected, watchesApi: false, callsAws: [],
        });
    }

    const releases = ofTypes(resources, [RELEASE]).map(r => ({
        resource: r, chart: r.props.chart as string, version: r.props.version as string,
        name: (r.props.name ?? r.name) as string, namespace: (r.props.namespace ?? "default") as string, values: r.props.values ?? {},
    }));
    const maxNodes = ofTypes(resources, [NODE_GROUP]).reduce((n, g) => n + Number(get(g.props, "scalingConfig.maxSize") ?? 0), 0);
    const chartServices: Service[] = [];
    for (const release of releases) {
        const row = CHARTS.find(c => c.chart === release.chart);
        if (!row) {
            continue;
        }
        for (const pod of row.pods(release, maxNodes)) {
            workloads.push(chartWorkload(release, pod));
        }
        for (const s of row.services(release)) {
            chartServices.push({ label: `${release.namespace}/${s.name}`, namespace: release.namespace, name: s.name,
                selector: s.selector, ports: s.ports, clusterIps: serviceCidrs, backends: [] });
        }
    }
    if (ofTypes(resources, [ADDON]).some(a => a.props.addonName === "metrics-server")) {
        workloads.push({ urn: ofTypes(resources, [ADDON]).find(a => a.props.addonName === "metrics-server")!.urn,
            label: "kube-system/metrics-server (EKS add-on)", namespace: SYSTEM.metricsServer.namespace,
            labels: SYSTEM.metricsServer.labels, ports: [], inMesh: false, watchesApi: true, callsAws: [] });
    }

    const planServices: Service[] = ofTypes(resources, [SERVICE]).map(s => {
        const namespace = get(s.props, "metadata.namespace") ?? "default";
        const name = get(s.props, "metadata.name") ?? s.name;
        return {
            label: `${namespace}/${name}`, namespace, name, selector: get(s.props, "spec.selector"),
            ports: list(get(s.props, "spec.ports")).map((p: any) => ({ port: p.port, targetPort: p.targetPort ?? p.port, protocol: p.protocol ?? "TCP" })),
            clusterIps: serviceCidrs, backends: [],
        };
    });
    const services = [...planServices, ...chartServices];
    for (const s of services) {
        s.backends = s.selector === undefined ? [] : workloads.filter(w => w.namespace === s.namespace && selects({ matchLabels: s.selector }, w.labels));
    }
    const coredns: Pod = { label: "kube-system/coredns", namespace: SYSTEM.dns.namespace, labels: SYSTEM.dns.pod.labels, ports: SYSTEM.dns.pod.ports };
    const dns: Service = { label: "kube-system/kube-dns", namespace: SYSTEM.dns.namespace, name: SYSTEM.dns.name, selector: SYSTEM.dns.selector,
        ports: SYSTEM.dns.ports, clusterIps: serviceCidrs.map(c => nthAddress(c, SYSTEM.dns.address)), backends: [coredns] };
    const api: Service = { label: "default/kubernetes", namespace: SYSTEM.api.namespace, name: SYSTEM.api.name, selector: undefined,
        ports: [{ port: SYSTEM.api.port, targetPort: SYSTEM.api.port, protocol: "TCP" }],
        clusterIps: serviceCidrs.map(c => nthAddress(c, 1)), backends: [] };
    const eniCidrs = clusterSubnets.length > 0 ? clusterSubnets : vpcCidrs;
    const vpcEndpoints = ofTypes(resources, [VPC_ENDPOINT])
        .filter(e => (e.props.vpcEndpointType ?? "Gateway") === "Interface")
        .map(e => {
            const cidrs = subnetCidrs(e);
            return { service: String(e.props.serviceName ?? "").split(".").slice(3).join("."),
                addresses: { kind: "addresses" as const, label: `VPC endpoint ${e.name}`, cidrs: cidrs.length > 0 ? cidrs : vpcCidrs } };
        });
    return {
        cluster, workloads, services, dns, api, vpcEndpoints, releases, clusterUrn: eks?.urn, routes: routesOf(resources, services),
        istiod: chartServices.find(s => s.name === "istiod"),
        apiEnis: { kind: "addresses", label: "the EKS API's ENIs (cluster subnets)", cidrs: eniCidrs },
        controlPlane: { kind: "addresses", label: "the EKS control plane (its ENIs in the cluster subnets)", cidrs: eniCidrs },
    };
}

function chartWorkload(release: Model["releases"][number], pod: ChartPod): Workload {
    const namespace = pod.namespace ?? release.namespace;
    return {
        urn: release.resource.urn, label: `${namespace}/${pod.name} (chart ${release.chart} ${release.version})`, namespace,
        labels: pod.labels, ports: pod.ports, hostNetwork: pod.hostNetwork === true, inMesh: pod.inMesh === true,
        watchesApi: pod.watchesApi === true, callsAws: pod.callsAws ?? [], webhookPort: pod.webhookPort, role: pod.role,
    };
}

/** One evaluated flow. */
export interface FlowCheck { flow: string; from: Workload | Addresses; to: Endpoint; port: number; protocol: string; urn?: string; }

function toLabel(to: Endpoint): string {
    return to.kind === "pod" ? to.pod.label : to.kind === "service" ? `Service ${to.service.label}` : to.label;
}

/** The concrete (source, destination, port) checks of every required flow. */
export function requiredChecks(model: Model): { checks: FlowCheck[]; problems: { flow: string; message: string; urn?: string }[] } {
    const checks: FlowCheck[] = [];
    const problems: { flow: string; message: string; urn?: string }[] = [];
    const pods = model.workloads.filter(w => !w.hostNetwork);
    for (const w of model.workloads.filter(x => x.watchesApi)) {
        checks.push({ flow: "kubernetes-api", from: w, to: { kind: "service", service: model.api }, port: 443, protocol: "TCP", urn: w.urn });
        checks.push({ flow: "kubernetes-api", from: w, to: model.apiEnis, port: 443, protocol: "TCP", urn: w.urn });
    }
    if (model.istiod) {
        for (const w of model.workloads.filter(x => x.inMesh)) {
            checks.push({ flow: "istiod-xds", from: w, to: { kind: "service", service: model.istiod }, port: 15012, protocol: "TCP", urn: w.urn });
        }
    }
    for (const w of model.workloads.filter(x => x.webhookPort !== undefined)) {
        checks.push({ flow: "webhooks", from: model.controlPlane, to: { kind: "pod", pod: w }, port: w.webhookPort!, protocol: "TCP", urn: w.urn });
    }
    for (const w of pods) {
        for (const protocol of ["UDP", "TCP"]) {
            checks.push({ flow: "dns", from: w, to: { kind: "service", service: model.dns }, port: 53, protocol, urn: w.urn });
        }
    }
    const gateways = model.workloads.filter(w => w.role === "gateway");
    for (const route of model.routes) {
        for (const gateway of gateways) {
            for (const backend of route.service.backends) {
                const sp = route.service.ports.find(p => p.port === route.port) ?? route.service.ports[0];
                const target = typeof sp?.targetPort === "number" ? sp.targetPort
                    : backend.ports.find(p => p.name === sp?.targetPort)?.port;
                if (target === undefined) {
                    problems.push({ flow: "gateway-routes", urn: route.urn, message: `${route.vs} routes to ${route.service.label}, `
                        + `whose port ${route.port} does not resolve on ${backend.label}.` });
                    continue;
                }
                checks.push({ flow: "gateway-routes", from: gateway, to: { kind: "pod", pod: backend }, port: target, protocol: "TCP", urn: gateway.urn });
            }
        }
    }
    for (const collector of model.workloads.filter(w => w.role === "collector")) {
        const release = model.releases.find(r => r.resource.urn === collector.urn);
        const jobs: any[] = list(get(release?.values, "serverFiles")?.["prometheus.yml"]?.scrape_configs);
        for (const job of jobs) {
            const kind = SCRAPE_JOBS[job.job_name];
            if (!kind) {
                problems.push({ flow: "scrapes", urn: collector.urn, message: `the collector's scrape job '${job.job_name}' has no flow: `
                    + `add it to SCRAPE_JOBS in policies/src/rules/flows-data.ts with the port it reaches.` });
                continue;
            }
            if (kind === "envoy") {
                const names: string[] = list(job.kubernetes_sd_configs).flatMap((c: any) => list(c.namespaces?.names));
                for (const w of model.workloads.filter(x => (x.inMesh) && (names.length === 0 || names.includes(x.namespace)))) {
                    checks.push({ flow: "scrapes", from: collector, to: { kind: "pod", pod: w }, port: 15090, protocol: "TCP", urn: collector.urn });
                }
            } else if (kind === "kube-state-metrics") {
                const ksm = model.services.find(s => s.name.endsWith("kube-state-metrics"));
                if (ksm) {
                    checks.push({ flow: "scrapes", from: collector, to: { kind: "service", service: ksm }, port: 8080, protocol: "TCP", urn: collector.urn });
                }
            } else if (kind === "nodes") {
                checks.push({ flow: "scrapes", from: collector, to: { kind: "addresses", label: "the nodes (host network)", cidrs: model.cluster.nodeCidrs },
                    port: 9100, protocol: "TCP", urn: collector.urn });
            }
            // "api": the kubelet through the API server's proxy is the collector's kubernetes-api flow.
        }
    }
    for (const w of model.workloads.filter(x => x.callsAws.length > 0)) {
        for (const service of w.callsAws) {
            const endpoint = model.vpcEndpoints.find(e => e.service === service);
            const to: Addresses = endpoint?.addresses
                ?? { kind: "addresses", label: `AWS ${service} public endpoint (no interface VPC endpoint declared)`, cidrs: ["0.0.0.0/0"] };
            checks.push({ flow: "aws-endpoints", from: w, to, port: 443, protocol: "TCP", urn: w.urn });
        }
    }
    return { checks, problems };
}

/** VirtualServices bound to a gateway (not only `mesh`) and the Services their routes reach. */
function routesOf(resources: PolicyResource[], services: Service[]): Route[] {
    const routes: Route[] = [];
    for (const vs of ofTypes(resources, /:VirtualService$/)) {
        const gateways: string[] = list(get(vs.props, "spec.gateways"));
        if (!gateways.some(g => g !== "mesh")) {
            continue;
        }
        const namespace = get(vs.props, "metadata.namespace") ?? "default";
        for (const http of list(get(vs.props, "spec.http"))) {
            for (const route of list(http.route)) {
                const host: string = route.destination?.host ?? "";
                const [name, ns = namespace] = host.split(".");
                const service = services.find(s => s.name === name && s.namespace === ns);
                if (service && !routes.some(r => r.service === service)) {
                    routes.push({ vs: `VirtualService ${namespace}/${get(vs.props, "metadata.name")}`, urn: vs.urn, service,
                        port: route.destination?.port?.number ?? service.ports[0]?.port });
                }
            }
        }
    }
    return routes;
}

/** The model of a stack. */
export function stackModel(resources: PolicyResource[]): Model {
    return modelOf(resources);
}

const FIXES: Record<string, string> = {
    "kubernetes-api": "allow egress on TCP 443 to the `kubernetes` Service's cluster IP as an ipBlock /32 (set "
        + "kubernetesNetworkConfig.serviceIpv4Cidr on the cluster so the address is known; the VPC CIDR does not contain it, "
        + "and the agent resolves cluster IPs only for pod-selector peers whose podSelector matches the Service's selector, "
        + "which `kubernetes` does not have) and to the cluster subnets (the API's ENIs)",
    "istiod-xds": "allow egress to istio-system pods app=istiod on TCP 15012 (a pod-selector peer also admits istiod's "
        + "cluster IP) and ingress at istiod from the mesh namespaces on 15012",
    "webhooks": "allow ingress on the webhook's container port from the cluster subnets (the control plane's ENIs)",
    "dns": "allow egress to kube-system pods k8s-app=kube-dns on 53 UDP and TCP (the pod-selector peer also admits "
        + "kube-dns's cluster IP)",
    "gateway-routes": "allow egress from the gateway to the service's namespace on its target port, and ingress at the "
        + "service's pods from istio-ingress",
    "scrapes": "allow egress from the collector and ingress at the target on the scraped port",
    "aws-endpoints": "declare an interface VPC endpoint for the service and allow egress on 443 to its subnets",
};

const pendingSchema: PolicyConfigSchema = {
    properties: {
        becomesMandatoryWhen: { type: "string", description: "Why this rule is advisory on this stack for now: the "
            + "defect it reports, and when it becomes mandatory (when that defect is fixed)." },
    },
};

function checkRequired(args: StackValidationArgs, report: ReportViolation, rule: string) {
    const model = stackModel(args.resources);
    if (!model.clusterUrn) {
        return;
    }
    const flows = new Set(REQUIRED_FLOWS.filter(f => f.rule === rule).map(f => f.id as string));
    const { checks, problems } = requiredChecks(model);
    for (const p of problems.filter(x => flows.has(x.flow))) {
        report(`flow ${p.flow}: ${p.message}`, p.urn);
    }
    for (const c of checks.filter(x => flows.has(x.flow))) {
        const verdict = allows(model.cluster, c.from, c.to, c.port, c.protocol);
        if (!verdict.allowed) {
            report(`flow ${c.flow}: ${c.from.label} -> ${toLabel(c.to)} ${c.protocol} ${c.port} is blocked (${verdict.why}). `
                + `Fix: ${FIXES[c.flow]}.`, c.urn);
        }
    }
}

/** istiod's ingress policies that admit a plaintext port from anything but the collector. */
export function istiodPlaintext(model: Model): { message: string }[] {
    const istiod = model.workloads.find(w => w.role === "istiod");
    if (!istiod) {
        return [];
    }
    const collectors = model.workloads.filter(w => w.role === "collector");
    const forbidden = FORBIDDEN_FLOWS.find(f => f.id === "istiod-plaintext")!;
    const found: { message: string }[] = [];
    const policies = model.cluster.policies.filter(p => p.namespace === istiod.namespace
        && policyTypes(p.spec).includes("Ingress") && selects(p.spec.podSelector ?? {}, istiod.labels));
    if (policies.length === 0) {
        found.push({ message: `no Ingress policy selects ${istiod.label}: every address reaches ${forbidden.ports.join(" and ")}.` });
    }
    for (const p of policies) {
        for (const rule of list(p.spec.ingress)) {
            for (const port of forbidden.ports) {
                const admits = list(rule.ports).length === 0 || list(rule.ports).some((x: any) => (x.protocol ?? "TCP") === "TCP"
                    && (x.port === undefined || x.port === port || (typeof x.port === "string" && istiod.ports.some(c => c.name === x.port && c.port === port))
                        || (typeof x.port === "number" && x.endPort !== undefined && port >= x.port && port <= x.endPort)));
                if (!admits) {
                    continue;
                }
                const peers = list(rule.from);
                const onlyCollector = (peer: any) => !peer.ipBlock && collectors.length > 0
                    && model.workloads.filter(w => !w.hostNetwork && (peer.namespaceSelector
                        ? selects(peer.namespaceSelector, { ...(model.cluster.namespaces.get(w.namespace) ?? {}), "kubernetes.io/metadata.name": w.namespace })
                        : w.namespace === p.namespace) && selects(peer.podSelector, w.labels))
                        .every(w => w.role === "collector")
                    && peer.podSelector !== undefined && Object.keys(peer.podSelector.matchLabels ?? {}).length + list(peer.podSelector.matchExpressions).length > 0;
                const allowedForCollector = (forbidden.exceptCollector as readonly number[]).includes(port);
                const offending = peers.length === 0 ? ["every source"] : peers
                    .filter((peer: any) => !(allowedForCollector && onlyCollector(peer)))
                    .map((peer: any) => peer.ipBlock ? `ipBlock ${peer.ipBlock.cidr}` : `peer ${JSON.stringify(peer)}`);
                if (offending.length > 0) {
                    found.push({ message: `${p.namespace}/${p.name} admits TCP ${port} (istiod's plaintext `
                        + `${port === 15010 ? "xDS" : "debug and metrics"} port) from ${offending.join(", ")}. Fix: admit only `
                        + `15012 from the mesh namespaces and 15017 from the cluster subnets`
                        + `${allowedForCollector ? `, and ${port} only from the metrics collector's pods` : ""}.` });
                }
            }
        }
    }
    return found;
}

export const flowPolicies: Policies = [
    {
        name: "network-flow-kubernetes-api",
        description: "istiod and every controller that watches the API reach the `kubernetes` Service's cluster IP and "
            + "the EKS API's ENIs on 443, under the VPC CNI network policy agent's semantics.",
        severity: "critical",
        configSchema: pendingSchema,
        validateStack: (args, report) => checkRequired(args, report, "network-flow-kubernetes-api"),
    },
    {
        name: "network-flows-required",
        description: "Every required flow of policies/src/rules/flows-data.ts (istiod 15012, webhooks, DNS, the "
            + "gateway's routes, the collector's scrapes, AWS endpoints) is allowed by the source's egress and the "
            + "destination's ingress.",
        severity: "critical",
        configSchema: pendingSchema,
        validateStack: (args, report) => checkRequired(args, report, "network-flows-required"),
    },
    {
        name: "network-flows-chart-table",
        description: "Every chart the plan installs is described in flows-data.ts CHARTS at the version the plan pins.",
        severity: "high",
        configSchema: pendingSchema,
        validateStack: (args, report) => {
            for (const release of stackModel(args.resources).releases) {
                const row = CHARTS.find(c => c.chart === release.chart);
                if (row && row.version !== release.version) {
                    report(`chart ${release.chart} is pinned at ${release.version} but the flows describe it at ${row.version} `
                        + `(${row.source}): re-read its labels and ports at ${release.version} and update its row in `
                        + `policies/src/rules/flows-data.ts.`, release.resource.urn);
                }
                if (!row && release.chart !== "base") {
                    report(`chart ${release.chart} ${release.version} has no row in policies/src/rules/flows-data.ts CHARTS: `
                        + `describe its pods' labels and ports there, cited to the chart at that version.`, release.resource.urn);
                }
            }
        },
    },
    {
        name: "network-flow-istiod-plaintext",
        description: "Nothing outside the mesh reaches istiod's plaintext ports (15010 xDS; 15014 except from the "
            + "metrics collector).",
        severity: "high",
        configSchema: pendingSchema,
        validateStack: (args, report) => {
            const model = stackModel(args.resources);
            const istiod = model.workloads.find(w => w.role === "istiod");
            for (const f of istiodPlaintext(model)) {
                report(f.message, istiod?.urn);
            }
        },
    },
    {
        name: "network-flow-no-internet-egress",
        description: "No pod reaches the whole internet (an egress ipBlock covering every public address, or no "
            + "Egress policy at all): AWS through VPC endpoints, outside APIs through named per-service rules.",
        severity: "high",
        configSchema: {
            properties: {
                ...pendingSchema.properties,
                exemptEgressPolicies: exemptionSchema("NetworkPolicies (<namespace>/<metadata.name>) whose internet egress "
                    + "is accepted: a named per-service rule to an outside API that publishes no address ranges."),
            },
        },
        validateStack: (args, report) => {
            const model = stackModel(args.resources);
            const exempt = exemptions(configOf<{ exemptEgressPolicies?: unknown }>(args, { properties: {} }).exemptEgressPolicies);
            // kube-system holds EKS's own add-ons (CoreDNS forwards to the VPC resolver), outside the platform's rules.
            for (const w of model.workloads.filter(x => x.namespace !== "kube-system")) {
                // "<namespace>/<policy> allows ...": an exempted policy is a reviewed, reasoned exception, nothing more.
                const reasons = internetEgress(model.cluster, w).filter(why => !exempt.has(why.split(" ")[0]));
                for (const why of reasons) {
                    report(`${w.label} reaches the whole internet: ${why}. Fix: reach AWS through VPC endpoints (egress to `
                        + `their subnets on 443) and give each outside API a named egress rule for its addresses.`, w.urn);
                }
            }
        },
    },
];
