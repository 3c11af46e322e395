// The network flow rules on the real plans: one named test per flow of policies/src/rules/flows-data.ts, each on a
// real plan turned into the defect, plus the pass case; and the evaluator's VPC CNI semantics on their own.
// Tests call the rule functions directly (only the rule under test), so they do not depend on any stack's level.
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, Plan, PlanResource } from "../src/offline";
import { flowPolicies } from "../src/rules/flows";
import { FORBIDDEN_FLOWS, REQUIRED_FLOWS } from "../src/rules/flows-data";
import { allows, Cluster, covers, coversInternet, nthAddress, Pod, policyTypes } from "../src/rules/netpol";
import { find, production, realPlan, remove } from "./plans";

const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const EKS = "aws:eks/cluster:Cluster";
const RELEASE = "kubernetes:helm.sh/v3:Release";

/** The messages one rule reports on a plan (the rule alone, default level). */
async function messages(plan: Plan, rule: string): Promise<string[]> {
    const policy = flowPolicies.find(p => p.name === rule)!;
    return (await evaluate(plan, [policy], {})).map(v => v.message);
}

function policy(plan: Plan, name: string): PlanResource {
    return find(plan, NP, name);
}

function edit(plan: Plan, name: string, change: (spec: any) => void): Plan {
    change(policy(plan, name).inputs.spec);
    return plan;
}

/**
 * The plan turned back into issue 13 item 1: istio-system's API rule without the kubernetes Service's cluster IP (the
 * /32 of the service CIDR's first address), only the VPC CIDR.
 */
function withoutApiClusterIp(plan: Plan): Plan {
    const serviceCidr = find(plan, EKS).inputs.kubernetesNetworkConfig.serviceIpv4Cidr;
    edit(plan, "mesh-tenancy-system-allow-kubernetes-api", spec => {
        const before = spec.egress[0].to.length;
        spec.egress[0].to = spec.egress[0].to.filter((peer: any) => peer.ipBlock?.cidr !== nthAddress(serviceCidr, 1));
        assert.equal(spec.egress[0].to.length, before - 1, "the real plan allows the kubernetes Service's /32");
    });
    return plan;
}

/** Every pod that watches the API, each blocked from the kubernetes Service when its cluster IP is not known. */
const KUBERNETES_SERVICE_WATCHERS = [
    "flow kubernetes-api: istio-system/istio-cni-node (chart cni 1.31.1) -> Service default/kubernetes TCP 443",
    "flow kubernetes-api: istio-system/istiod (chart istiod 1.31.1) -> Service default/kubernetes TCP 443",
    "flow kubernetes-api: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> Service default/kubernetes TCP 443",
    "flow kubernetes-api: monitoring/prometheus-agent-kube-state-metrics (chart prometheus 29.27.0) -> Service default/kubernetes TCP 443",
    "flow kubernetes-api: external-secrets/external-secrets (chart external-secrets 2.13.0) -> Service default/kubernetes TCP 443",
    "flow kubernetes-api: external-secrets/external-secrets-webhook (chart external-secrets 2.13.0) -> Service default/kubernetes TCP 443",
    "flow kubernetes-api: external-secrets/external-secrets-cert-controller (chart external-secrets 2.13.0) -> Service default/kubernetes TCP 443",
];

const blocked = (from: string, to: string, protocol: string, port: number) =>
    new RegExp(`^flow [a-z-]+: ${escape(from)} -> ${escape(to)} ${protocol} ${port} is blocked`);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("every flow of flows-data.ts and every flow rule has a named test below", () => {
    const ids = [...REQUIRED_FLOWS.map(f => f.id), ...FORBIDDEN_FLOWS.map(f => f.id)];
    assert.deepEqual(ids.filter(id => !testedFlows.has(id)), []);
    const rules = new Set([...REQUIRED_FLOWS.map(f => f.rule), ...FORBIDDEN_FLOWS.map(f => f.rule), "network-flows-chart-table"]);
    assert.deepEqual(flowPolicies.map(p => p.name).filter(n => !rules.has(n)), []);
});
const testedFlows = new Set<string>();
function flow(id: string, body: () => void) {
    testedFlows.add(id);
    describe(`flow ${id}`, body);
}

flow("kubernetes-api", () => {
    const rule = "network-flow-kubernetes-api";
    test("fails on the plan turned into issue 13 item 1 (no /32 for the kubernetes Service): istiod and istio-cni cannot reach it", async () => {
        const found = await messages(withoutApiClusterIp(production()), rule);
        assert.deepEqual(found.map(m => m.split(" is blocked")[0]), [
            "flow kubernetes-api: istio-system/istio-cni-node (chart cni 1.31.1) -> Service default/kubernetes TCP 443",
            "flow kubernetes-api: istio-system/istiod (chart istiod 1.31.1) -> Service default/kubernetes TCP 443",
        ]);
        assert.equal(found[1], "flow kubernetes-api: istio-system/istiod (chart istiod 1.31.1) -> Service default/kubernetes "
            + "TCP 443 is blocked (egress: no egress rule of allow-dns, allow-kubernetes-api, default-deny allows it). Fix: allow "
            + "egress on TCP 443 to the `kubernetes` Service's cluster IP as an ipBlock /32 (set "
            + "kubernetesNetworkConfig.serviceIpv4Cidr on the cluster so the address is known; the VPC CIDR does not contain it, "
            + "and the agent resolves cluster IPs only for pod-selector peers whose podSelector matches the Service's selector, "
            + "which `kubernetes` does not have) and to the cluster subnets (the API's ENIs).");
    });
    test("passes on the real plans: an explicit service CIDR and its first address as a /32", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), rule), [], stack);
        }
    });
    test("fails a /32 for one of EKS's two default service CIDRs while the cluster leaves the CIDR unset", async () => {
        const plan = production();
        delete find(plan, EKS).inputs.kubernetesNetworkConfig;
        // Every API watcher allows 172.20.0.1/32 only; EKS may pick 10.100.0.0/16, whose 10.100.0.1 none allows.
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(" is blocked")[0]), KUBERNETES_SERVICE_WATCHERS);
    });
    test("fails when only the cluster IP is allowed: the API's ENIs (private endpoint DNS) are cut", async () => {
        const plan = production();
        edit(plan, "mesh-tenancy-system-allow-kubernetes-api", spec => { spec.egress[0].to = [{ ipBlock: { cidr: "172.20.0.1/32" } }]; });
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(" is blocked")[0]), [
            "flow kubernetes-api: istio-system/istio-cni-node (chart cni 1.31.1) -> the EKS API's ENIs (cluster subnets) TCP 443",
            "flow kubernetes-api: istio-system/istiod (chart istiod 1.31.1) -> the EKS API's ENIs (cluster subnets) TCP 443",
        ]);
    });
    test("fails the collector and kube-state-metrics once monitoring's API rule is removed", async () => {
        const plan = remove(production(), NP, "monitoring-allow-kubernetes-api");
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(" is blocked")[0]), [
            "flow kubernetes-api: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> Service default/kubernetes TCP 443",
            "flow kubernetes-api: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> the EKS API's ENIs (cluster subnets) TCP 443",
            "flow kubernetes-api: monitoring/prometheus-agent-kube-state-metrics (chart prometheus 29.27.0) -> Service default/kubernetes TCP 443",
            "flow kubernetes-api: monitoring/prometheus-agent-kube-state-metrics (chart prometheus 29.27.0) -> the EKS API's ENIs (cluster subnets) TCP 443",
        ]);
    });
    test("a namespaceSelector peer on `default` without podSelector admits the kubernetes Service (the controller matches every Service there)", async () => {
        const plan = withoutApiClusterIp(production());
        edit(plan, "mesh-tenancy-system-allow-kubernetes-api", spec => spec.egress[0].to.push(
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "default" } } }));
        assert.deepEqual(await messages(plan, rule), []);
    });
    test("a podSelector peer in `default` does not: the kubernetes Service has no selector to match", async () => {
        const plan = withoutApiClusterIp(production());
        edit(plan, "mesh-tenancy-system-allow-kubernetes-api", spec => spec.egress[0].to.push(
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "default" } }, podSelector: { matchLabels: { component: "apiserver" } } }));
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(" is blocked")[0]), [
            "flow kubernetes-api: istio-system/istio-cni-node (chart cni 1.31.1) -> Service default/kubernetes TCP 443",
            "flow kubernetes-api: istio-system/istiod (chart istiod 1.31.1) -> Service default/kubernetes TCP 443",
        ]);
    });
});

flow("istiod-xds", () => {
    const rule = "network-flows-required";
    test("passes on the real plans", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), rule), [], stack);
        }
    });
    test("fails a service namespace that allows istiod only on 15017", async () => {
        const plan = edit(production(), "tenancy-ns-order-service-allow-istiod", spec => { spec.egress[0].ports = [{ port: 15017, protocol: "TCP" }]; });
        const found = await messages(plan, rule);
        assert.deepEqual(found.map(m => m.split(" (")[0]), [
            "flow istiod-xds: order-service/order-service-blue -> Service istio-system/istiod TCP 15012 is blocked",
            "flow istiod-xds: order-service/order-service-green -> Service istio-system/istiod TCP 15012 is blocked",
        ]);
        assert.match(found[0], /\(egress: no egress rule of allow-aws-endpoints, allow-database, allow-dns, allow-istiod, default-deny, order-service-egress, order-service-external-payment-gateway allows it\)/);
    });
    test("fails the gateway when istiod's ingress admits only the service namespaces", async () => {
        const plan = edit(production(), "mesh-tenancy-system-allow-istiod", spec => {
            spec.ingress[0].from = [{ namespaceSelector: { matchLabels: { "istio-injection": "enabled" } } }];
        });
        const found = await messages(plan, rule);
        assert.ok(found.includes("flow istiod-xds: istio-ingress/istio-ingressgateway (chart gateway 1.31.1) -> Service "
            + "istio-system/istiod TCP 15012 is blocked (ingress on 15012: no ingress rule of "
            + "allow-istiod-clients, default-deny admits it). Fix: allow egress to istio-system pods app=istiod on TCP 15012 "
            + "(a pod-selector peer also admits istiod's cluster IP) and ingress at istiod from the mesh namespaces on 15012."), found.join("\n"));
    });
});

flow("webhooks", () => {
    const rule = "network-flows-required";
    test("fails when istiod admits 15017 only from one subnet of the three the control plane uses", async () => {
        const plan = edit(production(), "mesh-tenancy-system-allow-istiod", spec => {
            const webhook = spec.ingress.find((r: any) => r.ports.some((p: any) => p.port === 15017));
            webhook.from = [{ ipBlock: { cidr: "10.30.32.0/19" } }];
        });
        assert.deepEqual((await messages(plan, rule)).filter(m => m.startsWith("flow webhooks")), [
            "flow webhooks: the EKS control plane (its ENIs in the cluster subnets) -> istio-system/istiod (chart istiod 1.31.1) "
            + "TCP 15017 is blocked (ingress on 15017: no ingress rule of allow-istiod-clients, "
            + "default-deny admits it). Fix: allow ingress on the webhook's container port from the cluster subnets (the "
            + "control plane's ENIs).",
        ]);
    });
});

flow("dns", () => {
    const rule = "network-flows-required";
    test("fails a namespace that allows DNS over UDP only (answers over 512 bytes fall back to TCP)", async () => {
        const plan = edit(production(), "tenancy-ns-order-service-allow-dns", spec => { spec.egress[0].ports = [{ port: 53, protocol: "UDP" }]; });
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(" (")[0]), [
            "flow dns: order-service/order-service-blue -> Service kube-system/kube-dns TCP 53 is blocked",
            "flow dns: order-service/order-service-green -> Service kube-system/kube-dns TCP 53 is blocked",
        ]);
    });
    test("fails a kube-dns peer whose podSelector does not match the kube-dns Service's selector", async () => {
        const plan = edit(production(), "monitoring-allow-dns", spec => { spec.egress[0].to[0].podSelector = { matchLabels: { "k8s-app": "coredns" } }; });
        const found = (await messages(plan, rule)).map(m => m.split(" is blocked")[0]);
        assert.ok(found.includes("flow dns: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> Service kube-system/kube-dns UDP 53"), found.join("\n"));
    });
});

flow("gateway-routes", () => {
    const rule = "network-flows-required";
    test("fails when the API's entry service admits the gateway's namespace no more", async () => {
        const plan = edit(production(), "tenancy-svc-api-gateway-allow-ingress", spec => {
            spec.ingress[0].from = [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-system" } } }];
        });
        const found = (await messages(plan, rule)).filter(m => m.startsWith("flow gateway-routes"));
        assert.deepEqual(found.map(m => m.split(" (ingress")[0]), [
            "flow gateway-routes: istio-ingress/istio-ingressgateway (chart gateway 1.31.1) -> infrastructure/api-gateway-green TCP 8080 is blocked",
        ]);
    });
    test("fails when the gateway's egress misses the entry service's namespace", async () => {
        const plan = edit(production(), "mesh-tenancy-ingress-allow-services", spec => {
            spec.egress = spec.egress.filter((r: any) => r.to[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"] !== "infrastructure");
        });
        assert.match((await messages(plan, rule)).join("\n"), /gateway-routes: .* -> infrastructure\/api-gateway-green TCP 8080 is blocked \(egress/);
    });
});

flow("scrapes", () => {
    const rule = "network-flows-required";
    test("fails when a namespace admits the collector on the wrong port", async () => {
        const plan = edit(production(), "monitoring-scrape-from-order-service", spec => { spec.ingress[0].ports = [{ port: 15020, protocol: "TCP" }]; });
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(" (ingress")[0]), [
            "flow scrapes: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> order-service/order-service-blue TCP 15090 is blocked",
            "flow scrapes: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> order-service/order-service-green TCP 15090 is blocked",
        ]);
    });
    test("fails when node-exporter's port is not allowed to the nodes", async () => {
        const plan = edit(production(), "monitoring-allow-scrape", spec => { spec.egress = spec.egress.filter((r: any) => r.ports[0].port !== 9100); });
        assert.match((await messages(plan, rule)).join("\n"), /^flow scrapes: .* -> the nodes \(host network\) TCP 9100 is blocked/m);
    });
    test("fails a scrape job the flows do not know", async () => {
        const plan = production();
        find(plan, RELEASE, "metrics-collector-chart").inputs.values.serverFiles["prometheus.yml"].scrape_configs.push({ job_name: "istiod" });
        assert.deepEqual(await messages(plan, rule), ["flow scrapes: the collector's scrape job 'istiod' has no flow: add it to "
            + "SCRAPE_JOBS in policies/src/rules/flows-data.ts with the port it reaches."]);
    });
});

flow("aws-endpoints", () => {
    const rule = "network-flows-required";
    const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    test("passes on the real plan: interface endpoints for STS and the AMP workspace, and egress to their subnets", async () => {
        assert.deepEqual((await messages(production(), rule)).filter(m => m.startsWith("flow aws-endpoints")), []);
    });
    test("fails the collector's remote write once the plan loses its STS and AMP VPC endpoints", async () => {
        const plan = remove(remove(production(), VPC_ENDPOINT, "endpoints-sts"), VPC_ENDPOINT, "endpoints-aps-workspaces");
        assert.deepEqual((await messages(plan, rule)).filter(m => m.startsWith("flow aws-endpoints: monitoring/")).map(m => m.split(" is blocked")[0]), [
            "flow aws-endpoints: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> AWS sts public endpoint (no interface VPC endpoint declared) TCP 443",
            "flow aws-endpoints: monitoring/prometheus-agent-server (chart prometheus 29.27.0) -> AWS aps-workspaces public endpoint (no interface VPC endpoint declared) TCP 443",
        ]);
    });
});

describe("network-flows-chart-table", () => {
    const rule = "network-flows-chart-table";
    test("passes: every chart is described at its pinned version", async () => {
        assert.deepEqual(await messages(production(), rule), []);
    });
    test("fails a chart upgraded without re-reading its labels and ports", async () => {
        const plan = production();
        find(plan, RELEASE, "mesh-istiod").inputs.version = "1.32.0";
        assert.deepEqual(await messages(plan, rule), [
            "chart istiod is pinned at 1.32.0 but the flows describe it at 1.31.1 (istio/istio@1.31.0-rc.0 (read at 1.31.0-rc.0; "
            + "1.31.1 not in the snapshot, the charts are unchanged on branch release-1.31) manifests/charts/"
            + "istio-control/istio-discovery/templates/deployment.yaml (pod labels app=istiod, istio=pilot; ports 8080, 15010, "
            + "15012, 15017, 15014), templates/service.yaml (443->15017), values.yaml (autoscaleMax 5, rollingMaxSurge 100%, "
            + "requests 500m/2048Mi; values read at the top level, pilot.* merged over them by templates/zzy_descope_legacy.yaml)): "
            + "re-read its labels and ports at 1.32.0 and update its row in policies/src/rules/flows-data.ts.",
        ]);
    });
});

flow("istiod-plaintext", () => {
    const rule = "network-flow-istiod-plaintext";
    test("passes on the real plans: 15014 from the collector only, 15010 from nothing", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), rule), [], stack);
        }
    });
    test("fails on the plan turned into issue 13 item 8: 15010 and 15014 open to the whole VPC", async () => {
        const plan = edit(production(), "mesh-tenancy-system-allow-istiod", spec => {
            spec.ingress.push({ from: [{ ipBlock: { cidr: "10.30.0.0/16" } }],
                ports: [{ port: 15010, protocol: "TCP" }, { port: 15014, protocol: "TCP" }] });
        });
        assert.deepEqual(await messages(plan, rule), [
            "istio-system/allow-istiod-clients admits TCP 15010 (istiod's plaintext xDS port) from ipBlock 10.30.0.0/16. Fix: "
            + "admit only 15012 from the mesh namespaces and 15017 from the cluster subnets.",
            "istio-system/allow-istiod-clients admits TCP 15014 (istiod's plaintext debug and metrics port) from ipBlock "
            + "10.30.0.0/16. Fix: admit only 15012 from the mesh namespaces and 15017 from the cluster subnets, and 15014 only "
            + "from the metrics collector's pods.",
        ]);
    });
    test("passes 15012 from the mesh, 15017 from the cluster subnets and 15014 from the collector only", async () => {
        const collector = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } },
            podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": "prometheus-agent" } } };
        const plan = edit(production(), "mesh-tenancy-system-allow-istiod", spec => {
            spec.ingress = [
                { from: [{ namespaceSelector: { matchLabels: { "istio-injection": "enabled" } } },
                    { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-ingress" } } }], ports: [{ port: 15012, protocol: "TCP" }] },
                { from: ["10.30.32.0/19", "10.30.64.0/19", "10.30.96.0/19"].map(cidr => ({ ipBlock: { cidr } })), ports: [{ port: 15017, protocol: "TCP" }] },
                { from: [collector], ports: [{ port: 15014, protocol: "TCP" }] },
            ];
        });
        assert.deepEqual(await messages(plan, rule), []);
        assert.deepEqual(await messages(plan, "network-flows-required"), [], "the required flows still pass");
    });
    test("fails 15014 from a whole namespace, and any rule without ports", async () => {
        const plan = edit(production(), "mesh-tenancy-system-allow-istiod", spec => {
            spec.ingress = [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "order-service" } } }] }];
        });
        assert.equal((await messages(plan, rule)).length, 2);
    });
});

flow("internet-egress", () => {
    const rule = "network-flow-no-internet-egress";
    const PAYMENT = "tenancy-svc-order-service-allow-external-payment-gateway";
    test("fails on the real plan only the two named outside-API rules (exempted in each stack's config)", async () => {
        assert.deepEqual((await messages(production(), rule)).map(m => m.split(" allows")[0]), [
            "shared-services/notification-service-green reaches the whole internet: shared-services/notification-service-external-email-service",
            "order-service/order-service-blue reaches the whole internet: order-service/order-service-external-payment-gateway",
            "order-service/order-service-green reaches the whole internet: order-service/order-service-external-payment-gateway",
        ]);
    });
    test("fails on the plan turned into issue 13 items 7, 11: the AWS rules widened to 0.0.0.0/0, External Secrets without Egress policies", async () => {
        const plan = production();
        for (const r of plan.resources.filter(r => r.type === NP && r.name.endsWith("-allow-aws-endpoints"))) {
            r.inputs.spec.egress[0].to = [{ ipBlock: { cidr: "0.0.0.0/0" } }];
        }
        plan.resources = plan.resources.filter(r => !(r.type === NP && r.inputs.metadata.namespace === "external-secrets"
            && (r.inputs.spec.policyTypes ?? []).includes("Egress")));
        // Twelve pods, each reaching the internet beside the two named outside-API rules (three pods) of the real plan.
        const found = (await messages(plan, rule)).filter(m => !/: [a-z-]+\/[a-z-]+-external-[a-z-]+ allows/.test(m));
        assert.equal(found.length, 12, found.join("\n"));
        assert.ok(found.includes("order-service/order-service-blue reaches the whole internet: order-service/allow-aws-endpoints "
            + "allows 0.0.0.0/0 (TCP 443). Fix: reach AWS through VPC endpoints (egress to their subnets on 443) and give each "
            + "outside API a named egress rule for its addresses."), found.join("\n"));
        assert.ok(found.includes("external-secrets/external-secrets (chart external-secrets 2.13.0) reaches the whole internet: "
            + "no Egress policy selects it (default allow). Fix: reach AWS through VPC endpoints (egress to their subnets on 443) "
            + "and give each outside API a named egress rule for its addresses."), found.join("\n"));
    });
    test("passes a named rule to one outside API and a split rule that still leaves the internet out", async () => {
        const plan = edit(production(), PAYMENT, spec => { spec.egress[0].to = [{ ipBlock: { cidr: "203.0.113.10/32" } }]; });
        edit(plan, "tenancy-ns-order-service-allow-aws-endpoints", spec => {
            spec.egress[0].to = [...spec.egress[0].to, { ipBlock: { cidr: "0.0.0.0/1" } }];
        });
        assert.deepEqual((await messages(plan, rule)).filter(m => m.startsWith("order-service/")), []);
    });
    test("fails 0.0.0.0/0 with private ranges excepted: still the whole internet", async () => {
        const plan = edit(production(), PAYMENT, spec => { spec.egress[0].to = [{ ipBlock: { cidr: "203.0.113.10/32" } }]; });
        edit(plan, "tenancy-ns-order-service-allow-aws-endpoints", spec => {
            spec.egress[0].to = [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "172.16.0.0/12"] } }];
        });
        assert.ok((await messages(plan, rule)).some(m => m.startsWith("order-service/order-service-blue reaches the whole internet: "
            + "order-service/allow-aws-endpoints")));
    });
});

describe("VPC CNI semantics (netpol.ts)", () => {
    const pod = (namespace: string, labels: Record<string, string>, extra: Partial<Pod> = {}): Pod =>
        ({ label: `${namespace}/${labels.app}`, namespace, labels, ports: [{ name: "http", port: 8080, protocol: "TCP" }], ...extra });
    const cluster = (policies: { namespace: string; spec: any }[]): Cluster => ({ namespaces: new Map(),
        policies: policies.map((p, i) => ({ name: `p${i}`, ...p })), podCidrs: ["10.0.32.0/19"], nodeCidrs: ["10.0.32.0/19"] });
    const a = pod("a", { app: "a" });
    const b = pod("b", { app: "b" });
    test("default allow: a pod no Egress or Ingress policy selects", () => {
        assert.equal(allows(cluster([]), a, { kind: "pod", pod: b }, 8080, "TCP").allowed, true);
    });
    test("policyTypes defaults to Ingress, plus Egress when egress rules are given", () => {
        assert.deepEqual(policyTypes({ podSelector: {} }), ["Ingress"]);
        assert.deepEqual(policyTypes({ podSelector: {}, egress: [{}] }), ["Ingress", "Egress"]);
    });
    test("a named port resolves against the destination pod; in an ipBlock rule it is skipped", () => {
        const named = cluster([{ namespace: "a", spec: { podSelector: {}, policyTypes: ["Egress"],
            egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: "http", protocol: "TCP" }] }] } }]);
        assert.equal(allows(named, a, { kind: "pod", pod: b }, 8080, "TCP").allowed, true);
        const cidr = cluster([{ namespace: "a", spec: { podSelector: {}, policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ port: "http", protocol: "TCP" }] }] } }]);
        assert.equal(allows(cidr, a, { kind: "pod", pod: b }, 8080, "TCP").allowed, false);
    });
    test("host-network pods are not governed, as source or destination", () => {
        const denyAll = cluster([{ namespace: "a", spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }]);
        assert.equal(allows(denyAll, pod("a", { app: "x" }, { hostNetwork: true }), { kind: "pod", pod: b }, 8080, "TCP").allowed, true);
        assert.equal(allows(denyAll, b, { kind: "pod", pod: pod("a", { app: "x" }, { hostNetwork: true }) }, 8080, "TCP").allowed, true);
    });
    test("an ipBlock must cover every address the destination may have, minus its excepts", () => {
        assert.equal(covers("10.0.0.0/16", [], "10.0.32.0/19"), true);
        assert.equal(covers("10.0.0.0/16", ["10.0.40.0/24"], "10.0.32.0/19"), false);
        assert.equal(covers("10.0.32.0/20", [], "10.0.32.0/19"), false);
        assert.equal(coversInternet("0.0.0.0/0", ["10.0.0.0/8"]), true);
        assert.equal(coversInternet("0.0.0.0/1", []), false);
        assert.equal(nthAddress("172.20.0.0/16", 1), "172.20.0.1/32");
        assert.equal(nthAddress("10.100.0.0/16", 10), "10.100.0.10/32");
    });
});

describe("preview-mode plans (unknown values)", () => {
    const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    test("an unknown value the flows do not read (the workspace URL) leaves the rules running", async () => {
        const plan = production();
        find(plan, RELEASE, "metrics-collector-chart").inputs.values.server.remoteWrite[0].url = UNKNOWN;
        assert.deepEqual(await messages(plan, "network-flows-required"), []);
    });
    test("an unknown value a flow depends on (an ipBlock's CIDR) makes the rule an advisory, as in a real preview", async () => {
        const plan = edit(production(), "mesh-tenancy-system-allow-istiod", spec => {
            spec.ingress.find((r: any) => r.from?.[0]?.ipBlock).from[0].ipBlock.cidr = UNKNOWN;
        });
        const found = await evaluate(plan, [flowPolicies.find(p => p.name === "network-flows-required")!], {});
        assert.deepEqual(found.map(v => [v.enforcement, /^can't run policy 'network-flows-required' from policy pack 'multiship-platform@v[0-9.]+' during preview: /.test(v.message)]),
            [["advisory", true]]);
    });
});
