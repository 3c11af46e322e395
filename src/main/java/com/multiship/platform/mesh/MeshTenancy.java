package com.multiship.platform.mesh;

import com.multiship.platform.kubernetes.Metadata;
import com.multiship.platform.kubernetes.NetworkPolicies;
import com.multiship.platform.observability.MonitoringNamespace;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.LimitRange;
import com.pulumi.kubernetes.core.v1.LimitRangeArgs;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeItemArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The platform's namespace rules applied to the Istio namespaces: a ResourceQuota and a LimitRange sized for the
 * charts' pods ({@link MeshQuotas}), default-deny ingress and egress, and named allow rules
 * ({@link MeshNetworkRules}). The charts' pods are created only after these exist (see {@link Mesh}).
 */
public final class MeshTenancy extends ComponentResource {
    private final List<Resource> system = new ArrayList<>();
    private final List<Resource> ingress = new ArrayList<>();

    /**
     * What the rules need.
     *
     * @param vpcCidr          the VPC's block: the EKS control plane's ENIs (webhook calls into istiod, and the endpoints
     *                         behind the {@code kubernetes} Service) are in it
     * @param portsByNamespace the service namespaces of the catalogue and the ports their services listen on
     * @param maxNodes         the most nodes the node groups can grow to (one istio-cni agent each)
     * @param systemNamespace  {@code istio-system}, which must exist first
     * @param ingressNamespace {@code istio-ingress}, which must exist first
     */
    public record Args(MeshQuotas.Quota ingressQuota, MeshQuotas.Quota systemQuota, Output<String> vpcCidr,
                       Map<String, ? extends Collection<Integer>> portsByNamespace, Resource systemNamespace,
                       Resource ingressNamespace) {}

    public MeshTenancy(String name, Args args, ComponentResourceOptions options) {
        super("platform:mesh:MeshTenancy", name, null, options);
        var inSystem = CustomResourceOptions.builder().parent(this).dependsOn(args.systemNamespace()).build();
        var inIngress = CustomResourceOptions.builder().parent(this).dependsOn(args.ingressNamespace()).build();
        var systemPrefix = name + "-system";
        var ingressPrefix = name + "-ingress";

        limits(system, systemPrefix, Mesh.SYSTEM_NAMESPACE, args.systemQuota(), inSystem);
        policy(system, systemPrefix + "-deny-all", Mesh.SYSTEM_NAMESPACE, "default-deny", NetworkPolicies.denyAll(), inSystem);
        policy(system, systemPrefix + "-allow-dns", Mesh.SYSTEM_NAMESPACE, "allow-dns", NetworkPolicies.allowDns(), inSystem);
        var meshNamespaces = new TreeSet<String>(args.portsByNamespace().keySet());
        meshNamespaces.add(Mesh.INGRESS_NAMESPACE);
        policy(system, systemPrefix + "-allow-istiod", Mesh.SYSTEM_NAMESPACE, "allow-istiod-clients",
                MeshNetworkRules.allowIstiodIngress(args.vpcCidr(), List.copyOf(meshNamespaces), MonitoringNamespace.NAME,
                        MonitoringNamespace.COLLECTOR), inSystem);
        policy(system, systemPrefix + "-allow-kubernetes-api", Mesh.SYSTEM_NAMESPACE, "allow-kubernetes-api",
                NetworkPolicies.allowKubernetesApi(args.vpcCidr()), inSystem);

        limits(ingress, ingressPrefix, Mesh.INGRESS_NAMESPACE, args.ingressQuota(), inIngress);
        policy(ingress, ingressPrefix + "-deny-all", Mesh.INGRESS_NAMESPACE, "default-deny", NetworkPolicies.denyAll(), inIngress);
        policy(ingress, ingressPrefix + "-allow-gateway", Mesh.INGRESS_NAMESPACE, "allow-gateway-clients",
                MeshNetworkRules.allowGatewayIngress(), inIngress);
        policy(ingress, ingressPrefix + "-allow-dns", Mesh.INGRESS_NAMESPACE, "allow-dns", NetworkPolicies.allowDns(), inIngress);
        policy(ingress, ingressPrefix + "-allow-istiod", Mesh.INGRESS_NAMESPACE, "allow-istiod", MeshNetworkRules.allowIstiod(), inIngress);
        if (!args.portsByNamespace().isEmpty()) {
            policy(ingress, ingressPrefix + "-allow-services", Mesh.INGRESS_NAMESPACE, "allow-services",
                    MeshNetworkRules.allowServices(args.portsByNamespace()), inIngress);
        }
        registerOutputs(Map.of());
    }

    private void limits(List<Resource> into, String prefix, String namespace, MeshQuotas.Quota quota,
                        CustomResourceOptions options) {
        into.add(new ResourceQuota(prefix + "-quota", ResourceQuotaArgs.builder()
                .metadata(Metadata.managed("compute", namespace))
                .spec(ResourceQuotaSpecArgs.builder().hard(quota.hard()).build())
                .build(), options));
        into.add(new LimitRange(prefix + "-limits", LimitRangeArgs.builder()
                .metadata(Metadata.managed("container-defaults", namespace))
                .spec(LimitRangeSpecArgs.builder().limits(LimitRangeItemArgs.builder()
                        .type("Container")
                        .defaultRequest(Map.of("cpu", quota.defaultRequest().cpu(), "memory", quota.defaultRequest().memory()))
                        .default_(Map.of("cpu", quota.defaultLimit().cpu(), "memory", quota.defaultLimit().memory()))
                        .max(Map.of("cpu", quota.maxContainer().cpu(), "memory", quota.maxContainer().memory()))
                        .build()).build())
                .build(), options));
    }

    private static void policy(List<Resource> into, String resourceName, String namespace, String policyName,
                               NetworkPolicySpecArgs spec, CustomResourceOptions options) {
        into.add(new NetworkPolicy(resourceName, NetworkPolicyArgs.builder()
                .metadata(Metadata.managed(policyName, namespace))
                .spec(spec)
                .build(), options));
    }

    /** The quota, limits and policies of {@code istio-system}: istiod and istio-cni start after them. */
    public List<Resource> system() {
        return List.copyOf(system);
    }

    /** The quota, limits and policies of {@code istio-ingress}: the gateway starts after them. */
    public List<Resource> ingress() {
        return List.copyOf(ingress);
    }
}
