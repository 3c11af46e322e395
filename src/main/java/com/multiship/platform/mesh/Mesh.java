package com.multiship.platform.mesh;

import com.multiship.platform.kubernetes.CustomObject;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Istio service mesh, installed with Helm at one pinned version: {@code base} (CRDs), {@code cni} (the node agent
 * that sets up traffic redirection, so injected pods need no NET_ADMIN), {@code istiod} (control plane) and the
 * ingress {@code gateway} behind an AWS NLB that terminates TLS with the API host's ACM certificate, in that order;
 * mesh-wide STRICT mutual TLS; and the Gateway {@code istio-ingress/api-gateway} that serves the stack's API host and
 * redirects HTTP to HTTPS.
 *
 * <p>Pod Security: {@code istio-system} enforces {@code privileged}, because the istio-cni DaemonSet (installed
 * there, the chart's and Istio's documented default) runs privileged with host paths; {@code istio-ingress}
 * enforces {@code restricted}. Both namespaces otherwise follow the platform's namespace rules ({@link MeshTenancy}):
 * a quota, a limit range and default-deny network policies, in place before the charts start their pods.
 */
public final class Mesh extends ComponentResource {
    public static final String REPOSITORY = "https://istio-release.storage.googleapis.com/charts";
    public static final String SYSTEM_NAMESPACE = "istio-system";
    public static final String INGRESS_NAMESPACE = "istio-ingress";
    /** The Gateway the VirtualServices bind to: {@code istio-ingress/api-gateway}. */
    public static final String API_GATEWAY = INGRESS_NAMESPACE + "/api-gateway";
    static final String ISTIO_API_VERSION = "v1";
    static final int HELM_TIMEOUT_SECONDS = 600;

    private final List<Resource> ready;

    public Mesh(String name, MeshArgs args, ComponentResourceOptions options) {
        super("platform:mesh:Mesh", name, null, options);
        var settings = args.settings();
        var pssVersion = "v" + args.kubernetesVersion();

        var system = namespace(name + "-ns-system", SYSTEM_NAMESPACE, Map.of(
                "pod-security.kubernetes.io/enforce", "privileged",
                "pod-security.kubernetes.io/enforce-version", pssVersion,
                // Recorded, not enforced: shows in the audit log what in this namespace falls short of restricted.
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/audit-version", pssVersion));
        var ingress = namespace(name + "-ns-ingress", INGRESS_NAMESPACE, Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/enforce-version", pssVersion,
                "pod-security.kubernetes.io/warn", "restricted",
                "pod-security.kubernetes.io/warn-version", pssVersion));

        var tenancy = new MeshTenancy(name + "-tenancy", new MeshTenancy.Args(MeshQuotas.ingress(settings),
                MeshQuotas.system(args.maxNodes()), args.vpcCidr(), servicePorts(args), system, ingress),
                ComponentResourceOptions.builder().parent(this).build());

        var base = release(name + "-base", "istio-base", "base", SYSTEM_NAMESPACE, settings.istioVersion(),
                MeshValues.base(), args.production(), List.of(system));
        var cni = release(name + "-cni", "istio-cni", "cni", SYSTEM_NAMESPACE, settings.istioVersion(),
                MeshValues.cni(), args.production(), with(tenancy.system(), base));
        var istiod = release(name + "-istiod", "istiod", "istiod", SYSTEM_NAMESPACE, settings.istioVersion(),
                MeshValues.istiod(args.production()), args.production(), with(tenancy.system(), cni));
        // The load balancer's TLS listener needs the issued certificate: the release waits for ACM's validation.
        var gateway = release(name + "-gateway", "istio-ingressgateway", "gateway", INGRESS_NAMESPACE,
                settings.istioVersion(), args.apiCertificateArn().applyValue(arn -> MeshValues.gateway(settings, arn)),
                args.production(), with(tenancy.ingress(), istiod, ingress));

        // After istiod: its validating webhook checks these, and the CRDs come from base.
        var afterIstiod = CustomResourceOptions.builder().parent(this).dependsOn(istiod).build();
        var mtls = new CustomObject(name + "-mtls-strict", "security.istio.io/" + ISTIO_API_VERSION, "PeerAuthentication",
                metadata("default", SYSTEM_NAMESPACE),
                Map.of("mtls", Map.of("mode", "STRICT")), afterIstiod);
        var apiGateway = new CustomObject(name + "-api-gateway", "networking.istio.io/" + ISTIO_API_VERSION, "Gateway",
                metadata("api-gateway", INGRESS_NAMESPACE),
                ApiGatewaySpec.of(settings.apiHost()),
                CustomResourceOptions.builder().parent(this).dependsOn(istiod, gateway).build());

        this.ready = List.of(istiod, gateway, mtls, apiGateway);
        registerOutputs(Map.of());
    }

    /** The ports of the catalogue's services, by namespace, in a stable order. */
    private static Map<String, TreeSet<Integer>> servicePorts(MeshArgs args) {
        var ports = new TreeMap<String, TreeSet<Integer>>();
        args.services().forEach(s -> ports.computeIfAbsent(s.namespace(), n -> new TreeSet<>()).add(s.port()));
        return ports;
    }

    private static List<Resource> with(List<Resource> first, Resource... more) {
        var all = new ArrayList<Resource>(first);
        all.addAll(List.of(more));
        return all;
    }

    private Namespace namespace(String resourceName, String namespace, Map<String, String> labels) {
        return new Namespace(resourceName, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(namespace).labels(labels).build())
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    private Release release(String resourceName, String releaseName, String chart, String namespace, String version,
                            Map<String, Object> values, boolean production, List<? extends Resource> after) {
        return release(resourceName, releaseName, chart, namespace, version, Output.of(values), production, after);
    }

    private Release release(String resourceName, String releaseName, String chart, String namespace, String version,
                            Output<Map<String, Object>> values, boolean production, List<? extends Resource> after) {
        return new Release(resourceName, ReleaseArgs.builder()
                .name(releaseName)
                .chart(chart)
                .version(version)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(REPOSITORY).build())
                .namespace(namespace)
                .createNamespace(false)
                .values(values)
                // A failed upgrade is rolled back rather than left half-applied; production keeps more history.
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(HELM_TIMEOUT_SECONDS)
                .maxHistory(production ? 10 : 3)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(List.copyOf(after)).build());
    }

    private static ObjectMetaArgs metadata(String objectName, String namespace) {
        return ObjectMetaArgs.builder().name(objectName).namespace(namespace).build();
    }

    /**
     * What workloads inside the mesh wait for: the control plane (so that their pods are injected), the ingress
     * gateway, mesh-wide mTLS and the {@code api-gateway} Gateway. Pass it to {@code dependsOn}.
     */
    public List<Resource> ready() {
        return ready;
    }
}
