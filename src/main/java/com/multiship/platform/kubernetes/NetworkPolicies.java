package com.multiship.platform.kubernetes;

import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
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
