package com.multiship.platform.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import com.multiship.platform.testing.VpcCniEgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flows the controllers of a fresh cluster need, through the NetworkPolicies of their default-deny namespaces,
 * judged with the VPC CNI policy agent's semantics ({@link VpcCniEgress}): the Kubernetes API through the
 * {@code kubernetes} Service's cluster IP, and istiod's ports open only to who uses them.
 */
class MeshFlowsTest {
    private static final String POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    /** The {@code kubernetes} Service's cluster IP: the first address of the cluster's service CIDR. */
    private static final String KUBERNETES_SERVICE_IP = "172.20.0.1";
    private static final Map<String, Plan> PLANS = new HashMap<>();

    @BeforeAll
    static void plans() {
        Stacks.ALL.forEach(stack -> PLANS.put(stack, Stacks.plan(stack)));
    }

    @Test
    void everyControllerInADefaultDenyNamespaceReachesTheKubernetesApiThroughItsClusterIp() {
        var controllers = List.of(
                new Pod("istio-system", Map.of("app", "istiod")),
                new Pod("istio-system", Map.of("k8s-app", "istio-cni-node")),
                new Pod("external-secrets", Map.of("app.kubernetes.io/name", "external-secrets")),
                new Pod("external-secrets", Map.of("app.kubernetes.io/name", "external-secrets-webhook")),
                new Pod("external-secrets", Map.of("app.kubernetes.io/name", "external-secrets-cert-controller")),
                new Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus", "app.kubernetes.io/instance", "prometheus-agent")),
                new Pod("monitoring", Map.of("app.kubernetes.io/name", "kube-state-metrics")));
        PLANS.forEach((stack, plan) -> {
            var blocked = new ArrayList<String>();
            for (var pod : controllers) {
                if (!VpcCniEgress.allows(plan, pod.namespace(), pod.labels(), KUBERNETES_SERVICE_IP, 443)) {
                    blocked.add(pod.namespace() + "/" + pod.labels());
                }
            }
            assertThat(blocked).as("pods that cannot reach %s:443 in %s", KUBERNETES_SERVICE_IP, stack).isEmpty();
        });
    }

    @Test
    void theApiRuleAdmitsTheClusterIpAndTheEndpointEnisOnly() {
        var rule = PLANS.get("production").resource(POLICY, "mesh-tenancy-system-allow-kubernetes-api").input("spec.egress.0");
        var cidrs = new ArrayList<String>();
        rule.path("to").forEach(peer -> cidrs.add(peer.path("ipBlock").path("cidr").asText()));
        // the cluster IP before kube-proxy's translation, and the VPC (the control plane's ENIs) after it
        assertThat(cidrs).containsExactly(KUBERNETES_SERVICE_IP + "/32", "10.30.0.0/16");
        assertThat(rule.path("ports").toString()).isEqualTo("[{\"port\":443,\"protocol\":\"TCP\"}]");
    }

    @Test
    void istiodAcceptsXdsFromTheMeshWebhooksFromTheControlPlaneAndMetricsFromTheCollectorOnly() {
        var ingress = PLANS.get("production").resource(POLICY, "mesh-tenancy-system-allow-istiod").input("spec.ingress");
        var byPort = new HashMap<Integer, JsonNode>();
        ingress.forEach(rule -> rule.path("ports").forEach(p -> byPort.put(p.path("port").asInt(), rule.path("from"))));
        assertThat(byPort.keySet()).containsExactlyInAnyOrder(15012, 15014, 15017);
        assertThat(byPort.get(15012).toString()).isEqualTo("[{\"namespaceSelector\":{\"matchExpressions\":[{\"key\":"
                + "\"kubernetes.io/metadata.name\",\"operator\":\"In\",\"values\":[\"catalog-service\",\"infrastructure\","
                + "\"istio-ingress\",\"order-service\",\"shared-services\"]}]}}]");
        assertThat(byPort.get(15017).toString()).isEqualTo("[{\"ipBlock\":{\"cidr\":\"10.30.0.0/16\"}}]");
        assertThat(byPort.get(15014).toString()).isEqualTo("[{\"namespaceSelector\":{\"matchLabels\":{"
                + "\"kubernetes.io/metadata.name\":\"monitoring\"}},\"podSelector\":{\"matchLabels\":{"
                + "\"app.kubernetes.io/instance\":\"prometheus-agent\",\"app.kubernetes.io/name\":\"prometheus\"}}}]");
    }

    @Test
    void sidecarsReachIstiodOnTheMtlsXdsPortOnly() {
        var egress = PLANS.get("production").resource(POLICY, "tenancy-ns-order-service-allow-istiod").input("spec.egress.0.ports");
        assertThat(egress.toString()).isEqualTo("[{\"port\":15012,\"protocol\":\"TCP\"}]");
    }

    @Test
    void gatewayAdmitsClientsOnTheTrafficPortsOnlyNotTheStatusPort() {
        var rule = PLANS.get("production").resource(POLICY, "mesh-tenancy-ingress-allow-gateway").input("spec.ingress.0");
        assertThat(rule.path("ports").toString()).isEqualTo("[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":443,\"protocol\":\"TCP\"}]");
    }

    private record Pod(String namespace, Map<String, String> labels) {}
}
