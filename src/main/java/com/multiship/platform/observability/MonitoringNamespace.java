package com.multiship.platform.observability;

import com.multiship.platform.kubernetes.Metadata;
import static com.multiship.platform.kubernetes.NetworkPolicies.*;

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
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.IPBlockArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code monitoring} namespace the collector runs in, held to the same rules as the service namespaces
 * (restricted Pod Security, ResourceQuota, LimitRange, default-deny network policies with named exceptions), but
 * outside the mesh: the collector scrapes the sidecars' plain-text metrics port, which STRICT mTLS leaves open.
 *
 * <p>Also the one exception the service namespaces need: ingress from the collector to the sidecars' Envoy metrics
 * port {@value #ENVOY_METRICS_PORT}. NetworkPolicies add up, so this lives here, next to the scraper it admits.
 */
public final class MonitoringNamespace extends ComponentResource {
    public static final String NAME = "monitoring";
    /** The Istio sidecar's and gateway's Envoy statistics ({@code /stats/prometheus}, port name {@code http-envoy-prom}). */
    public static final int ENVOY_METRICS_PORT = 15090;
    static final int KUBE_STATE_METRICS_PORT = 8080;
    static final int NODE_EXPORTER_PORT = 9100;

    private final Namespace namespace;

    /**
     * @param serviceNamespaces the namespaces of the service catalogue (they must exist first: {@code after})
     * @param vpcCidr           node addresses, where node-exporter listens (host network)
     * @param awsEndpointCidrs  the VPC endpoints' subnets: the only place the collector sends HTTPS for AWS
     */
    public MonitoringNamespace(String name, List<String> serviceNamespaces, Output<String> vpcCidr,
                               List<String> awsEndpointCidrs, List<Resource> after, ComponentResourceOptions options) {
        super("platform:observability:MonitoringNamespace", name, null, options);
        this.namespace = new Namespace(name + "-ns", NamespaceArgs.builder()
                .metadata(Metadata.restrictedOutsideMesh(NAME))
                .build(), CustomResourceOptions.builder().parent(this).build());
        var inNamespace = CustomResourceOptions.builder().parent(this).dependsOn(namespace).build();
        new ResourceQuota(name + "-quota", ResourceQuotaArgs.builder()
                .metadata(Metadata.managed("compute", NAME))
                .spec(ResourceQuotaSpecArgs.builder().hard(Map.of(
                        "requests.cpu", "2", "requests.memory", "4Gi", "limits.memory", "8Gi")).build())
                .build(), inNamespace);
        new LimitRange(name + "-limits", LimitRangeArgs.builder()
                .metadata(Metadata.managed("container-defaults", NAME))
                .spec(LimitRangeSpecArgs.builder().limits(LimitRangeItemArgs.builder()
                        .type("Container")
                        .defaultRequest(Map.of("cpu", "50m", "memory", "64Mi"))
                        .default_(Map.of("cpu", "200m", "memory", "256Mi"))
                        .max(Map.of("cpu", "2", "memory", "4Gi"))
                        .build()).build())
                .build(), inNamespace);

        var all = LabelSelectorArgs.builder().build();
        policy(name + "-deny-all", NAME, "default-deny", NetworkPolicySpecArgs.builder()
                .podSelector(all).policyTypes("Ingress", "Egress").build(), inNamespace);
        policy(name + "-allow-dns", NAME, "allow-dns", egress(all, NetworkPolicyEgressRuleArgs.builder()
                .to(inNamespace("kube-system", Map.of("k8s-app", "kube-dns")))
                .ports(port("UDP", 53), port("TCP", 53)).build()), inNamespace);
        // STS (IRSA) and the workspace (remote write), through the VPC endpoints only.
        policy(name + "-allow-aws-endpoints", NAME, "allow-aws-endpoints", egress(all, NetworkPolicyEgressRuleArgs.builder()
                .to(awsEndpointCidrs.stream().map(cidr -> NetworkPolicyPeerArgs.builder()
                        .ipBlock(IPBlockArgs.builder().cidr(cidr).build()).build()).toList())
                .ports(port("TCP", 443)).build()), inNamespace);
        // The API explicitly, through the kubernetes Service's cluster IP (the VPC CNI matches it only as an ipBlock):
        // service discovery, and kubelet metrics through the API server's node proxy.
        policy(name + "-allow-kubernetes-api", NAME, "allow-kubernetes-api", allowKubernetesApi(vpcCidr), inNamespace);
        var scrapeTargets = new ArrayList<NetworkPolicyEgressRuleArgs>();
        var meshNamespaces = new ArrayList<>(serviceNamespaces);
        meshNamespaces.add(Promql.INGRESS_NAMESPACE);
        for (var target : meshNamespaces) {
            scrapeTargets.add(NetworkPolicyEgressRuleArgs.builder().to(inNamespace(target, Map.of()))
                    .ports(port("TCP", ENVOY_METRICS_PORT)).build());
        }
        scrapeTargets.add(NetworkPolicyEgressRuleArgs.builder().to(inNamespace(NAME, KUBE_STATE_METRICS))
                .ports(port("TCP", KUBE_STATE_METRICS_PORT)).build());
        scrapeTargets.add(NetworkPolicyEgressRuleArgs.builder()
                .to(NetworkPolicyPeerArgs.builder().ipBlock(IPBlockArgs.builder().cidr(vpcCidr).build()).build())
                .ports(port("TCP", NODE_EXPORTER_PORT)).build());
        policy(name + "-allow-scrape", NAME, "allow-scrape", NetworkPolicySpecArgs.builder()
                .podSelector(selector(COLLECTOR)).policyTypes("Egress").egress(scrapeTargets).build(), inNamespace);
        policy(name + "-allow-kube-state-metrics", NAME, "allow-kube-state-metrics", NetworkPolicySpecArgs.builder()
                .podSelector(selector(KUBE_STATE_METRICS)).policyTypes("Ingress")
                .ingress(NetworkPolicyIngressRuleArgs.builder().from(inNamespace(NAME, COLLECTOR))
                        .ports(port("TCP", KUBE_STATE_METRICS_PORT)).build()).build(), inNamespace);

        // In each service namespace and in istio-ingress (all default-deny): the collector may read the Envoy metrics
        // port of the sidecars and of the ingress gateway.
        var afterServiceNamespaces = CustomResourceOptions.builder().parent(this).dependsOn(after).build();
        for (var target : meshNamespaces) {
            policy(name + "-scrape-from-" + target, target, "allow-metrics-scrape", NetworkPolicySpecArgs.builder()
                    .podSelector(all).policyTypes("Ingress")
                    .ingress(NetworkPolicyIngressRuleArgs.builder().from(inNamespace(NAME, COLLECTOR))
                            .ports(port("TCP", ENVOY_METRICS_PORT)).build()).build(), afterServiceNamespaces);
        }
        registerOutputs(Map.of("namespace", Output.of(NAME)));
    }

    /** The collector's pods, as the Helm chart labels them (release {@link Collector#RELEASE}). */
    public static final Map<String, String> COLLECTOR = Map.of("app.kubernetes.io/name", "prometheus",
            "app.kubernetes.io/instance", Collector.RELEASE);
    static final Map<String, String> KUBE_STATE_METRICS = Map.of("app.kubernetes.io/name", "kube-state-metrics");

    /** The namespace, for what must be created in it. */
    public Namespace namespace() {
        return namespace;
    }

    private void policy(String resourceName, String namespace, String policyName, NetworkPolicySpecArgs spec,
                        CustomResourceOptions options) {
        new NetworkPolicy(resourceName, NetworkPolicyArgs.builder().metadata(Metadata.managed(policyName, namespace)).spec(spec)
                .build(), options);
    }
}
