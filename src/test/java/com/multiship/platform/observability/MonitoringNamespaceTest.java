package com.multiship.platform.observability;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The collector's namespace: restricted, outside the mesh, default-deny, and admitted only to the metrics port. */
class MonitoringNamespaceTest {
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

    @Test
    void namespaceIsRestrictedAndOutsideTheMesh() {
        var plan = Stacks.plan("production");
        var labels = plan.resource("kubernetes:core/v1:Namespace", "monitoring-ns").input("metadata.labels");
        assertThat(labels.path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
        assertThat(labels.path("istio-injection").asText()).isEqualTo("disabled");
        assertThat(plan.resource("kubernetes:core/v1:ResourceQuota", "monitoring-quota").input("spec.hard")
                .path("requests.cpu").asText()).isEqualTo("2");
        var deny = plan.resource(POLICY, "monitoring-deny-all");
        assertThat(deny.input("spec.podSelector").isEmpty()).isTrue();
        assertThat(deny.input("spec.policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(deny.input("spec.ingress").isMissingNode()).isTrue();
    }

    @Test
    void everyServiceNamespaceAdmitsTheCollectorOnTheEnvoyMetricsPortOnly() {
        var plan = Stacks.plan("production");
        for (var namespace : new String[]{"catalog-service", "infrastructure", "order-service", "shared-services", "istio-ingress"}) {
            var policy = plan.resource(POLICY, "monitoring-scrape-from-" + namespace);
            assertThat(policy.input("metadata.namespace").asText()).isEqualTo(namespace);
            var rule = policy.input("spec.ingress").get(0);
            assertThat(rule.path("ports").toString()).isEqualTo("[{\"port\":15090,\"protocol\":\"TCP\"}]");
            assertThat(rule.path("from").get(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                    .asText()).isEqualTo("monitoring");
            assertThat(rule.path("from").get(0).path("podSelector").path("matchLabels").path("app.kubernetes.io/instance")
                    .asText()).isEqualTo("prometheus-agent");
        }
        // nothing else of the monitoring component reaches into the mesh's namespaces
        assertThat(plan.ofType(POLICY)).filteredOn(p -> p.name().startsWith("monitoring-"))
                .filteredOn(p -> p.input("metadata.namespace").asText().startsWith("istio-"))
                .extracting(p -> p.name()).containsExactly("monitoring-scrape-from-istio-ingress");
    }

    @Test
    void collectorMayReachOnlyItsTargets() {
        var egress = Stacks.plan("dev").resource(POLICY, "monitoring-allow-scrape").input("spec.egress");
        assertThat(egress.toString()).contains("\"port\":15090").contains("\"port\":8080").contains("\"port\":9100")
                .contains("\"cidr\":\"10.10.0.0/16\"");
        assertThat(egress).hasSize(7);
    }
}
