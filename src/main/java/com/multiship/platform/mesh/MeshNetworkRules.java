package com.multiship.platform.mesh;

import static com.multiship.platform.kubernetes.NetworkPolicies.*;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The NetworkPolicy specs of the Istio namespaces: deny everything, then allow exactly what the gateway and istiod
 * need. Pods with {@code hostNetwork} (the istio-cni node agent) are not governed by NetworkPolicies at all; and the
 * VPC CNI's policy agent always admits the node's own IP, so kubelet probes need no rule.
 */
final class MeshNetworkRules {
    static final int KUBERNETES_API_PORT = 443;
    static final int ISTIOD_XDS_PORT = 15012;

    private MeshNetworkRules() {}
    /**
     * Clients to the gateway's container ports from anywhere: the NLB preserves client IPs, so the sources are the
     * internet (or the VPC for an internal NLB) and the NLB's health checks on the status port.
     */
    static NetworkPolicySpecArgs allowGatewayIngress() {
        return NetworkPolicySpecArgs.builder()
                .podSelector(selector(MeshValues.GATEWAY_LABELS))
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder().ports(tcp(MeshValues.GATEWAY_PORTS)).build())
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
     * Into istiod from the VPC: sidecars and gateways (pod IPs are VPC addresses with the VPC CNI) for xDS and
     * certificates, and the EKS control plane, whose ENIs sit in the VPC, for the webhooks (15017).
     */
    static NetworkPolicySpecArgs allowIstiodIngress(Output<String> vpcCidr) {
        return NetworkPolicySpecArgs.builder()
                .podSelector(selector(MeshValues.ISTIOD_LABELS))
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder()
                        .from(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(vpcCidr).build()).build())
                        .ports(tcp(MeshValues.ISTIOD_PORTS))
                        .build())
                .build();
    }

    /** The Kubernetes API (istiod watches it): the cluster's private endpoint ENIs in the VPC, on 443. */
    static NetworkPolicySpecArgs allowKubernetesApi(Output<String> vpcCidr) {
        return egress(all(), NetworkPolicyEgressRuleArgs.builder()
                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(vpcCidr).build()).build())
                .ports(port("TCP", KUBERNETES_API_PORT))
                .build());
    }

                        }
