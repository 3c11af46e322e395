package com.multiship.platform.observability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workspace alert manager's definition: every alert goes to the stack's SNS topic, grouped per alert and
 * workload; critical alerts repeat hourly while they fire, warnings every four hours; a firing critical alert of a
 * service silences its warnings. Pure: tested without the engine.
 */
public final class AlertManagerConfig {
    static final String RECEIVER = "stack-alert-topic";
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Map.of iterates in a different order in every JVM: sorted keys keep the text, and so the plan, stable.
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private AlertManagerConfig() {}

    /** The alert manager configuration itself (what AMP calls {@code alertmanager_config}). */
    static Map<String, Object> config(String topicArn, String region, String stack) {
        var groupBy = List.of("alertname", "severity", "destination_workload_namespace", "destination_app",
                "destination_workload", "namespace", "pod");
        var route = new LinkedHashMap<String, Object>();
        route.put("receiver", RECEIVER);
        route.put("group_by", groupBy);
        route.put("group_wait", "30s");
        route.put("group_interval", "5m");
        route.put("repeat_interval", "4h");
        route.put("routes", List.of(
                Map.of("matchers", List.of("severity=\"" + AlertRules.CRITICAL + "\""), "receiver", RECEIVER,
                        "repeat_interval", "1h"),
                Map.of("matchers", List.of("severity=\"" + AlertRules.WARNING + "\""), "receiver", RECEIVER,
                        "repeat_interval", "4h")));
        var sns = new LinkedHashMap<String, Object>();
        sns.put("topic_arn", topicArn);
        sns.put("sigv4", Map.of("region", region));
        sns.put("subject", "[" + stack + "] {{ .Status | toUpper }} {{ .CommonLabels.severity }}: {{ .CommonLabels.alertname }}");
        sns.put("message", "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\n"
                + "Runbook: {{ .Annotations.runbook }}\n\n{{ end }}");
        sns.put("attributes", Map.of("stack", stack, "severity", "{{ .CommonLabels.severity }}"));
        var config = new LinkedHashMap<String, Object>();
        config.put("route", route);
        config.put("inhibit_rules", List.of(Map.of(
                "source_matchers", List.of("severity=\"" + AlertRules.CRITICAL + "\""),
                "target_matchers", List.of("severity=\"" + AlertRules.WARNING + "\""),
                "equal", List.of("destination_workload_namespace", "destination_app"))));
        config.put("receivers", List.of(Map.of("name", RECEIVER, "sns_configs", List.of(sns))));
        return config;
    }

    /** The definition document AMP takes: {@code alertmanager_config: |} followed by the configuration as text. */
    public static String definition(String topicArn, String region, String stack) {
        try {
            return YAML.writeValueAsString(Map.of("alertmanager_config", YAML.writeValueAsString(config(topicArn, region, stack))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
