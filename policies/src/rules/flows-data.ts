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
 * An Istio chart value: the chart reads it at the top level, after templates/zzy_descope_legacy.yaml has merged the
 * legacy block (`pilot:` in istiod, `cni:` in cni) over the top level, so the legacy key wins when both are set.
 */
const istioValue = (values: any, legacy: "pilot" | "cni", path: string) => get(values, `${legacy}.${path}`) ?? get(values, path);
/** external-secrets.fullname (templates/_helpers.tpl): the release name when it contains the chart name. */
const esoFullname = (r: { name: string; values: any }) => get(r.values, "fullnameOverride")
    ?? (r.name.includes(get(r.values, "nameOverride") || "external-secrets") ? r.name : `${r.name}-${get(r.values, "nameOverride") || "external-secrets"}`);

/**
 * The charts the program installs, one row each; the lead updates `version`, `source` and whatever the new chart
 * changed when another branch upgrades a pin.
 */
export const CHARTS: ChartRow[] = [
    {
        chart: "istiod",
        version: "1.31.1",
        source: "istio/istio@1.31.0-rc.0 (read at 1.31.0-rc.0; 1.31.1 not in the snapshot, the charts are unchanged on "
            + "branch release-1.31) manifests/charts/istio-control/istio-discovery/templates/deployment.yaml (pod labels "
            + "app=istiod, istio=pilot; ports 8080, 15010, 15012, 15017, 15014), templates/service.yaml (443->15017), "
            + "values.yaml (autoscaleMax 5, rollingMaxSurge 100%, requests 500m/2048Mi; values read at the top level, "
            + "pilot.* merged over them by templates/zzy_descope_legacy.yaml)",
        pods: r => [{
            name: "istiod", role: "istiod", watchesApi: true, webhookPort: 15017,
            labels: { ...(istioValue(r.values, "pilot", "podLabels") ?? {}), app: "istiod", istio: "pilot", "app.kubernetes.io/name": "istiod",
                "sidecar.istio.io/inject": "false", "istio.io/dataplane-mode": "none" },
            ports: [tcp(8080, "http-debug"), tcp(15010, "grpc-xds"), tcp(15012, "tls-xds"), tcp(15017, "https-webhooks"),
                tcp(15014, "http-monitoring")],
            capacity: {
                pods: Number(istioValue(r.values, "pilot", "autoscaleMax") ?? 5),
                maxSurge: istioValue(r.values, "pilot", "rollingMaxSurge") ?? "100%",
                requests: { cpu: istioValue(r.values, "pilot", "resources.requests.cpu") ?? "500m",
                    memory: istioValue(r.values, "pilot", "resources.requests.memory") ?? "2048Mi" },
                limits: { cpu: istioValue(r.values, "pilot", "resources.limits.cpu"), memory: istioValue(r.values, "pilot", "resources.limits.memory") },
            },
        }],
        services: () => [{ name: "istiod", selector: { app: "istiod", istio: "pilot" },
            ports: [{ port: 15010, targetPort: 15010, protocol: "TCP" }, { port: 15012, targetPort: 15012, protocol: "TCP" },
                { port: 443, targetPort: 15017, protocol: "TCP" }, { port: 15014, targetPort: 15014, protocol: "TCP" }] }],
    },
    {
        chart: "cni",
        version: "1.31.1",
        source: "istio/istio@1.31.0-rc.0 (read at 1.31.0-rc.0; 1.31.1 not in the snapshot, the charts are unchanged on "
            + "branch release-1.31) manifests/charts/istio-cni/templates/daemonset.yaml (labels k8s-app=istio-cni-node plus "
            + "podLabels; hostNetwork only when ambient.enabled and ambient.shareHostNetworkNamespace, both default false in "
            + "values.yaml; port 15014), values.yaml (repair.enabled true: it watches pods; requests 100m/100Mi; values read "
            + "at the top level, cni.* merged over them by templates/zzy_descope_legacy.yaml)",
        pods: (r, maxNodes) => [{
            name: "istio-cni-node", watchesApi: true,
            hostNetwork: istioValue(r.values, "cni", "ambient.enabled") === true
                && istioValue(r.values, "cni", "ambient.shareHostNetworkNamespace") === true,
            labels: { ...(istioValue(r.values, "cni", "podLabels") ?? {}), "k8s-app": "istio-cni-node", "app.kubernetes.io/name": "istio-cni",
                "sidecar.istio.io/inject": "false", "istio.io/dataplane-mode": "none" },
            ports: [tcp(15014, "metrics")],
            capacity: {
                pods: maxNodes,
                requests: { cpu: istioValue(r.values, "cni", "resources.requests.cpu") ?? "100m",
                    memory: istioValue(r.values, "cni", "resources.requests.memory") ?? "100Mi" },
                limits: { cpu: istioValue(r.values, "cni", "resources.limits.cpu"), memory: istioValue(r.values, "cni", "resources.limits.memory") },
            },
        }],
        services: () => [],
    },
    {
        chart: "gateway",
        version: "1.31.1",
        source: "istio/istio@1.31.0-rc.0 (read at 1.31.0-rc.0; 1.31.1 not in the snapshot, the charts are unchanged on "
            + "branch release-1.31) manifests/charts/gateway/templates/_helpers.tpl (selector labels app/istio from "
            + "values.labels or the release name; the other values.labels on the pod, default istio.io/dataplane-mode=none), "
            + "templates/deployment.yaml (port 15090 http-envoy-prom), templates/service.yaml (values.service.ports, selector "
            + "plus service.selectorLabels, none when service.type None), values.yaml (service ports 15021, 80, 443; "
            + "autoscaling.maxReplicas 5; requests 100m/128Mi, limits 2000m/1024Mi)",
        pods: r => {
            const app = get(r.values, "labels.app") ?? r.name;
            const istio = get(r.values, "labels.istio") ?? r.name.replace(/^istio-/, "");
            return [{
                name: r.name, role: "gateway", inMesh: true,
                labels: { "istio.io/dataplane-mode": "none", ...(get(r.values, "labels") ?? {}), app, istio, "sidecar.istio.io/inject": "true" },
                ports: [tcp(15090, "http-envoy-prom"), tcp(15021, "status-port"), tcp(80, "http2"), tcp(443, "https")],
                capacity: {
                    pods: Number(get(r.values, "autoscaling.maxReplicas") ?? 5),
                    maxSurge: get(r.values, "strategy.rollingUpdate.maxSurge"),
                    requests: { cpu: get(r.values, "resources.requests.cpu") ?? "100m", memory: get(r.values, "resources.requests.memory") ?? "128Mi" },
                    limits: { cpu: get(r.values, "resources.limits.cpu") ?? "2000m", memory: get(r.values, "resources.limits.memory") ?? "1024Mi" },
                },
            }];
        },
        services: r => get(r.values, "service.type") === "None" ? [] : [{ name: r.name, selector: {
            app: get(r.values, "labels.app") ?? r.name, istio: get(r.values, "labels.istio") ?? r.name.replace(/^istio-/, ""),
            ...(get(r.values, "service.selectorLabels") ?? {}) },
            ports: ((get(r.values, "service.ports") as any[] | undefined) ?? [{ port: 15021, targetPort: 15021 }, { port: 80, targetPort: 80 },
                { port: 443, targetPort: 443 }]).map(p => ({ port: Number(p.port), targetPort: p.targetPort ?? Number(p.port), protocol: p.protocol ?? "TCP" })) }],
    },
    {
        chart: "external-secrets",
        version: "2.13.0",
        source: "external-secrets/external-secrets@helm-chart-2.9.0 (read at helm-chart-2.9.0; 2.13.0 not in the snapshot) "
            + "deploy/charts/external-secrets/templates/_helpers.tpl (selector labels app.kubernetes.io/name external-secrets, "
            + "-webhook, -cert-controller and instance=<release>), templates/deployment.yaml, webhook-deployment.yaml, "
            + "cert-controller-deployment.yaml (ports metrics, webhook, ready; live only with a liveness or readiness probe; "
            + "hostNetwork from values), templates/webhook-service.yaml (443 -> webhook), values.yaml (metrics port 8080, "
            + "webhook port 10250, ready 8081, live 8082, probes of the controller off, hostNetwork false, webhook and "
            + "certController created by default)",
        pods: r => {
            const v = r.values;
            const name = (suffix: string) => ({ "app.kubernetes.io/name": `${get(v, "nameOverride") || "external-secrets"}${suffix}`,
                "app.kubernetes.io/instance": r.name });
            const podLabels = (prefix: string) => get(v, `${prefix}podLabels`) ?? get(v, "global.podLabels") ?? {};
            const probes = get(v, "livenessProbe.enabled") === true || get(v, "readinessProbe.enabled") === true;
            const livePort = typeof get(v, "livenessProbe.spec.httpGet.port") === "number"
                ? Number(get(v, "livenessProbe.spec.httpGet.port")) : Number(get(v, "livenessProbe.spec.port") ?? 8082);
            const webhookPort = Number(get(v, "webhook.port") ?? 10250);
            const pods: ChartPod[] = [];
            if (get(v, "createOperator") !== false) {
                pods.push({ name: "external-secrets", watchesApi: true, callsAws: ["sts", "secretsmanager"], hostNetwork: get(v, "hostNetwork") === true,
                    labels: { ...podLabels(""), ...name("") },
                    ports: [tcp(Number(get(v, "metrics.listen.port") ?? 8080), "metrics"), ...(probes ? [tcp(livePort, "live")] : [])] });
            }
            if (get(v, "webhook.create") !== false) {
                pods.push({ name: "external-secrets-webhook", watchesApi: true, webhookPort, hostNetwork: get(v, "webhook.hostNetwork") === true,
                    labels: { ...podLabels("webhook."), ...name("-webhook") },
                    ports: [tcp(webhookPort, "webhook"), tcp(Number(get(v, "webhook.metrics.listen.port") ?? 8080), "metrics"),
                        tcp(Number(get(v, "webhook.readinessProbe.port") ?? 8081), "ready")] });
            }
            if (get(v, "certController.create") !== false && get(v, "webhook.certManager.enabled") !== true) {
                pods.push({ name: "external-secrets-cert-controller", watchesApi: true, hostNetwork: get(v, "certController.hostNetwork") === true,
                    labels: { ...podLabels("certController."), ...name("-cert-controller") },
                    ports: [tcp(Number(get(v, "certController.metrics.listen.port") ?? 8080), "metrics"),
                        tcp(Number(get(v, "certController.readinessProbe.port") ?? 8081), "ready")] });
            }
            return pods;
        },
        services: r => get(r.values, "webhook.create") === false || get(r.values, "webhook.service.enabled") === false ? [] : [{
            name: `${esoFullname(r).slice(0, 63 - "-webhook".length).replace(/-+$/, "")}-webhook`,
            selector: { "app.kubernetes.io/name": `${get(r.values, "nameOverride") || "external-secrets"}-webhook`, "app.kubernetes.io/instance": r.name },
            ports: [{ port: 443, targetPort: Number(get(r.values, "webhook.port") ?? 10250), protocol: "TCP" }] }],
    },
    {
        chart: "prometheus",
        version: "29.27.0",
        source: "prometheus-community/helm-charts@prometheus-29.27.0 charts/prometheus/templates/_helpers.tpl (server labels "
            + "app.kubernetes.io/name=prometheus, instance=<release>, component=server, plus server.podLabels), "
            + "templates/deploy.yaml (port 9090; configmap-reload container port 8080 metrics, on by default); subcharts per "
            + "Chart.lock: kube-state-metrics-8.4.0 (labels name=kube-state-metrics, instance; container ports 8080 http and "
            + "8081 metrics; Service port 8080 -> http), prometheus-node-exporter-4.56.1 (hostNetwork true, port 9100)",
        pods: (r): ChartPod[] => [
            { name: `${r.name}-server`, role: "collector", watchesApi: true, callsAws: ["sts", "aps-workspaces"],
                hostNetwork: get(r.values, "server.hostNetwork") === true,
                labels: { "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/instance": r.name, "app.kubernetes.io/component": "server",
                    ...(get(r.values, "server.podLabels") ?? {}) },
                ports: [tcp(9090), ...(get(r.values, "configmapReload.prometheus.enabled") === false ? []
                    : [tcp(Number(get(r.values, "configmapReload.prometheus.containerPort") ?? 8080), "metrics")])],
                capacity: {
                    pods: Number(get(r.values, "server.replicaCount") ?? 1),
                    requests: { cpu: get(r.values, "server.resources.requests.cpu") ?? "0", memory: get(r.values, "server.resources.requests.memory") ?? "0" },
                    limits: { cpu: get(r.values, "server.resources.limits.cpu"), memory: get(r.values, "server.resources.limits.memory") },
                } },
            ...(get(r.values, "kube-state-metrics.enabled") === false ? [] : [<ChartPod>{ name: `${r.name}-kube-state-metrics`, watchesApi: true,
                labels: { "app.kubernetes.io/name": "kube-state-metrics", "app.kubernetes.io/instance": r.name },
                hostNetwork: get(r.values, "kube-state-metrics.hostNetwork") === true,
                ports: [tcp(Number(get(r.values, "kube-state-metrics.service.port") ?? 8080), "http"),
                    tcp(Number(get(r.values, "kube-state-metrics.selfMonitor.telemetryPort") ?? 8081), "metrics")],
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
            ports: [{ port: Number(get(r.values, "kube-state-metrics.service.port") ?? 8080),
                targetPort: Number(get(r.values, "kube-state-metrics.service.port") ?? 8080), protocol: "TCP" }] }],
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
