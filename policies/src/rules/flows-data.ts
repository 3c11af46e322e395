// THE list of the platform's network flows, and the description of every workload the program does not declare
// itself (chart-installed and EKS system pods). The flow rules (flows.ts) evaluate each flow below against the plan's
// NetworkPolicies (netpol.ts, VPC CNI semantics); docs/policy.md "Network flows" explains each one.
//
// To add a flow: add an entry to REQUIRED_FLOWS or FORBIDDEN_FLOWS with a comment saying why it exists, and a test
// in test/flows.test.ts that turns a real plan into the defect. After a chart upgrade: re-read the chart at the new
// tag, update its row in CHARTS (labels, ports, the version read and the citation); the rule
// `network-flows-chart-table` fails until the row's version matches the plan's pin.

/** One chart-installed workload: its pod labels and ports as the chart renders them with the values the plan sets. */
export interface ChartPod {
    name: string;
    labels: Record<string, string>;
    ports: { name?: string; port: number; protocol: string }[];
    hostNetwork?: boolean;
    /** Namespace other than the release's (a subchart's namespaceOverride). */
    namespace?: string;
    /** It runs a controller or informer against the Kubernetes API (in-cluster config: the `kubernetes` Service). */
    watchesApi?: boolean;
    /** The AWS services it calls (endpoint names: com.amazonaws.<region>.<name>). */
    callsAws?: string[];
    /** The control plane calls it as an admission webhook on this container port. */
    webhookPort?: number;
    /** Role in the flows below. */
    role?: "istiod" | "gateway" | "collector";
    /** Whether istiod injects a sidecar into it (the gateway chart's pods are injected with the gateway template). */
    inMesh?: boolean;
    /** What it asks of the quota at the autoscaler's maximum, for the capacity rules. */
    capacity?: { pods: number; maxSurge?: string | number; requests: { cpu: string; memory: string }; limits: { cpu?: string; memory?: string } };
}

export interface ChartService { name: string; selector: Record<string, string>; ports: { port: number; targetPort: number | string; protocol: string }[]; }

export interface ChartRow {
    chart: string;
    /** The version the row was read at; must equal the plan's Release `version`. */
    version: string;
    /** Where the labels and ports below come from (repository@tag path). */
    source: string;
    pods: (release: { name: string; values: any }, maxNodes: number) => ChartPod[];
    services: (release: { name: string; values: any }) => ChartService[];
}

const tcp = (port: number, name?: string) => ({ port, protocol: "TCP", ...(name ? { name } : {}) });
const get = (value: any, path: string) => path.split(".").reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), value);

/**
 * The charts the program installs, one row each; the lead updates `version`, `source` and whatever the new chart
 * changed when another branch upgrades a pin.
 */
export const CHARTS: ChartRow[] = [
    {
        chart: "istiod",
        version: "1.24.6",
        source: "istio/istio@1.24.6 manifests/charts/istio-control/istio-discovery/templates/deployment.yaml (pod labels "
            + "app=istiod, istio=pilot; ports 8080, 15010, 15012, 15017, 15014), templates/service.yaml (443->15017), "
            + "values.yaml (autoscaleMax 5, rollingMaxSurge 100%, requests 500m/2048Mi)",
        pods: r => [{
            name: "istiod", role: "istiod", watchesApi: true, webhookPort: 15017,
            labels: { app: "istiod", istio: "pilot", "app.kubernetes.io/name": "istiod", "sidecar.istio.io/inject": "false" },
            ports: [tcp(8080, "http-debug"), tcp(15010, "grpc-xds"), tcp(15012, "tls-xds"), tcp(15017, "https-webhooks"),
                tcp(15014, "http-monitoring")],
            capacity: {
                pods: Number(get(r.values, "pilot.autoscaleMax") ?? 5),
                maxSurge: get(r.values, "pilot.rollingMaxSurge") ?? "100%",
                requests: { cpu: get(r.values, "pilot.resources.requests.cpu") ?? "500m", memory: get(r.values, "pilot.resources.requests.memory") ?? "2048Mi" },
                limits: { cpu: get(r.values, "pilot.resources.limits.cpu"), memory: get(r.values, "pilot.resources.limits.memory") },
            },
        }],
        services: () => [{ name: "istiod", selector: { app: "istiod", istio: "pilot" },
            ports: [{ port: 15010, targetPort: 15010, protocol: "TCP" }, { port: 15012, targetPort: 15012, protocol: "TCP" },
                { port: 443, targetPort: 15017, protocol: "TCP" }, { port: 15014, targetPort: 15014, protocol: "TCP" }] }],
    },
    {
        chart: "cni",
        version: "1.24.6",
        source: "istio/istio@1.24.6 manifests/charts/istio-cni/templates/daemonset.yaml (labels k8s-app=istio-cni-node; "
            + "hostNetwork only when ambient.enabled, default false in values.yaml; port 15014), values.yaml (repair.enabled "
            + "true: it watches pods; requests 100m/100Mi)",
        pods: (r, maxNodes) => [{
            name: "istio-cni-node", watchesApi: true, hostNetwork: get(r.values, "cni.ambient.enabled") === true,
            labels: { "k8s-app": "istio-cni-node", "app.kubernetes.io/name": "istio-cni", "sidecar.istio.io/inject": "false" },
            ports: [tcp(15014, "metrics")],
            capacity: {
                pods: maxNodes,
                requests: { cpu: get(r.values, "cni.resources.requests.cpu") ?? "100m", memory: get(r.values, "cni.resources.requests.memory") ?? "100Mi" },
                limits: { cpu: get(r.values, "cni.resources.limits.cpu"), memory: get(r.values, "cni.resources.limits.memory") },
            },
        }],
        services: () => [],
    },
    {
        chart: "gateway",
        version: "1.24.6",
        source: "istio/istio@1.24.6 manifests/charts/gateway/templates/_helpers.tpl (selector labels app/istio from "
            + "values.labels or the release name), templates/deployment.yaml (port 15090 http-envoy-prom), values.yaml "
            + "(service ports 15021, 80, 443; autoscaling.maxReplicas 5; requests 100m/128Mi, limits 2000m/1024Mi)",
        pods: r => {
            const app = get(r.values, "labels.app") ?? r.name;
            const istio = get(r.values, "labels.istio") ?? r.name.replace(/^istio-/, "");
            return [{
                name: r.name, role: "gateway", inMesh: true,
                labels: { ...(get(r.values, "labels") ?? {}), app, istio, "sidecar.istio.io/inject": "true" },
                ports: [tcp(15090, "http-envoy-prom"), tcp(15021, "status-port"), tcp(80, "http2"), tcp(443, "https")],
                capacity: {
                    pods: Number(get(r.values, "autoscaling.maxReplicas") ?? 5),
                    maxSurge: get(r.values, "strategy.rollingUpdate.maxSurge"),
                    requests: { cpu: get(r.values, "resources.requests.cpu") ?? "100m", memory: get(r.values, "resources.requests.memory") ?? "128Mi" },
                    limits: { cpu: get(r.values, "resources.limits.cpu") ?? "2000m", memory: get(r.values, "resources.limits.memory") ?? "1024Mi" },
                },
            }];
        },
        services: r => [{ name: r.name, selector: { app: get(r.values, "labels.app") ?? r.name,
            istio: get(r.values, "labels.istio") ?? r.name.replace(/^istio-/, "") },
            ports: [{ port: 15021, targetPort: 15021, protocol: "TCP" }, { port: 80, targetPort: 80, protocol: "TCP" },
                { port: 443, targetPort: 443, protocol: "TCP" }] }],
    },
    {
        chart: "external-secrets",
        version: "0.16.2",
        source: "external-secrets/external-secrets@helm-chart-0.16.2 deploy/charts/external-secrets/templates/_helpers.tpl "
            + "(selector labels app.kubernetes.io/name external-secrets, -webhook, -cert-controller and instance=<release>), "
            + "values.yaml (metrics port 8080, webhook port 10250, webhook and certController created by default)",
        pods: r => [
            { name: "external-secrets", watchesApi: true, callsAws: ["sts", "secretsmanager"],
                labels: { "app.kubernetes.io/name": "external-secrets", "app.kubernetes.io/instance": r.name }, ports: [tcp(8080, "metrics")] },
            { name: "external-secrets-webhook", watchesApi: true, webhookPort: 10250,
                labels: { "app.kubernetes.io/name": "external-secrets-webhook", "app.kubernetes.io/instance": r.name },
                ports: [tcp(10250, "webhook"), tcp(8080, "metrics")] },
            { name: "external-secrets-cert-controller", watchesApi: true,
                labels: { "app.kubernetes.io/name": "external-secrets-cert-controller", "app.kubernetes.io/instance": r.name },
                ports: [tcp(8080, "metrics")] },
        ],
        services: r => [{ name: `${r.name}-webhook`, selector: { "app.kubernetes.io/name": "external-secrets-webhook",
            "app.kubernetes.io/instance": r.name }, ports: [{ port: 443, targetPort: 10250, protocol: "TCP" }] }],
    },
    {
        chart: "prometheus",
        version: "27.19.0",
        source: "prometheus-community/helm-charts@prometheus-27.19.0 charts/prometheus/templates/_helpers.tpl (server labels "
            + "app.kubernetes.io/name=prometheus, instance=<release>, component=server), templates/deploy.yaml (port 9090); "
            + "subcharts per Chart.lock: kube-state-metrics-5.33.2 (labels name=kube-state-metrics, instance; Service port "
            + "8080 -> 8080 http), prometheus-node-exporter-4.46.1 (hostNetwork true, port 9100)",
        pods: (r): ChartPod[] => [
            { name: `${r.name}-server`, role: "collector", watchesApi: true, callsAws: ["sts", "aps-workspaces"],
                labels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": r.name, "app.kubernetes.io/component": "server" },
                ports: [tcp(9090)],
                capacity: {
                    pods: Number(get(r.values, "server.replicaCount") ?? 1),
                    requests: { cpu: get(r.values, "server.resources.requests.cpu") ?? "0", memory: get(r.values, "server.resources.requests.memory") ?? "0" },
                    limits: { cpu: get(r.values, "server.resources.limits.cpu"), memory: get(r.values, "server.resources.limits.memory") },
                } },
            ...(get(r.values, "kube-state-metrics.enabled") === false ? [] : [<ChartPod>{ name: `${r.name}-kube-state-metrics`, watchesApi: true,
                labels: { "app.kubernetes.io/name": "kube-state-metrics", "app.kubernetes.io/instance": r.name },
                ports: [tcp(8080, "http")],
                capacity: {
                    pods: 1,
                    requests: { cpu: get(r.values, "kube-state-metrics.resources.requests.cpu") ?? "0", memory: get(r.values, "kube-state-metrics.resources.requests.memory") ?? "0" },
                    limits: { cpu: get(r.values, "kube-state-metrics.resources.limits.cpu"), memory: get(r.values, "kube-state-metrics.resources.limits.memory") },
                } }]),
            ...(get(r.values, "prometheus-node-exporter.enabled") === false ? [] : [<ChartPod>{ name: `${r.name}-node-exporter`, hostNetwork: true,
                namespace: get(r.values, "prometheus-node-exporter.namespaceOverride"),
                labels: { "app.kubernetes.io/name": "prometheus-node-exporter", "app.kubernetes.io/instance": r.name },
                ports: [tcp(9100, "metrics")] }]),
        ],
        services: r => get(r.values, "kube-state-metrics.enabled") === false ? [] : [{ name: `${r.name}-kube-state-metrics`,
            selector: { "app.kubernetes.io/name": "kube-state-metrics", "app.kubernetes.io/instance": r.name },
            ports: [{ port: 8080, targetPort: 8080, protocol: "TCP" }] }],
    },
];

/**
 * What EKS runs itself. kube-dns: the CoreDNS add-on's pods (k8s-app=kube-dns) behind Service kube-system/kube-dns,
 * 53 UDP and TCP, targetPort 53; `default/kubernetes`: a Service without selector whose endpoints are the EKS API's
 * ENIs in the cluster's subnets, port 443 -> 443. metrics-server, when an add-on or chart installs it, watches the API.
 */
export const SYSTEM = {
    dns: { namespace: "kube-system", name: "kube-dns", selector: { "k8s-app": "kube-dns" },
        pod: { name: "coredns", labels: { "k8s-app": "kube-dns" }, ports: [{ port: 53, protocol: "UDP", name: "dns" }, { port: 53, protocol: "TCP", name: "dns-tcp" }] },
        ports: [{ port: 53, targetPort: 53, protocol: "UDP" }, { port: 53, targetPort: 53, protocol: "TCP" }],
        /** kube-dns has the 10th address of the service CIDR (awslabs/amazon-eks-ami@v20260724 nodeadm/internal/api/net.go GetClusterDns). */
        address: 10 },
    api: { namespace: "default", name: "kubernetes", port: 443 },
    /** Used when the cluster sets no kubernetesNetworkConfig.serviceIpv4Cidr: EKS then picks one of these two. */
    defaultServiceCidrs: ["10.100.0.0/16", "172.20.0.0/16"],
    metricsServer: { namespace: "kube-system", labels: { "app.kubernetes.io/name": "metrics-server" } },
};

/** The flows the platform needs; each becomes one check per (source, destination, port). */
export const REQUIRED_FLOWS = [
    // istiod and every controller that watches the API (External Secrets' three, the Prometheus agent and
    // kube-state-metrics, istio-cni's repair controller, metrics-server) reach the `kubernetes` Service's cluster IP
    // (the first address of the service CIDR; the egress probe sees it before kube-proxy's DNAT) and the EKS API's
    // ENIs in the cluster's subnets (the private endpoint's DNS name resolves to them). Issue 13 item 1.
    { id: "kubernetes-api", rule: "network-flow-kubernetes-api", description: "controllers -> Kubernetes API 443" },
    // Every sidecar and the ingress gateway fetch configuration and certificates from istiod (Service istiod, 15012).
    { id: "istiod-xds", rule: "network-flows-required", description: "sidecars and gateways -> istiod 15012" },
    // The EKS control plane calls admission webhooks from its ENIs in the cluster's subnets: istiod 15017 (injection,
    // validation) and External Secrets' webhook 10250. Without it no pod is injected and no CR is admitted.
    { id: "webhooks", rule: "network-flows-required", description: "control plane -> istiod 15017 and other webhooks" },
    // Every pod resolves names through kube-dns, UDP and TCP (TCP for answers over 512 bytes and retries).
    { id: "dns", rule: "network-flows-required", description: "every pod -> kube-dns 53 UDP and TCP" },
    // The ingress gateway's Envoy connects to the pods of every service a VirtualService bound to a gateway routes to
    // (pod IP and target port, from Istio's endpoint discovery; no cluster IP on the way).
    { id: "gateway-routes", rule: "network-flows-required", description: "ingress gateway -> each routed service" },
    // The metrics collector reaches every target of its scrape jobs: Envoy's 15090 in the scraped namespaces, the
    // kubelet through the API server's node proxy (the kubernetes-api flow), kube-state-metrics, node-exporter 9100 on
    // the nodes. A job the table below does not know is reported so that its flow is added.
    { id: "scrapes", rule: "network-flows-required", description: "metrics collector -> every port it scrapes" },
    // Pods that call AWS reach the endpoints they use: an interface VPC endpoint's ENIs when the plan declares one for
    // the service, else AWS's public addresses (the whole internet, since AWS's ranges change).
    { id: "aws-endpoints", rule: "network-flows-required", description: "pods that call AWS -> the AWS endpoints they use" },
] as const;

/** The scrape jobs of the collector the flows know, and what each one reaches. */
export const SCRAPE_JOBS: Record<string, "envoy" | "api" | "kube-state-metrics" | "nodes"> = {
    "istio-mesh": "envoy",             // kubernetes_sd pod role, port name *-envoy-prom (15090), listed namespaces
    "kubelet-cadvisor": "api",         // __address__ kubernetes.default.svc:443, /api/v1/nodes/<n>/proxy/metrics/cadvisor
    "kube-state-metrics": "kube-state-metrics", // static target <release>-kube-state-metrics.<ns>.svc:8080
    "node-exporter": "nodes",          // node InternalIP:9100 (host network)
};

/** What must never be allowed. */
export const FORBIDDEN_FLOWS = [
    // istiod's plaintext ports: 15010 (xDS without TLS: anyone who reaches it reads the mesh's whole configuration)
    // and 15014 (debug and metrics) from anything but the metrics collector. Checked at istiod's ingress, from any VPC
    // address (a node, an instance, a pod's IP) and from each pod the plan knows. Issue 13 item 8.
    { id: "istiod-plaintext", rule: "network-flow-istiod-plaintext", ports: [15010, 15014], exceptCollector: [15014] },
    // No pod may reach the whole internet (an ipBlock covering every public address, on any port, or no Egress policy
    // at all): that undoes default-deny. Outside APIs get named per-service rules. Issue 13 item 7.
    { id: "internet-egress", rule: "network-flow-no-internet-egress" },
] as const;
