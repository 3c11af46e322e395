package com.multiship.platform.kubernetes;

import com.multiship.platform.cluster.Cluster;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorRequirementArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;

import java.util.List;
import java.util.Map;

/**
 * The building blocks every namespace's NetworkPolicies share (service namespaces, the Istio namespaces, the
 * monitoring namespace): default deny, cluster DNS, peers by namespace and labels, ports. Pure functions.
 */
public final class NetworkPolicies {
    /** The label Kubernetes puts on every namespace with its own name. */
    public static final String NAMESPACE_LABEL = "kubernetes.io/metadata.name";

    private NetworkPolicies() {}

    /** Every pod of the namespace: no traffic in or out unless another policy allows it. */
    public static NetworkPolicySpecArgs denyAll() {
        return NetworkPolicySpecArgs.builder().podSelector(all()).policyTypes("Ingress", "Egress").build();
    }

    /** Cluster DNS (CoreDNS in kube-system, UDP and TCP 53), for every pod of the namespace. */
    public static NetworkPolicySpecArgs allowDns() {
        return egress(all(), NetworkPolicyEgressRuleArgs.builder()
                .to(inNamespace("kube-system", Map.of("k8s-app", "kube-dns")))
                .ports(port("UDP", 53), port("TCP", 53))
                .build());
    }

    /** The API server's port, on the {@code kubernetes} Service and on the control plane's endpoint ENIs. */
    public static final int KUBERNETES_API_PORT = 443;

    /**
     * The Kubernetes API, for every pod of a namespace whose controllers watch it. The VPC CNI's policy agent checks
     * egress on the pod's veth before kube-proxy translates the {@code kubernetes} Service's cluster IP
     * ({@link Cluster#KUBERNETES_SERVICE_IP}), and it adds a Service's cluster IP to a policy only for pod-selector peers
     * matched by that Service's selector, which {@code kubernetes} has none of: so the cluster IP must be an
     * {@code ipBlock} of its own. The VPC block covers the endpoint ENIs the Service resolves to (and the API's private
     * DNS name, which resolves to them).
     */
    public static NetworkPolicySpecArgs allowKubernetesApi(Output<String> vpcCidr) {
        return egress(all(), NetworkPolicyEgressRuleArgs.builder()
                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder()
                                .cidr(Cluster.KUBERNETES_SERVICE_IP + "/32").build()).build(),
                        NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(vpcCidr).build()).build())
                .ports(port("TCP", KUBERNETES_API_PORT))
                .build());
    }

    /** The pods of any of {@code namespaces}, by their name label. */
    public static NetworkPolicyPeerArgs namespacesIn(List<String> namespaces) {
        return NetworkPolicyPeerArgs.builder().namespaceSelector(LabelSelectorArgs.builder()
                .matchExpressions(LabelSelectorRequirementArgs.builder()
                        .key(NAMESPACE_LABEL).operator("In").values(List.copyOf(namespaces)).build())
                .build()).build();
    }

    /** Addresses in {@code cidr}. */
    public static NetworkPolicyPeerArgs block(Output<String> cidr) {
        return NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build();
    }

    /** An egress-only policy for {@code pods}. */
    public static NetworkPolicySpecArgs egress(LabelSelectorArgs pods, NetworkPolicyEgressRuleArgs rule) {
        return NetworkPolicySpecArgs.builder().podSelector(pods).policyTypes("Egress").egress(rule).build();
    }

    /** Every pod. */
    public static LabelSelectorArgs all() {
        return LabelSelectorArgs.builder().build();
    }

    public static LabelSelectorArgs selector(Map<String, String> labels) {
        return LabelSelectorArgs.builder().matchLabels(labels).build();
    }

    /** The pods with {@code podLabels} (all pods when empty) in {@code namespace}. */
    public static NetworkPolicyPeerArgs inNamespace(String namespace, Map<String, String> podLabels) {
        return NetworkPolicyPeerArgs.builder()
                .namespaceSelector(selector(Map.of(NAMESPACE_LABEL, namespace)))
                .podSelector(selector(podLabels))
                .build();
    }

    public static NetworkPolicyPortArgs port(String protocol, int port) {
        return NetworkPolicyPortArgs.builder().protocol(protocol).port(port).build();
    }

    public static List<NetworkPolicyPortArgs> tcp(List<Integer> ports) {
        return ports.stream().map(p -> port("TCP", p)).toList();
    }
}
