package com.multiship.platform.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.multiship.platform.config.ObservabilitySettings;
import com.multiship.platform.config.ObservabilitySettings.Thresholds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus alerting rules of a stack, as the rules file the workspace evaluates: thresholds from
 * {@code platform:observability.thresholds}, label sets from {@link Promql}. Pure: tested without the engine.
 *
 * <p>Rules look at labels only (service, colour), never at the stack file's release state: a traffic step or a
 * blue-green switch never changes the rules. The rollback triggers therefore watch every colour; the one that matters
 * during a rollout is the canary colour, which the alert names in {@code destination_workload}.
 */
public final class AlertRules {
    /** Every alert's {@code severity} label: the alert manager routes on it. */
    public static final String CRITICAL = "critical";
    public static final String WARNING = "warning";
    static final String RUNBOOKS = "docs/observability.md#";
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Map.of iterates in a different order in every JVM: sorted keys keep the text, and so the plan, stable.
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /**
     * What the rules need to know about the stack.
     *
     * @param serviceNamespaces the namespaces of the service catalogue, in order
     * @param ingress           the ingress service and its namespace, if a service takes the gateway's traffic
     * @param level             basic: no resource rules (node disk is not collected)
     * @param thresholds        the stack's thresholds
     * @param scrapeIntervalSeconds the collector's interval; rate windows are at least four intervals
     */
    public record Input(List<String> serviceNamespaces, Optional<Ingress> ingress, ObservabilitySettings.Level level,
                        Thresholds thresholds, int scrapeIntervalSeconds) {}

    /** The service behind the API host. */
    public record Ingress(String service, String namespace) {}

    private AlertRules() {}

    /** The rule groups as plain maps, in evaluation order. */
    public static List<Map<String, Object>> groups(Input input) {
        var t = input.thresholds();
        var rate = Promql.minutes(Math.max(2, (4 * input.scrapeIntervalSeconds() + 59) / 60));
        var window = Promql.minutes(5);
        var groups = new ArrayList<Map<String, Object>>();

        var availability = new ArrayList<Map<String, Object>>();
        availability.add(rule("ApiUnavailable", apiUnavailable(input, rate), t.unavailableMinutes(), CRITICAL,
                "The API answers nothing or only errors",
                "No ready pod of the ingress gateway or of the API's entry service, or at least 99 % of the gateway's"
                        + " answers are 5xx, for " + t.unavailableMinutes() + " minutes."));
        availability.add(rule("MetricsCollectorSilent", "absent(up{job=\"kube-state-metrics\"})", 10, WARNING,
                "The metrics collector writes nothing to the workspace",
                "No sample of the collector's own jobs for 10 minutes: every other alert of this stack is blind."));
        groups.add(group("availability", availability));

        var services = Promql.namespacesSelector(input.serviceNamespaces());
        var byService = "destination_workload_namespace, destination_app";
        groups.add(group("services", List.of(
                rule("ServiceErrorRateHigh", errorRate(services, rate, window, byService, t.errorRatePercent(),
                        t.minRequests()), 5, CRITICAL,
                        "{{ $labels.destination_app }}: {{ $value | humanizePercentage }} of requests fail (5xx)",
                        "More than " + percent(t.errorRatePercent()) + " of the service's requests (all colours) end in"
                                + " a 5xx for 5 minutes."),
                rule("ServiceLatencyHigh", latency(services, rate, window, byService, t.p95Ms(), t.minRequests()), 5,
                        WARNING, "{{ $labels.destination_app }}: p95 response time {{ $value | humanize }} ms",
                        "The service's p95 response time (all colours) is above " + t.p95Ms() + " ms for 5 minutes."))));

        var byColour = "destination_workload_namespace, destination_app, destination_workload";
        groups.add(group("rollback-triggers", List.of(
                rule("RollbackTriggerErrorRate", errorRate(services, rate, window, byColour,
                        t.canaryErrorRatePercent(), t.minRequests()), t.canaryWindowMinutes(), CRITICAL,
                        "{{ $labels.destination_workload }}: {{ $value | humanizePercentage }} 5xx, a rollback trigger",
                        "More than " + percent(t.canaryErrorRatePercent()) + " of this colour's requests fail for "
                                + t.canaryWindowMinutes() + " minutes. If it is the canary colour, set its canaryWeight"
                                + " to 0."),
                rule("RollbackTriggerLatency", latency(services, rate, window, byColour, t.canaryP95Ms(),
                        t.minRequests()), t.canaryWindowMinutes(), CRITICAL,
                        "{{ $labels.destination_workload }}: p95 {{ $value | humanize }} ms, a rollback trigger",
                        "This colour's p95 response time is above " + t.canaryP95Ms() + " ms for "
                                + t.canaryWindowMinutes() + " minutes. If it is the canary colour, set its"
                                + " canaryWeight to 0."))));

        if (input.level() == ObservabilitySettings.Level.FULL) {
            var namespaces = String.join("|", input.serviceNamespaces()) + "|" + MonitoringNamespace.NAME;
            var containers = "namespace=~\"" + namespaces + "\",container!=\"\",container!=\"POD\"";
            var byContainer = "namespace, pod, container";
            groups.add(group("resources", List.of(
                    rule("PodCpuHigh", "sum by (" + byContainer + ") (rate(container_cpu_usage_seconds_total{"
                                    + containers + "}[" + window + "])) / sum by (" + byContainer
                                    + ") (kube_pod_container_resource_limits{resource=\"cpu\"," + containers + "}) > "
                                    + ratio(t.cpuPercent()), 10, WARNING,
                            "{{ $labels.namespace }}/{{ $labels.pod }} {{ $labels.container }}: CPU at"
                                    + " {{ $value | humanizePercentage }} of its limit",
                            "A container uses more than " + t.cpuPercent() + " % of its CPU limit for 10 minutes"
                                    + " (it is being throttled or close to it)."),
                    rule("PodMemoryHigh", "sum by (" + byContainer + ") (container_memory_working_set_bytes{"
                                    + containers + "}) / sum by (" + byContainer
                                    + ") (kube_pod_container_resource_limits{resource=\"memory\"," + containers
                                    + "}) > " + ratio(t.memoryPercent()), 10, WARNING,
                            "{{ $labels.namespace }}/{{ $labels.pod }} {{ $labels.container }}: memory at"
                                    + " {{ $value | humanizePercentage }} of its limit",
                            "A container's working set is above " + t.memoryPercent() + " % of its memory limit for"
                                    + " 10 minutes; at 100 % it is killed (OOMKilled)."),
                    rule("NodeDiskFull", "1 - node_filesystem_avail_bytes{" + ROOT_FS + "} / node_filesystem_size_bytes{"
                                    + ROOT_FS + "} > " + ratio(t.diskPercent()), 15, WARNING,
                            "{{ $labels.instance }}: root filesystem {{ $value | humanizePercentage }} full",
                            "A node's root filesystem (images, logs, emptyDir volumes) is more than " + t.diskPercent()
                                    + " % full for 15 minutes; at 85-90 % the kubelet starts evicting pods."))));
        }
        return List.copyOf(groups);
    }

    static final String ROOT_FS = "mountpoint=\"/\",fstype!~\"tmpfs|overlay\"";

    /** The rules file, as the workspace's rule group namespace takes it. */
    public static String yaml(Input input) {
        try {
            return YAML.writeValueAsString(Map.of("groups", groups(input)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every alert name with its severity, in order: the alert manager's routes and the docs list these. */
    public static Map<String, String> severities(Input input) {
        var result = new LinkedHashMap<String, String>();
        for (var group : groups(input)) {
            @SuppressWarnings("unchecked")
            var rules = (List<Map<String, Object>>) group.get("rules");
            for (var rule : rules) {
                @SuppressWarnings("unchecked")
                var labels = (Map<String, String>) rule.get("labels");
                result.put((String) rule.get("alert"), labels.get("severity"));
            }
        }
        return result;
    }

    private static String apiUnavailable(Input input, String rate) {
        var gateway = "reporter=\"source\",source_workload_namespace=\"" + Promql.INGRESS_NAMESPACE
                + "\",source_workload=\"" + Promql.INGRESS_GATEWAY + "\"";
        var parts = new ArrayList<String>();
        parts.add("sum(kube_deployment_status_replicas_available{namespace=\"" + Promql.INGRESS_NAMESPACE
                + "\",deployment=\"" + Promql.INGRESS_GATEWAY + "\"}) < 1");
        input.ingress().ifPresent(ingress -> parts.add("sum(kube_deployment_status_replicas_available{namespace=\""
                + ingress.namespace() + "\",deployment=~\"" + ingress.service() + "-(blue|green)\"}) < 1"));
        parts.add("(sum(rate(" + Promql.REQUESTS + "{" + gateway + "," + Promql.SERVER_ERRORS + "}[" + rate
                + "])) / sum(rate(" + Promql.REQUESTS + "{" + gateway + "}[" + rate + "]))) > 0.99");
        return String.join("\nor\n", parts);
    }

    /** The 5xx share over the rate window above the threshold, where the 5-minute traffic is enough to judge. */
    private static String errorRate(String selector, String rate, String window, String by, double percent,
                                    int minRequests) {
        return "(" + Promql.errorRatio(selector, rate, by) + ") > " + ratio(percent) + "\nand on (" + by + ")\n"
                + Promql.requests(selector, window, by) + " >= " + minRequests;
    }

    private static String latency(String selector, String rate, String window, String by, int ms, int minRequests) {
        return Promql.p95(selector, rate, by) + " > " + ms + "\nand on (" + by + ")\n"
                + Promql.requests(selector, window, by) + " >= " + minRequests;
    }

    private static Map<String, Object> group(String name, List<Map<String, Object>> rules) {
        var group = new LinkedHashMap<String, Object>();
        group.put("name", name);
        group.put("rules", rules);
        return group;
    }

    private static Map<String, Object> rule(String alert, String expr, int forMinutes, String severity, String summary,
                                            String description) {
        var rule = new LinkedHashMap<String, Object>();
        rule.put("alert", alert);
        rule.put("expr", expr);
        rule.put("for", Promql.minutes(forMinutes));
        rule.put("labels", Map.of("severity", severity));
        var annotations = new LinkedHashMap<String, String>();
        annotations.put("summary", summary);
        annotations.put("description", description);
        annotations.put("runbook", RUNBOOKS + alert.toLowerCase());
        rule.put("annotations", annotations);
        return rule;
    }

    /** A percentage as the 0..1 ratio PromQL compares with: {@code 1} -> {@code 0.01}. */
    static String ratio(double percent) {
        return java.math.BigDecimal.valueOf(percent).movePointLeft(2).stripTrailingZeros().toPlainString();
    }

    private static String percent(double percent) {
        return ObservabilitySettings.number(percent) + " %";
    }
}
