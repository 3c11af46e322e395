package com.multiship.platform.tenancy;

import static com.multiship.platform.kubernetes.NetworkPolicies.*;

import com.multiship.platform.config.ServiceSettings;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorRequirementArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NetworkPolicy specs of a namespace: deny everything, then allow DNS, the Istio control plane, HTTPS to the AWS
 * VPC endpoints, PostgreSQL inside the VPC (for the services with database access), each declared peer, and each
 * outside API a service declares ({@code externalEgress}).
 *
 * <p>Kubelet probes need no rule: the VPC CNI's network policy agent always admits traffic from the node's own IP.
 */
final class NetworkRules {
    /** The namespace of the ingress gateway (contract with the mesh installation). */
    static final String INGRESS_NAMESPACE = "istio-ingress";
    static final String ISTIO_NAMESPACE = "istio-system";
    /**
     * istiod: xDS and certificates over mTLS (15012), all a sidecar uses. Its webhook port (15017) is called by the API
     * server only, never by a pod.
     */
    static final List<Integer> ISTIOD_PORTS = List.of(15012);
    static final int POSTGRES_PORT = 5432;

    private NetworkRules() {}

            static NetworkPolicySpecArgs allowIstiod() {
        return egress(LabelSelectorArgs.builder().build(), NetworkPolicyEgressRuleArgs.builder()
                .to(inNamespace(ISTIO_NAMESPACE, Map.of("app", "istiod")))
                .ports(ISTIOD_PORTS.stream().map(p -> port("TCP", p)).toList())
                .build());
    }

    /**
     * AWS APIs (STS for IRSA, Secrets Manager, ...) over HTTPS through the VPC endpoints only: their subnets hold
     * nothing else, and private DNS resolves the regional API names to them. Nothing else beyond the VPC.
     */
    static NetworkPolicySpecArgs allowAwsEndpoints(List<String> endpointCidrs) {
        return egress(LabelSelectorArgs.builder().build(), NetworkPolicyEgressRuleArgs.builder()
                .to(endpointCidrs.stream().map(NetworkRules::block).toList())
                .ports(port("TCP", 443))
                .build());
    }

    /** One outside API a service calls, declared in its settings: its own pods, the rule's blocks and ports. */
    static NetworkPolicySpecArgs allowExternal(ServiceSettings service, ServiceSettings.ExternalEgress rule) {
        return NetworkPolicySpecArgs.builder()
                .podSelector(app(service.name()))
                .policyTypes("Egress")
                .egress(NetworkPolicyEgressRuleArgs.builder()
                        .to(rule.cidrs().stream().map(NetworkRules::block).toList())
                        .ports(rule.ports().stream().map(p -> port("TCP", p)).toList())
                        .build())
                .build();
    }

    private static NetworkPolicyPeerArgs block(String cidr) {
        return NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build();
    }

    /** PostgreSQL in the VPC, for the pods of the services that have database access; empty when none has. */
    static Optional<NetworkPolicySpecArgs> allowDatabase(List<ServiceSettings> members, Output<String> vpcCidr) {
        var withDatabase = members.stream().filter(ServiceSettings::databaseAccess).map(ServiceSettings::name).toList();
        if (withDatabase.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(egress(appIn(withDatabase), NetworkPolicyEgressRuleArgs.builder()
                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(vpcCidr).build()).build())
                .ports(port("TCP", POSTGRES_PORT))
                .build()));
    }

    /** Who may call the service: its peers and, for the ingress service, the ingress gateway; empty when nobody. */
    static Optional<NetworkPolicySpecArgs> allowIngress(ServiceSettings service, List<ServiceSettings> catalogue) {
        var from = catalogue.stream().filter(s -> service.peers().contains(s.name()))
                .map(peer -> inNamespace(peer.namespace(), Map.of("app", peer.name())))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        if (service.ingress()) {
            from.add(NetworkPolicyPeerArgs.builder().namespaceSelector(LabelSelectorArgs.builder()
                    .matchLabels(Map.of(NAMESPACE_LABEL, INGRESS_NAMESPACE)).build()).build());
        }
        if (from.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(NetworkPolicySpecArgs.builder()
                .podSelector(app(service.name()))
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder().from(from).ports(port("TCP", service.port())).build())
                .build());
    }

    /** The services this one calls: those that list it as a peer; empty when none. */
    static Optional<NetworkPolicySpecArgs> allowEgressToPeers(ServiceSettings service, List<ServiceSettings> catalogue) {
        var rules = catalogue.stream().filter(callee -> callee.peers().contains(service.name()))
                .map(callee -> NetworkPolicyEgressRuleArgs.builder()
                        .to(inNamespace(callee.namespace(), Map.of("app", callee.name())))
                        .ports(port("TCP", callee.port()))
                        .build())
                .toList();
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(NetworkPolicySpecArgs.builder()
                .podSelector(app(service.name()))
                .policyTypes("Egress")
                .egress(rules)
                .build());
    }

    static LabelSelectorArgs app(String service) {
        return LabelSelectorArgs.builder().matchLabels(Map.of("app", service)).build();
    }

    private static LabelSelectorArgs appIn(List<String> services) {
        return LabelSelectorArgs.builder().matchExpressions(LabelSelectorRequirementArgs.builder()
                .key("app").operator("In").values(services).build()).build();
    }

            }
