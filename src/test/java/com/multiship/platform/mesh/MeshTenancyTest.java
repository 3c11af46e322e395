package com.multiship.platform.mesh;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's namespace rules in the Istio namespaces, as the engine receives them for the real stack files. */
class MeshTenancyTest {
    private static final String QUOTA = "kubernetes:core/v1:ResourceQuota";
    private static final String LIMITS = "kubernetes:core/v1:LimitRange";
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static Plan production;
    private static Plan dev;

    @BeforeAll
    static void plans() {
        production = Stacks.plan("production");
        dev = Stacks.plan("dev");
    }

    @Test
    void ingressQuotaFitsTheGatewayAtItsMaximumWithTheRolloutSurge() {
        // production: gatewayMinReplicas 3 -> at most 6 pods, +2 surge (25 % rounded up) = 8 x (100m/128Mi, 2/1Gi)
        var quota = production.resource(QUOTA, "mesh-tenancy-ingress-quota");
        assertThat(quota.input("metadata.namespace").asText()).isEqualTo("istio-ingress");
        assertThat(quota.input("spec.hard").toString()).isEqualTo(
                "{\"limits.cpu\":\"16\",\"limits.memory\":\"8Gi\",\"pods\":\"8\",\"requests.cpu\":\"800m\",\"requests.memory\":\"1Gi\"}");
        // dev: gatewayMinReplicas 1 -> at most 5 pods, +2 surge = 7
        assertThat(dev.resource(QUOTA, "mesh-tenancy-ingress-quota").input("spec.hard.pods").asText()).isEqualTo("7");
    }

    @Test
    void systemQuotaFitsIstiodWithItsSurgeAndOneCniAgentPerNodeEvenDuringANodeGroupUpdate() {
        // production: istiod 5 + 100 % surge = 10 x (500m/2Gi, 2/4Gi); nodes 9 + max(2 x 3 zones, 1) = 15 x (100m/100Mi, 500m/512Mi)
        var quota = production.resource(QUOTA, "mesh-tenancy-system-quota");
        assertThat(quota.input("metadata.namespace").asText()).isEqualTo("istio-system");
        assertThat(quota.input("spec.hard").toString()).isEqualTo(
                "{\"limits.cpu\":\"27500m\",\"limits.memory\":\"48640Mi\",\"pods\":\"25\",\"requests.cpu\":\"6500m\",\"requests.memory\":\"21980Mi\"}");
        // dev: 8 nodes + 2 x 2 zones = 12 agents, 10 istiod pods
        assertThat(dev.resource(QUOTA, "mesh-tenancy-system-quota").input("spec.hard.pods").asText()).isEqualTo("22");
    }

    @Test
    void chartsDeclareTheResourcesTheQuotasAreSizedFrom() {
        assertThat(production.resource(RELEASE, "mesh-gateway").input("values.resources").toString())
                .isEqualTo("{\"limits\":{\"cpu\":\"2\",\"memory\":\"1Gi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"}}");
        var istiod = production.resource(RELEASE, "mesh-istiod");
        assertThat(istiod.input("values.resources").toString())
                .isEqualTo("{\"limits\":{\"cpu\":\"2\",\"memory\":\"4Gi\"},\"requests\":{\"cpu\":\"500m\",\"memory\":\"2Gi\"}}");
        assertThat(istiod.input("values.autoscaleMax").asInt()).isEqualTo(5);
        assertThat(production.resource(RELEASE, "mesh-cni").input("values.resources").toString())
                .isEqualTo("{\"limits\":{\"cpu\":\"500m\",\"memory\":\"512Mi\"},\"requests\":{\"cpu\":\"100m\",\"memory\":\"100Mi\"}}");
    }

    @Test
    void limitRangesAdmitTheLargestChartContainerAndDefaultToTheSmallest() {
        var ingress = production.resource(LIMITS, "mesh-tenancy-ingress-limits").input("spec.limits.0");
        assertThat(ingress.path("type").asText()).isEqualTo("Container");
        assertThat(ingress.path("max").toString()).isEqualTo("{\"cpu\":\"2\",\"memory\":\"1Gi\"}");
        var system = production.resource(LIMITS, "mesh-tenancy-system-limits").input("spec.limits.0");
        assertThat(system.path("max").toString()).isEqualTo("{\"cpu\":\"2\",\"memory\":\"4Gi\"}");
        assertThat(system.path("default").toString()).isEqualTo("{\"cpu\":\"500m\",\"memory\":\"512Mi\"}");
        assertThat(system.path("defaultRequest").toString()).isEqualTo("{\"cpu\":\"100m\",\"memory\":\"100Mi\"}");
    }

    @Test
    void bothNamespacesDenyAllIngressAndEgressByDefault() {
        for (var namespace : List.of("system", "ingress")) {
            var deny = production.resource(POLICY, "mesh-tenancy-" + namespace + "-deny-all");
            assertThat(deny.input("spec").toString()).isEqualTo("{\"podSelector\":{},\"policyTypes\":[\"Ingress\",\"Egress\"]}");
            assertThat(production.resource(POLICY, "mesh-tenancy-" + namespace + "-allow-dns").input("spec.egress.0.to.0.namespaceSelector.matchLabels")
                    .path("kubernetes.io/metadata.name").asText()).isEqualTo("kube-system");
        }
    }

    @Test
    void gatewayAcceptsClientsFromAnywhereOnlyOnItsTrafficPorts() {
        var allow = production.resource(POLICY, "mesh-tenancy-ingress-allow-gateway").input("spec");
        assertThat(allow.path("podSelector").path("matchLabels").path("istio").asText()).isEqualTo("ingressgateway");
        assertThat(allow.path("ingress").toString()).isEqualTo(
                "[{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,\"protocol\":\"TCP\"}]}]");
    }

    @Test
    void gatewayReachesIstiodAndTheCatalogueNamespacesOnTheirServicePorts() {
        var istiod = production.resource(POLICY, "mesh-tenancy-ingress-allow-istiod").input("spec.egress.0");
        assertThat(istiod.toString()).isEqualTo("{\"ports\":[{\"port\":15012,\"protocol\":\"TCP\"}],\"to\":[{\"namespaceSelector\":"
                + "{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"istio-system\"}},\"podSelector\":{\"matchLabels\":{\"app\":\"istiod\"}}}]}");
        var services = production.resource(POLICY, "mesh-tenancy-ingress-allow-services").input("spec");
        assertThat(services.path("podSelector").path("matchLabels").path("istio").asText()).isEqualTo("ingressgateway");
        var namespaces = new java.util.ArrayList<String>();
        services.path("egress").forEach(rule -> {
            namespaces.add(rule.path("to").get(0).path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText());
            assertThat(rule.path("ports").toString()).isEqualTo("[{\"port\":8080,\"protocol\":\"TCP\"}]");
        });
        assertThat(namespaces).containsExactly("catalog-service", "infrastructure", "order-service", "shared-services");
    }

    @Test
    void chartPodsStartOnlyAfterTheirNamespaceRulesExist() {
        var cni = production.resource(RELEASE, "mesh-cni").dependencies();
        var istiod = production.resource(RELEASE, "mesh-istiod").dependencies();
        for (var urn : List.of(production.resource(QUOTA, "mesh-tenancy-system-quota").urn(),
                production.resource(LIMITS, "mesh-tenancy-system-limits").urn())) {
            assertThat(cni).contains(urn);
            assertThat(istiod).contains(urn);
        }
        assertThat(istiod).contains(production.resource(POLICY, "mesh-tenancy-system-allow-istiod").urn());
        var gateway = production.resource(RELEASE, "mesh-gateway").dependencies();
        assertThat(gateway).contains(production.resource(QUOTA, "mesh-tenancy-ingress-quota").urn(),
                production.resource(POLICY, "mesh-tenancy-ingress-allow-gateway").urn());
        assertThat(production.resource(QUOTA, "mesh-tenancy-system-quota").dependencies())
                .contains(production.resource("kubernetes:core/v1:Namespace", "mesh-ns-system").urn());
    }

    @Test
    void surgeRoundsUpAsKubernetesDoes() {
        assertThat(MeshQuotas.withSurge(1, 25)).isEqualTo(2);
        assertThat(MeshQuotas.withSurge(4, 25)).isEqualTo(5);
        assertThat(MeshQuotas.withSurge(6, 25)).isEqualTo(8);
        assertThat(MeshQuotas.withSurge(5, 100)).isEqualTo(10);
    }
}
