package com.multiship.platform.observability;

import com.multiship.platform.config.ObservabilitySettings.Level;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the {@code prometheus} community chart, run as a Prometheus agent: it scrapes and forwards to the
 * workspace with SigV4 (its IRSA role), stores nothing but a write-ahead log, evaluates no rules (the workspace does)
 * and runs no Alertmanager (the workspace's alert manager routes). Pure: tested without the engine.
 *
 * <p>Scrape jobs (metrics kept, the rest dropped before they cost ingestion):
 * <ul>
 *   <li>{@code istio-mesh}: the Envoy statistics of every sidecar in the service namespaces and of the ingress
 *       gateway: requests, 5xx and latency per service and colour;</li>
 *   <li>{@code kubelet-cadvisor}: pod CPU and memory, through the API server's node proxy;</li>
 *   <li>{@code kube-state-metrics}: available replicas and container limits (the CPU and memory ratios' denominators);</li>
 *   <li>{@code node-exporter} (full only): node filesystems (disk), CPU and memory.</li>
 * </ul>
 */
public final class CollectorValues {
    static final String SERVICE_ACCOUNT = "prometheus-agent";
    static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/";
    static final String KEEP_MESH = "istio_requests_total|istio_request_duration_milliseconds_(bucket|count|sum)"
            + "|istio_tcp_connections_(opened|closed)_total";
    static final String KEEP_CADVISOR = "container_cpu_usage_seconds_total|container_memory_working_set_bytes"
            + "|container_cpu_cfs_(throttled_)?periods_total";
    static final String KEEP_KUBE_STATE = "kube_deployment_status_replicas_available|kube_deployment_spec_replicas"
            + "|kube_pod_container_resource_limits|kube_pod_container_resource_requests"
            + "|kube_pod_container_status_restarts_total|kube_pod_status_ready";
    static final String KEEP_NODE = "node_filesystem_(avail|size)_bytes|node_cpu_seconds_total"
            + "|node_memory_(MemAvailable|MemTotal)_bytes";

    private CollectorValues() {}

    /**
     * @param remoteWriteUrl the workspace's {@code .../api/v1/remote_write}
     * @param roleArn        the collector's IRSA role
     */
    /**
     * The scrape jobs the pinned chart renders by default, each {@code enabled: true} unless set otherwise
     * (prometheus-community/helm-charts prometheus-29.27.0 charts/prometheus/values.yaml {@code scrapeConfigs}, rendered
     * by templates/cm.yaml next to serverFiles' scrape_configs; read 2026-12-02). Left on, cadvisor is scraped twice
     * (PodCpuHigh would fire at half its threshold) and every annotated pod's 15020 is a target the policies block.
     */
    static final List<String> DEFAULT_JOBS = List.of("kubernetes-api-servers", "kubernetes-nodes", "kubernetes-nodes-cadvisor",
            "kubernetes-pods", "kubernetes-pods-slow", "kubernetes-service-endpoints", "kubernetes-service-endpoints-slow",
            "kubernetes-services", "prometheus", "prometheus-pushgateway");

    public static Map<String, Object> of(String clusterName, String stack, String region, Level level,
                                         int scrapeIntervalSeconds, List<String> serviceNamespaces,
                                         String remoteWriteUrl, String roleArn) {
        boolean full = level == Level.FULL;
        var values = new LinkedHashMap<String, Object>();
        values.put("serviceAccounts", Map.of("server", Map.of("create", true, "name", SERVICE_ACCOUNT,
                "annotations", Map.of("eks.amazonaws.com/role-arn", roleArn))));
        values.put("alertmanager", Map.of("enabled", false));
        values.put("prometheus-pushgateway", Map.of("enabled", false));
        values.put("kube-state-metrics", Map.of("enabled", true,
                "resources", resources("50m", "128Mi", "200m", "256Mi")));
        // Node-exporter reads the host's /proc, /sys and root filesystem with the host's network and PID namespaces:
        // it cannot pass the restricted Pod Security Standard, so it runs in kube-system beside EKS's own node agents.
        values.put("prometheus-node-exporter", Map.of("enabled", full, "namespaceOverride", "kube-system",
                "resources", resources("20m", "32Mi", "200m", "64Mi")));
        values.put("configmapReload", Map.of("prometheus", Map.of(
                "containerSecurityContext", containerSecurity(),
                "resources", resources("10m", "32Mi", "50m", "64Mi"))));

        var server = new LinkedHashMap<String, Object>();
        // Prometheus 3 in agent mode: scrape and remote-write only. The override replaces the chart's whole argument
        // list, extraFlags included (templates/deploy.yaml renders extraFlags only without it, prometheus-29.27.0), so
        // --web.enable-lifecycle must be in it: the config reloader's POST /-/reload is refused without it.
        server.put("defaultFlagsOverride", List.of("--agent", "--config.file=/etc/config/prometheus.yml",
                "--storage.agent.path=/data", "--web.enable-lifecycle"));
        server.put("global", Map.of(
                "scrape_interval", scrapeIntervalSeconds + "s",
                "scrape_timeout", "10s",
                "external_labels", Map.of("cluster", clusterName, "stack", stack)));
        server.put("remoteWrite", List.of(Map.of(
                "url", remoteWriteUrl,
                "sigv4", Map.of("region", region),
                "queue_config", Map.of("max_samples_per_send", 1000, "max_shards", 200, "capacity", 2500))));
        // The write-ahead log only: after a restart the agent resumes scraping; what it had not yet sent is lost.
        server.put("persistentVolume", Map.of("enabled", false));
        server.put("emptyDir", Map.of("sizeLimit", "2Gi"));
        server.put("replicaCount", 1);
        server.put("podAnnotations", Map.of("sidecar.istio.io/inject", "false"));
        server.put("securityContext", Map.of("runAsNonRoot", true, "runAsUser", 65534, "runAsGroup", 65534,
                "fsGroup", 65534, "seccompProfile", Map.of("type", "RuntimeDefault")));
        server.put("containerSecurityContext", containerSecurity());
        server.put("resources", full ? resources("250m", "512Mi", "1", "1Gi") : resources("100m", "256Mi", "500m", "512Mi"));
        values.put("server", server);

        var scrapeConfigs = new ArrayList<Map<String, Object>>();
        scrapeConfigs.add(meshJob(serviceNamespaces));
        scrapeConfigs.add(cadvisorJob());
        scrapeConfigs.add(kubeStateMetricsJob());
        if (full) {
            scrapeConfigs.add(nodeExporterJob());
        }
        // No rule files (an agent refuses them) and only the jobs above. The chart renders its own default jobs
        // (values.yaml scrapeConfigs) in addition to these unless each is disabled: see DEFAULT_JOBS.
        values.put("serverFiles", Map.of("prometheus.yml", Map.of("rule_files", List.of(), "scrape_configs", scrapeConfigs)));
        var defaults = new java.util.TreeMap<String, Object>();
        DEFAULT_JOBS.forEach(job -> defaults.put(job, Map.of("enabled", false)));
        values.put("scrapeConfigs", defaults);
        return values;
    }

    /** The job names, in order, for a level. */
    public static List<String> jobs(Level level) {
        return level == Level.FULL ? List.of("istio-mesh", "kubelet-cadvisor", "kube-state-metrics", "node-exporter")
                : List.of("istio-mesh", "kubelet-cadvisor", "kube-state-metrics");
    }

    private static Map<String, Object> meshJob(List<String> serviceNamespaces) {
        var namespaces = new ArrayList<>(serviceNamespaces);
        namespaces.add(Promql.INGRESS_NAMESPACE);
        return job("istio-mesh", Map.of(
                "metrics_path", "/stats/prometheus",
                "kubernetes_sd_configs", List.of(Map.of("role", "pod", "namespaces", Map.of("names", namespaces))),
                "relabel_configs", List.of(
                        Map.of("source_labels", List.of("__meta_kubernetes_pod_container_port_name"),
                                "regex", ".*-envoy-prom", "action", "keep"),
                        Map.of("source_labels", List.of("__meta_kubernetes_namespace"), "target_label", "namespace"),
                        Map.of("source_labels", List.of("__meta_kubernetes_pod_name"), "target_label", "pod")),
                "metric_relabel_configs", List.of(keep(KEEP_MESH))));
    }

    private static Map<String, Object> cadvisorJob() {
        return job("kubelet-cadvisor", Map.of(
                "scheme", "https",
                "tls_config", Map.of("ca_file", SERVICE_ACCOUNT_TOKEN + "ca.crt"),
                "authorization", Map.of("credentials_file", SERVICE_ACCOUNT_TOKEN + "token"),
                "kubernetes_sd_configs", List.of(Map.of("role", "node")),
                "relabel_configs", List.of(
                        Map.of("target_label", "__address__", "replacement", "kubernetes.default.svc:443"),
                        Map.of("source_labels", List.of("__meta_kubernetes_node_name"), "regex", "(.+)",
                                "target_label", "__metrics_path__", "replacement", "/api/v1/nodes/$1/proxy/metrics/cadvisor"),
                        Map.of("source_labels", List.of("__meta_kubernetes_node_name"), "target_label", "node")),
                "metric_relabel_configs", List.of(keep(KEEP_CADVISOR))));
    }

    private static Map<String, Object> kubeStateMetricsJob() {
        return job("kube-state-metrics", Map.of(
                // Its series carry the namespace and pod they describe; keep them rather than the target's.
                "honor_labels", true,
                "static_configs", List.of(Map.of("targets", List.of(Collector.RELEASE + "-kube-state-metrics."
                        + MonitoringNamespace.NAME + ".svc:" + MonitoringNamespace.KUBE_STATE_METRICS_PORT))),
                "metric_relabel_configs", List.of(keep(KEEP_KUBE_STATE))));
    }

    private static Map<String, Object> nodeExporterJob() {
        return job("node-exporter", Map.of(
                "kubernetes_sd_configs", List.of(Map.of("role", "node")),
                "relabel_configs", List.of(
                        Map.of("source_labels", List.of("__meta_kubernetes_node_address_InternalIP"), "regex", "(.+)",
                                "target_label", "__address__", "replacement", "$1:" + MonitoringNamespace.NODE_EXPORTER_PORT),
                        Map.of("source_labels", List.of("__meta_kubernetes_node_name"), "target_label", "node")),
                "metric_relabel_configs", List.of(keep(KEEP_NODE))));
    }

    private static Map<String, Object> job(String name, Map<String, Object> settings) {
        var job = new LinkedHashMap<String, Object>();
        job.put("job_name", name);
        job.putAll(new java.util.TreeMap<>(settings));
        return job;
    }

    private static Map<String, Object> keep(String names) {
        return Map.of("source_labels", List.of("__name__"), "regex", names, "action", "keep");
    }

    private static Map<String, Object> containerSecurity() {
        return Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "runAsNonRoot", true,
                "capabilities", Map.of("drop", List.of("ALL")));
    }

    private static Map<String, Object> resources(String cpu, String memory, String cpuLimit, String memoryLimit) {
        return Map.of("requests", Map.of("cpu", cpu, "memory", memory),
                "limits", Map.of("cpu", cpuLimit, "memory", memoryLimit));
    }
}
