package com.multiship.platform.mesh;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine receives for the mesh of the real stack files. */
class MeshTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String NAMESPACE = "kubernetes:core/v1:Namespace";
    private static Plan production;
    private static Plan dev;

    @BeforeAll
    static void plans() {
        production = Stacks.plan("production");
        dev = Stacks.plan("dev");
    }

    @Test
    void installsTheFourChartsAtOnePinnedVersionFromTheOfficialRepository() {
        for (var role : List.of("base", "cni", "istiod", "gateway")) {
            var release = production.resource(RELEASE, "mesh-" + role);
            assertThat(release.input("chart").asText()).isEqualTo(role);
            assertThat(release.input("version").asText()).isEqualTo("1.31.1");
            assertThat(release.input("repositoryOpts.repo").asText()).isEqualTo("https://istio-release.storage.googleapis.com/charts");
            assertThat(release.input("atomic").asBoolean()).isTrue();
        }
        assertThat(production.resource(RELEASE, "mesh-base").input("name").asText()).isEqualTo("istio-base");
        assertThat(production.resource(RELEASE, "mesh-gateway").input("name").asText()).isEqualTo("istio-ingressgateway");
    }

    @Test
    void installsInOrderBaseCniIstiodGateway() {
        assertThat(production.resource(RELEASE, "mesh-cni").dependencies()).contains(production.resource(RELEASE, "mesh-base").urn());
        assertThat(production.resource(RELEASE, "mesh-istiod").dependencies()).contains(production.resource(RELEASE, "mesh-cni").urn());
        assertThat(production.resource(RELEASE, "mesh-gateway").dependencies()).contains(production.resource(RELEASE, "mesh-istiod").urn());
        assertThat(production.resource(RELEASE, "mesh-base").dependencies()).contains(production.resource(NAMESPACE, "mesh-ns-system").urn());
    }

    @Test
    void runsTheCniNodeAgentSoThatInjectedPodsNeedNoNetAdmin() {
        var istiod = production.resource(RELEASE, "mesh-istiod");
        assertThat(istiod.input("values.cni.enabled").asBoolean()).isTrue();
        assertThat(production.resource(RELEASE, "mesh-cni").input("namespace").asText()).isEqualTo("istio-system");
        assertThat(istiod.input("namespace").asText()).isEqualTo("istio-system");
    }

    @Test
    void privilegedPodSecurityOnlyWhereTheCniDaemonSetRuns() {
        var system = production.resource(NAMESPACE, "mesh-ns-system");
        assertThat(system.input("metadata.name").asText()).isEqualTo("istio-system");
        assertThat(system.input("metadata.labels").get("pod-security.kubernetes.io/enforce").asText()).isEqualTo("privileged");
        var ingress = production.resource(NAMESPACE, "mesh-ns-ingress");
        assertThat(ingress.input("metadata.name").asText()).isEqualTo("istio-ingress");
        assertThat(ingress.input("metadata.labels").get("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
        assertThat(ingress.input("metadata.labels").get("pod-security.kubernetes.io/enforce-version").asText()).isEqualTo("v1.36");
        assertThat(production.resource(RELEASE, "mesh-gateway").input("namespace").asText()).isEqualTo("istio-ingress");
    }

    @Test
    void gatewayPodsPassTheRestrictedStandard() {
        var context = production.resource(RELEASE, "mesh-gateway").input("values.securityContext");
        assertThat(context.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        assertThat(context.path("sysctls").get(0).path("name").asText()).isEqualTo("net.ipv4.ip_unprivileged_port_start");
    }

    @Test
    void productionGatewayIsAnInternetFacingNlbWithThreeReplicasSpreadOverZones() {
        var values = production.resource(RELEASE, "mesh-gateway").input("values");
        var annotations = values.path("service").path("annotations");
        assertThat(values.path("service").path("type").asText()).isEqualTo("LoadBalancer");
        assertThat(annotations.path("service.beta.kubernetes.io/aws-load-balancer-type").asText()).isEqualTo("nlb");
        // the in-tree controller (cloud-provider-aws v1.36.1 pkg/providers/v1/aws.go) reads no scheme annotation:
        // internet-facing is its default, internal is aws-load-balancer-internal
        assertThat(annotations.has("service.beta.kubernetes.io/aws-load-balancer-scheme")).isFalse();
        assertThat(annotations.has("service.beta.kubernetes.io/aws-load-balancer-internal")).isFalse();
        assertThat(values.path("autoscaling").path("minReplicas").asInt()).isEqualTo(3);
        assertThat(values.path("podDisruptionBudget").path("maxUnavailable").asInt()).isEqualTo(1);
        assertThat(values.path("topologySpreadConstraints").get(0).path("topologyKey").asText()).isEqualTo("topology.kubernetes.io/zone");
    }

    @Test
    void devGatewayIsAnInternalNlbAndItsControlPlaneHasNoBudgetThatBlocksDrains() {
        var annotations = dev.resource(RELEASE, "mesh-gateway").input("values.service.annotations");
        assertThat(annotations.has("service.beta.kubernetes.io/aws-load-balancer-scheme")).isFalse();
        assertThat(annotations.path("service.beta.kubernetes.io/aws-load-balancer-internal").asText()).isEqualTo("true");
        var istiod = dev.resource(RELEASE, "mesh-istiod");
        assertThat(istiod.input("values.autoscaleMin").asInt()).isEqualTo(1);
        assertThat(istiod.input("values.global.defaultPodDisruptionBudget.enabled").asBoolean()).isFalse();
        assertThat(production.resource(RELEASE, "mesh-istiod").input("values.autoscaleMin").asInt()).isEqualTo(2);
    }

    @Test
    void gatewayKeepsClientAddressesAndPublishesOnlyTheTrafficPorts() {
        for (var plan : List.of(production, dev)) {
            var service = plan.resource(RELEASE, "mesh-gateway").input("values.service");
            // Local: the NLB's instance targets reach the gateway pod without kube-proxy's SNAT, and the NLB health-checks
            // kube-proxy's healthCheckNodePort (HTTP), so the status port 15021 needs no listener
            assertThat(service.path("externalTrafficPolicy").asText()).isEqualTo("Local");
            assertThat(service.path("ports").toString()).isEqualTo("[{\"name\":\"http2\",\"port\":80,\"protocol\":\"TCP\","
                    + "\"targetPort\":80},{\"name\":\"https\",\"port\":443,\"protocol\":\"TCP\",\"targetPort\":443}]");
        }
    }

    @Test
    void meshWideStrictMutualTls() {
        var peer = production.resource("kubernetes:security.istio.io/v1:PeerAuthentication", "mesh-mtls-strict");
        assertThat(peer.input("apiVersion").asText()).isEqualTo("security.istio.io/v1");
        assertThat(peer.input("kind").asText()).isEqualTo("PeerAuthentication");
        assertThat(peer.input("metadata.name").asText()).isEqualTo("default");
        assertThat(peer.input("metadata.namespace").asText()).isEqualTo("istio-system");
        assertThat(peer.input("spec.mtls.mode").asText()).isEqualTo("STRICT");
        assertThat(peer.dependencies()).contains(production.resource(RELEASE, "mesh-istiod").urn());
    }

    @Test
    void apiGatewayServesTheStackHostBehindTheTlsLoadBalancerAndRedirectsHttp() {
        var gateway = production.resource("kubernetes:networking.istio.io/v1:Gateway", "mesh-api-gateway");
        assertThat(gateway.input("apiVersion").asText()).isEqualTo("networking.istio.io/v1");
        assertThat(gateway.input("metadata.name").asText() + "/" + gateway.input("metadata.namespace").asText())
                .isEqualTo("api-gateway/istio-ingress");
        assertThat(gateway.input("spec.selector.istio").asText()).isEqualTo("ingressgateway");
        assertThat(production.resource(RELEASE, "mesh-gateway").input("values.labels.istio").asText()).isEqualTo("ingressgateway");
        var https = gateway.input("spec.servers.0");
        assertThat(https.path("port").path("number").asInt()).isEqualTo(443);
        // TLS ends at the NLB (ApiTlsTest): the gateway's 443 receives plain HTTP
        assertThat(https.path("port").path("protocol").asText()).isEqualTo("HTTP");
        assertThat(https.path("hosts").get(0).asText()).isEqualTo("api.multiship.com");
        assertThat(https.has("tls")).isFalse();
        var http = gateway.input("spec.servers.1");
        assertThat(http.path("port").path("number").asInt()).isEqualTo(80);
        assertThat(http.path("tls").path("httpsRedirect").asBoolean()).isTrue();
        assertThat(dev.resource("kubernetes:networking.istio.io/v1:Gateway", "mesh-api-gateway").input("spec.servers.0.hosts.0").asText())
                .isEqualTo("api.dev.multiship.com");
    }

    @Test
    void everyMeshResourceUsesTheClusterProvider() {
        production.resources().stream().filter(r -> r.custom() && r.urn().contains("platform:mesh:Mesh$"))
                .forEach(r -> assertThat(r.provider()).as(r.name()).endsWith("::cluster-k8s"));
    }
}
