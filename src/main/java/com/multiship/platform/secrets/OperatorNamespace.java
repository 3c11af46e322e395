package com.multiship.platform.secrets;

import static com.multiship.platform.kubernetes.NetworkPolicies.*;

import com.multiship.platform.kubernetes.Metadata;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.LimitRange;
import com.pulumi.kubernetes.core.v1.LimitRangeArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.ResourceQuota;
import com.pulumi.kubernetes.core.v1.ResourceQuotaArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeItemArgs;
import com.pulumi.kubernetes.core.v1.inputs.LimitRangeSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceQuotaSpecArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The External Secrets Operator's namespace under the platform's namespace rules: Pod Security {@code restricted}
 * (enforced, audited, warned; the chart's containers run non-root with the runtime's seccomp profile and no
 * capabilities), outside the mesh, a ResourceQuota and LimitRange sized from the chart's pods, and default-deny with
 * the flows the operator needs: the Kubernetes API for all three Deployments, the API server's calls into the webhook,
 * and AWS (STS for each service's role, Secrets Manager) for the controller, through the VPC endpoints.
 */
final class OperatorNamespace {
    /** The webhook's container port (chart value {@code webhook.port}); the API server calls it through its Service. */
    static final int WEBHOOK_PORT = 10250;
    /** Every container of the chart: controller (2 replicas), webhook, cert-controller. */
    static final Map<String, Object> CONTAINER_RESOURCES = Map.of(
            "requests", Map.of("cpu", "50m", "memory", "128Mi"),
            "limits", Map.of("cpu", "500m", "memory", "512Mi"));
    /** The chart's pods at once: 2 + 1 + 1, plus one rollout surge pod each (Kubernetes' default 25 %, rounded up). */
    static final int PODS = 7;
    static final Map<String, String> CONTROLLER = Map.of("app.kubernetes.io/name", "external-secrets");
    static final Map<String, String> WEBHOOK = Map.of("app.kubernetes.io/name", "external-secrets-webhook");

    private OperatorNamespace() {}

    /** Declares the namespace and its rules; returns everything the chart must wait for. */
    static List<Resource> declare(String prefix, String namespace, Output<String> vpcCidr, List<String> awsEndpointCidrs,
                                  Resource parent) {
        var resources = new ArrayList<Resource>();
        var ns = new Namespace(prefix + "-ns", NamespaceArgs.builder()
                .metadata(Metadata.restrictedOutsideMesh(namespace))
                .build(), CustomResourceOptions.builder().parent(parent).build());
        resources.add(ns);
        var inNamespace = CustomResourceOptions.builder().parent(parent).dependsOn(ns).build();
        resources.add(new ResourceQuota(prefix + "-quota", ResourceQuotaArgs.builder()
                .metadata(Metadata.managed("compute", namespace))
                .spec(ResourceQuotaSpecArgs.builder().hard(Map.of(
                        "pods", String.valueOf(PODS),
                        "requests.cpu", (PODS * 50) + "m", "requests.memory", (PODS * 128) + "Mi",
                        "limits.cpu", (PODS * 500) + "m", "limits.memory", (PODS * 512) + "Mi")).build())
                .build(), inNamespace));
        resources.add(new LimitRange(prefix + "-limits", LimitRangeArgs.builder()
                .metadata(Metadata.managed("container-defaults", namespace))
                .spec(LimitRangeSpecArgs.builder().limits(LimitRangeItemArgs.builder()
                        .type("Container")
                        .defaultRequest(Map.of("cpu", "50m", "memory", "128Mi"))
                        .default_(Map.of("cpu", "500m", "memory", "512Mi"))
                        .max(Map.of("cpu", "500m", "memory", "512Mi"))
                        .build()).build())
                .build(), inNamespace));
        resources.add(policy(prefix + "-deny-all", namespace, "default-deny", denyAll(), inNamespace));
        resources.add(policy(prefix + "-allow-dns", namespace, "allow-dns", allowDns(), inNamespace));
        resources.add(policy(prefix + "-allow-kubernetes-api", namespace, "allow-kubernetes-api",
                allowKubernetesApi(vpcCidr), inNamespace));
        resources.add(policy(prefix + "-allow-webhook", namespace, "allow-webhook", NetworkPolicySpecArgs.builder()
                .podSelector(selector(WEBHOOK))
                .policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder().from(block(vpcCidr)).ports(port("TCP", WEBHOOK_PORT)).build())
                .build(), inNamespace));
        // STS (AssumeRoleWithWebIdentity for each SecretStore's service account) and Secrets Manager, through their VPC
        // endpoints only (network/Endpoints, private DNS): never the internet.
        resources.add(policy(prefix + "-allow-aws-endpoints", namespace, "allow-aws-endpoints", egress(selector(CONTROLLER),
                NetworkPolicyEgressRuleArgs.builder()
                        .to(awsEndpointCidrs.stream().map(cidr -> block(Output.of(cidr))).toList())
                        .ports(port("TCP", 443)).build()),
                inNamespace));
        return resources;
    }

    private static NetworkPolicy policy(String resourceName, String namespace, String policyName, NetworkPolicySpecArgs spec,
                                        CustomResourceOptions options) {
        return new NetworkPolicy(resourceName, NetworkPolicyArgs.builder()
                .metadata(Metadata.managed(policyName, namespace)).spec(spec).build(), options);
    }
}
