package com.multiship.platform.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.multiship.platform.config.ObservabilitySettings;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Alert rules from the thresholds, the alert manager to the stack's topic, the topic policy, the database alarm. */
class AlertRoutingTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final AlertRules.Input FULL = new AlertRules.Input(List.of("order-service", "shared-services"),
            Optional.of(new AlertRules.Ingress("api-gateway", "infrastructure")), ObservabilitySettings.Level.FULL,
            ObservabilitySettings.REQUIRED, 30);

    @Test
    void everyRequiredAlertWithItsSeverity() {
        assertThat(AlertRules.severities(FULL)).containsExactly(
                java.util.Map.entry("ApiUnavailable", "critical"),
                java.util.Map.entry("MetricsCollectorSilent", "warning"),
                java.util.Map.entry("ServiceErrorRateHigh", "critical"),
                java.util.Map.entry("ServiceLatencyHigh", "warning"),
                java.util.Map.entry("RollbackTriggerErrorRate", "critical"),
                java.util.Map.entry("RollbackTriggerLatency", "critical"),
                java.util.Map.entry("PodCpuHigh", "warning"),
                java.util.Map.entry("PodMemoryHigh", "warning"),
                java.util.Map.entry("NodeDiskFull", "warning"));
    }

    @Test
    void basicHasNoResourceAlerts() {
        var basic = new AlertRules.Input(FULL.serviceNamespaces(), FULL.ingress(), ObservabilitySettings.Level.BASIC,
                FULL.thresholds(), 60);
        assertThat(AlertRules.severities(basic)).doesNotContainKeys("PodCpuHigh", "PodMemoryHigh", "NodeDiskFull")
                .containsKeys("ApiUnavailable", "RollbackTriggerErrorRate");
    }

    @Test
    void rulesCarryTheRequirementsThresholds() throws Exception {
        var groups = YAML.readTree(AlertRules.yaml(FULL)).path("groups");
        var byName = new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        groups.forEach(g -> g.path("rules").forEach(r -> byName.put(r.path("alert").asText(), r)));
        assertThat(byName.get("ApiUnavailable").path("for").asText()).isEqualTo("2m");
        assertThat(byName.get("ApiUnavailable").path("expr").asText())
                .contains("kube_deployment_status_replicas_available{namespace=\"infrastructure\",deployment=~\"api-gateway-(blue|green)\"}) < 1")
                .contains("deployment=\"istio-ingressgateway\"");
        assertThat(byName.get("ServiceErrorRateHigh").path("expr").asText())
                .startsWith("(sum by (destination_workload_namespace, destination_app) (increase(istio_requests_total{reporter=\"destination\","
                        + "destination_workload_namespace=~\"order-service|shared-services\",response_code=~\"5..\"}[2m]))")
                .contains(") > 0.01\n").endsWith(">= 100");
        assertThat(byName.get("ServiceLatencyHigh").path("expr").asText()).contains(" > 1000\n");
        var canaryErrors = byName.get("RollbackTriggerErrorRate");
        assertThat(canaryErrors.path("for").asText()).isEqualTo("5m");
        assertThat(canaryErrors.path("expr").asText()).contains("destination_workload)").contains(") > 0.05\n");
        assertThat(byName.get("RollbackTriggerLatency").path("expr").asText()).contains(" > 2000\n");
        assertThat(byName.get("PodCpuHigh").path("expr").asText()).endsWith("> 0.8");
        assertThat(byName.get("PodMemoryHigh").path("expr").asText()).endsWith("> 0.85");
        assertThat(byName.get("NodeDiskFull").path("expr").asText()).endsWith("> 0.75");
        assertThat(byName.get("NodeDiskFull").path("annotations").path("runbook").asText())
                .isEqualTo("docs/observability.md#nodediskfull");
    }

    @Test
    void rateWindowsCoverFourScrapes() throws Exception {
        var slow = new AlertRules.Input(FULL.serviceNamespaces(), FULL.ingress(), FULL.level(), FULL.thresholds(), 60);
        assertThat(AlertRules.yaml(slow)).contains("[4m]").doesNotContain("[2m]");
    }

    @Test
    void productionRoutesAlertsToTheStackTopic() throws Exception {
        var plan = Stacks.plan("production");
        var definition = YAML.readTree(plan.resource("aws:amp/alertManagerDefinition:AlertManagerDefinition",
                "alert-routing-alert-manager").input("definition").asText());
        var config = YAML.readTree(definition.path("alertmanager_config").asText());
        var sns = config.path("receivers").get(0).path("sns_configs").get(0);
        assertThat(sns.path("topic_arn").asText()).isEqualTo(plan.output("aws:sns/topic:Topic", "alerts-topic", "arn"));
        assertThat(sns.path("sigv4").path("region").asText()).isEqualTo("us-east-1");
        assertThat(config.path("route").path("routes").get(0).path("matchers").get(0).asText()).isEqualTo("severity=\"critical\"");
        var rules = plan.resource("aws:amp/ruleGroupNamespace:RuleGroupNamespace", "alert-routing-rules");
        assertThat(rules.input("name").asText()).isEqualTo("multiship-production-alerts");
        assertThat(rules.input("workspaceId").asText()).startsWith("ws-");
    }

    @Test
    void topicPolicyAdmitsOnlyThisWorkspaceBesideTheAccountAndItsAlarms() throws Exception {
        var plan = Stacks.plan("production");
        var policy = new ObjectMapper().readTree(plan.resource("aws:sns/topicPolicy:TopicPolicy", "alert-routing-topic-policy")
                .input("policy").asText());
        var statements = policy.path("Statement");
        assertThat(statements).extracting(s -> s.path("Sid").asText())
                .containsExactly("AccountOwner", "CloudWatchAlarms", "PrometheusAlertManager");
        var aps = statements.get(2);
        assertThat(aps.path("Principal").path("Service").asText()).isEqualTo("aps.amazonaws.com");
        assertThat(aps.path("Condition").path("ArnEquals").path("aws:SourceArn").asText())
                .isEqualTo(plan.outputs().path("prometheusWorkspaceArn").asText());
        assertThat(aps.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo("123456789012");
        assertThat(statements.get(1).path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:*");
        assertThat(plan.resource("aws:amp/alertManagerDefinition:AlertManagerDefinition", "alert-routing-alert-manager")
                .dependencies()).anyMatch(urn -> urn.endsWith("::alert-routing-topic-policy"));
    }

    @Test
    void devAndStagingEvaluateRulesWithoutNotifying() {
        for (var stack : List.of("dev", "staging")) {
            var plan = Stacks.plan(stack);
            assertThat(plan.ofType("aws:amp/ruleGroupNamespace:RuleGroupNamespace")).hasSize(1);
            assertThat(plan.ofType("aws:amp/alertManagerDefinition:AlertManagerDefinition")).isEmpty();
            assertThat(plan.ofType("aws:sns/topicPolicy:TopicPolicy")).isEmpty();
        }
        var notifying = Stacks.plan("staging", cfg -> cfg.putObject("platform:observability").put("notifications", true));
        assertThat(notifying.ofType("aws:amp/alertManagerDefinition:AlertManagerDefinition")).hasSize(1);
    }

    @Test
    void databaseConnectionFailuresAreCountedFromThePostgresLogAndAlarmToTheTopic() {
        var plan = Stacks.plan("production", cfg -> cfg.putObject("platform:observability").putObject("thresholds")
                .put("databaseConnectionFailures", 3));
        var filter = plan.resource("aws:cloudwatch/logMetricFilter:LogMetricFilter", "alert-routing-db-connection-failures");
        assertThat(filter.input("logGroupName").asText()).isEqualTo("/aws/rds/instance/multiship-production/postgresql");
        assertThat(filter.input("pattern").asText()).contains("\"password authentication failed\"")
                .contains("\"PAM authentication failed\"").contains("\"too many clients already\"");
        assertThat(filter.input("metricTransformation.namespace").asText()).isEqualTo("Multiship/production");
        var alarm = plan.resource("aws:cloudwatch/metricAlarm:MetricAlarm", "alert-routing-db-connection-failures-alarm");
        assertThat(alarm.input("threshold").asDouble()).isEqualTo(3);
        assertThat(alarm.input("statistic").asText()).isEqualTo("Sum");
        assertThat(alarm.input("period").asInt()).isEqualTo(300);
        assertThat(alarm.input("alarmActions").get(0).asText()).isEqualTo(plan.output("aws:sns/topic:Topic", "alerts-topic", "arn"));
    }

    @Test
    void aTrafficStepDoesNotTouchTheRules() {
        var before = Stacks.plan("production").resource("aws:amp/ruleGroupNamespace:RuleGroupNamespace", "alert-routing-rules");
        var after = Stacks.plan("production", cfg -> ((com.fasterxml.jackson.databind.node.ObjectNode) Stacks.object(cfg, "services")
                .path("order-service").path("release")).put("canaryWeight", 25)
                .put("stable", "green")).resource("aws:amp/ruleGroupNamespace:RuleGroupNamespace", "alert-routing-rules");
        assertThat(after.inputs()).isEqualTo(before.inputs());
    }
}
