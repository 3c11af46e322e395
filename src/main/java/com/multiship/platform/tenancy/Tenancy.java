package com.multiship.platform.tenancy;

import com.multiship.platform.kubernetes.Metadata;
import com.multiship.platform.kubernetes.NetworkPolicies;
import com.multiship.platform.config.NamespaceSettings;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.LimitRange;
import com.pulumi.kubernetes.core.v1.LimitRangeArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeItemArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The namespaces the services run in, each with the Pod Security Standard {@code restricted}, Istio sidecar
 * injection, a ResourceQuota, a LimitRange and default-deny network policies with named exceptions; and one
 * service account per service, bound to the service's IAM role.
 */
public final class Tenancy extends ComponentResource {
    /** Labels every namespace carries: the restricted Pod Security Standard, enforced, audited and warned. */
    static final Map<String, String> NAMESPACE_LABELS = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/audit", "restricted",
            "pod-security.kubernetes.io/warn", "restricted",
            "istio-injection", "enabled",
            "app.kubernetes.io/managed-by", "pulumi");
    static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

    private final List<Resource> namespaces = new ArrayList<>();
    private final Map<String, Resource> serviceAccounts = new LinkedHashMap<>();

    public Tenancy(String name, TenancyArgs args, ComponentResourceOptions options) {
        super("platform:tenancy:Tenancy", name, null, options);
        var byNamespace = new LinkedHashMap<String, Namespace>();
        for (var settings : args.namespaces()) {
            var ns = namespace(name + "-ns-" + settings.name(), settings, args);
            byNamespace.put(settings.name(), ns);
            namespaces.add(ns);
        }
        for (var service : args.services()) {
            var prefix = name + "-svc-" + service.name();
            var inNamespace = CustomResourceOptions.builder().parent(this).dependsOn(byNamespace.get(service.namespace())).build();
            var roleArn = args.roleArnByService().get(service.name());
            var metadata = ObjectMetaArgs.builder().name(service.name()).namespace(service.namespace())
                    .labels(Map.of("app", service.name(), "app.kubernetes.io/managed-by", "pulumi"));
            if (roleArn != null) {
                metadata.annotations(roleArn.applyValue(arn -> Map.of(ROLE_ARN_ANNOTATION, arn)));
            }
            serviceAccounts.put(service.name(), new ServiceAccount(prefix + "-account", ServiceAccountArgs.builder()
                    .metadata(metadata.build())
                    // Pods need no Kubernetes API token: IRSA and Istio mount their own projected tokens.
                    .automountServiceAccountToken(false)
                    .build(), inNamespace));
            NetworkRules.allowIngress(service, args.services()).ifPresent(spec ->
                    policy(prefix + "-allow-ingress", service.namespace(), service.name() + "-ingress", spec, inNamespace));
            NetworkRules.allowEgressToPeers(service, args.services()).ifPresent(spec ->
                    policy(prefix + "-allow-egress", service.namespace(), service.name() + "-egress", spec, inNamespace));
            for (var rule : service.externalEgress()) {
                policy(prefix + "-allow-external-" + rule.name(), service.namespace(),
                        service.name() + "-external-" + rule.name(), NetworkRules.allowExternal(service, rule), inNamespace);
            }
        }
        registerOutputs(Map.of("namespaces", Output.of(args.namespaces().stream().map(NamespaceSettings::name).toList())));
    }

    private Namespace namespace(String prefix, NamespaceSettings settings, TenancyArgs args) {
        var ns = new Namespace(prefix, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(settings.name()).labels(NAMESPACE_LABELS).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
        var inNamespace = CustomResourceOptions.builder().parent(this).dependsOn(ns).build();
        new ResourceQuota(prefix + "-quota", ResourceQuotaArgs.builder()
                .metadata(Metadata.managed("compute", settings.name()))
                .spec(ResourceQuotaSpecArgs.builder().hard(Map.of(
                        "requests.cpu", settings.requests().cpu(),
                        "requests.memory", settings.requests().memory(),
                        "limits.memory", settings.limitsMemory())).build())
                .build(), inNamespace);
        new LimitRange(prefix + "-limits", LimitRangeArgs.builder()
                .metadata(Metadata.managed("container-defaults", settings.name()))
                .spec(LimitRangeSpecArgs.builder().limits(LimitRangeItemArgs.builder()
                        .type("Container")
                        .defaultRequest(resources(NamespaceSettings.DEFAULT_CONTAINER_REQUESTS))
                        .default_(resources(NamespaceSettings.DEFAULT_CONTAINER_LIMITS))
                        .max(resources(NamespaceSettings.MAX_CONTAINER))
                        .build()).build())
                .build(), inNamespace);
        var members = args.services().stream().filter(s -> s.namespace().equals(settings.name())).toList();
        policy(prefix + "-deny-all", settings.name(), "default-deny", NetworkPolicies.denyAll(), inNamespace);
        policy(prefix + "-allow-dns", settings.name(), "allow-dns", NetworkPolicies.allowDns(), inNamespace);
        policy(prefix + "-allow-istiod", settings.name(), "allow-istiod", NetworkRules.allowIstiod(), inNamespace);
        policy(prefix + "-allow-aws-endpoints", settings.name(), "allow-aws-endpoints",
                NetworkRules.allowAwsEndpoints(args.awsEndpointCidrs()), inNamespace);
        NetworkRules.allowDatabase(members, args.vpcCidr()).ifPresent(spec ->
                policy(prefix + "-allow-database", settings.name(), "allow-database", spec, inNamespace));
        return ns;
    }

    private void policy(String resourceName, String namespace, String policyName, NetworkPolicySpecArgs spec,
                        CustomResourceOptions options) {
        new NetworkPolicy(resourceName, NetworkPolicyArgs.builder()
                .metadata(Metadata.managed(policyName, namespace))
                .spec(spec)
                .build(), options);
    }

    private static Map<String, String> resources(com.multiship.platform.config.Compute compute) {
        return Map.of("cpu", compute.cpu(), "memory", compute.memory());
    }

    /** The namespaces, for whatever must wait until they exist (secret sync, workloads). */
    public List<Resource> namespaces() {
        return List.copyOf(namespaces);
    }

    /** The service account of each service, by service name. */
    public Map<String, Resource> serviceAccounts() {
        return Map.copyOf(serviceAccounts);
    }
}
