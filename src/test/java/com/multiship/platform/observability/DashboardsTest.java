package com.multiship.platform.observability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.config.ObservabilitySettings;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudWatch dashboard and the Grafana dashboard (per service, per colour) as a sidecar-loadable ConfigMap. */
class DashboardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void grafanaDashboardHasARowPerServiceAndALinePerColour() {
        var dashboard = GrafanaDashboard.of("production", List.of(new GrafanaDashboard.Service("order-service", "order-service"),
                new GrafanaDashboard.Service("auth-service", "shared-services")), ObservabilitySettings.REQUIRED);
        var rows = new java.util.ArrayList<String>();
        dashboard.path("panels").forEach(p -> {
            if (p.path("type").asText().equals("row")) {
                rows.add(p.path("title").asText());
            }
        });
        assertThat(rows).containsExactly("order-service (order-service)", "auth-service (shared-services)");
        var queries = GrafanaDashboard.queries(dashboard);
        assertThat(queries).hasSize(10).allSatisfy(q -> assertThat(q).containsAnyOf("by (destination_workload", "by (colour)"));
        assertThat(queries.get(2)).isEqualTo("histogram_quantile(0.95, sum by (destination_workload, le) (rate("
                + "istio_request_duration_milliseconds_bucket{reporter=\"destination\",destination_workload_namespace="
                + "\"order-service\",destination_app=\"order-service\"}[2m])))");
        var p95 = dashboard.path("panels").get(3);
        assertThat(p95.path("fieldConfig").path("defaults").path("thresholds").path("steps").get(2).path("value").asInt())
                .isEqualTo(2000);
    }

    @Test
    void dashboardsAreDeclaredPerStack() throws Exception {
        var plan = Stacks.plan("production");
        var configMap = plan.resource("kubernetes:core/v1:ConfigMap", "dashboards-grafana");
        assertThat(configMap.input("metadata.namespace").asText()).isEqualTo("monitoring");
        assertThat(configMap.input("metadata.labels.grafana_dashboard").asText()).isEqualTo("1");
        var grafana = JSON.readTree(configMap.input("data").path("multiship-production-services.json").asText());
        assertThat(grafana.path("uid").asText()).isEqualTo("multiship-production-services");
        assertThat(grafana.path("panels").toString()).contains("api-gateway (infrastructure)").contains("user-service (shared-services)");

        var cloudwatch = plan.resource("aws:cloudwatch/dashboard:Dashboard", "dashboards-cloudwatch");
        assertThat(cloudwatch.input("dashboardName").asText()).isEqualTo("multiship-production");
        var body = cloudwatch.input("dashboardBody").asText();
        assertThat(body).contains("\"DBInstanceIdentifier\",\"multiship-production\"")
                .contains("\"ReplicaLag\",\"DBInstanceIdentifier\",\"multiship-production-replica\"")
                .contains("\"NumberOfNotificationsFailed\",\"TopicName\",\"multiship-production-alerts\"")
                .contains("\"Multiship/production\",\"DatabaseConnectionFailures\"");
    }

    @Test
    void notificationCountsAreSummedAndReplicaLagIsDrawnAgainstTheTarget() throws Exception {
        var body = JSON.readTree(CloudWatchDashboard.body("us-east-1", "production", "multiship-production",
                Optional.of("multiship-production-replica"), "multiship-production-alerts"));
        com.fasterxml.jackson.databind.JsonNode sns = null;
        com.fasterxml.jackson.databind.JsonNode lag = null;
        for (var widget : body.path("widgets")) {
            var metrics = widget.path("properties").path("metrics").toString();
            if (metrics.contains("NumberOfNotificationsDelivered")) {
                sns = widget.path("properties");
            }
            if (metrics.contains("ReplicaLag")) {
                lag = widget.path("properties");
            }
        }
        // A count per notification: Average is always 1, Sum is the number sent.
        assertThat(sns.path("stat").asText()).isEqualTo("Sum");
        assertThat(sns.path("period").asInt()).isEqualTo(300);
        assertThat(lag.path("annotations").path("horizontal").get(0).path("value").asDouble()).isEqualTo(0.1);
        assertThat(lag.path("metrics").get(1).toString()).isEqualTo("[\"AWS/RDS\",\"OldestReplicationSlotLag\","
                + "\"DBInstanceIdentifier\",\"multiship-production\",{\"yAxis\":\"right\",\"stat\":\"Maximum\"}]");
    }

    @Test
    void noReplicaWidgetWithoutAReplica() {
        var body = CloudWatchDashboard.body("us-east-2", "dev", "multiship-dev", Optional.empty(), "multiship-dev-alerts");
        assertThat(body).doesNotContain("ReplicaLag");
    }
}
