package com.multiship.platform.mesh;

import static com.multiship.platform.kubernetes.NetworkPolicies.*;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy specs of the Istio namespaces: deny everything, then allow exactly what the gateway and istiod
 * need. In sidecar mode the istio-cni node agent is an ordinary pod (the cni chart sets {@code hostNetwork} only with
 * {@code ambient.enabled} and {@code ambient.shareHostNetworkNamespace}, templates/daemonset.yaml at 1.31), so these
 * policies govern it too: it watches the API like istiod. The VPC CNI's policy agent always admits the node's own IP,
 * so kubelet probes need no rule.
 */
final class MeshNetworkRules {
    /** istiod's xDS and certificate port over mTLS: the sidecars and the gateway. */
    static final int ISTIOD_XDS_PORT = 15012;
    /** istiod's monitoring port (plaintext metrics and debug): the metrics collector only. */
    static final int ISTIOD_MONITORING_PORT = 15014;
    /** istiod's webhook port (injection, validation), behind the istiod Service's 443: the API server only. */
    static final int ISTIOD_WEBHOOK_PORT = 15017;

    private MeshNetworkRules() {}

    /**
     * Clients to the gateway's traffic ports. With {@code externalTrafficPolicy: Local} the NLB's instance targets
     * deliver client addresses unchanged, so the sources are the clients themselves (the internet, or the VPC for an
     * internal NLB); the NLB health-checks kube-proxy's health-check node port on the node, not the pod, so the
     * status port 15021 is not opened (kubelet's readiness probe comes from the node, always admitted).
     */
    static NetworkPolicySpecArgs allowGatewayIngress() {
        return NetworkPolicySpecArgs.builder()
                .podSelector(selector(MeshValues.GATEWAY_LABELS))
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder().ports(tcp(MeshValues.GATEWAY_TRAFFIC_PORTS)).build())
                .build();
    }

    /** The gateway's proxy to istiod: configuration (xDS) and its certificates, on 15012. */
    static NetworkPolicySpecArgs allowIstiod() {
        return egress(selector(MeshValues.GATEWAY_LABELS), NetworkPolicyEgressRuleArgs.builder()
                .to(inNamespace(Mesh.SYSTEM_NAMESPACE, MeshValues.ISTIOD_LABELS))
                .ports(port("TCP", ISTIOD_XDS_PORT))
                .build());
    }

    /**
     * The gateway to the mesh workloads: each namespace of the catalogue on the ports its services listen on (Envoy
     * connects to pod IP and container port). The services' own policies decide which of their pods accept it.
     */
    static NetworkPolicySpecArgs allowServices(Map<String, ? extends Collection<Integer>> portsByNamespace) {
        var rules = portsByNamespace.entrySet().stream()
                .map(entry -> NetworkPolicyEgressRuleArgs.builder()
                        .to(NetworkPolicyPeerArgs.builder().namespaceSelector(selector(Map.of(NAMESPACE_LABEL, entry.getKey()))).build())
                        .ports(tcp(List.copyOf(entry.getValue())))
                        .build())
                .toList();
        return NetworkPolicySpecArgs.builder()
                .podSelector(selector(MeshValues.GATEWAY_LABELS))
                .policyTypes("Egress")
                .egress(rules)
                .build();
    }

    /**
     * Into istiod, each port from who uses it: xDS and certificates (15012) from the mesh's namespaces (the sidecars'
     * and the gateway's); the webhooks (15017) from the EKS control plane, whose ENIs sit in the VPC (the API server
     * calls the istiod Service on 443, translated to 15017 before the pod's ingress check); monitoring (15014) from the
     * metrics collector only. The plaintext xDS port 15010 is not opened at all.
     *
     * @param meshNamespaces the namespaces whose pods run a sidecar or the gateway, sorted
     * @param collector      the collector's namespace and pod labels
     */
    static NetworkPolicySpecArgs allowIstiodIngress(Output<String> vpcCidr, List<String> meshNamespaces,
                                                    String collectorNamespace, Map<String, String> collector) {
        return NetworkPolicySpecArgs.builder()
                .podSelector(selector(MeshValues.ISTIOD_LABELS))
                .policyTypes("Ingress")
                .ingress(
                        NetworkPolicyIngressRuleArgs.builder().from(namespacesIn(meshNamespaces))
                                .ports(port("TCP", ISTIOD_XDS_PORT)).build(),
                        NetworkPolicyIngressRuleArgs.builder().from(block(vpcCidr))
                                .ports(port("TCP", ISTIOD_WEBHOOK_PORT)).build(),
                        NetworkPolicyIngressRuleArgs.builder().from(inNamespace(collectorNamespace, collector))
                                .ports(port("TCP", ISTIOD_MONITORING_PORT)).build())
                .build();
    }
}
