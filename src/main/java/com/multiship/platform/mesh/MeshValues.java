package com.multiship.platform.mesh;

import com.multiship.platform.config.Compute;
import com.multiship.platform.config.MeshSettings;
import com.multiship.platform.config.MeshSettings.GatewayScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Helm values of the four Istio charts, as plain maps (pure, tested without the engine). Keys are those of the
 * pinned charts (istio/istio {@code manifests/charts/...} and istio.io's Helm and CNI install guides for 1.24).
 */
final class MeshValues {
    /** The labels the gateway pods carry and the {@code api-gateway} Gateway selects. */
    static final Map<String, String> GATEWAY_LABELS = Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");
    /** The labels of the istiod pods (set by the istiod chart). */
    static final Map<String, String> ISTIOD_LABELS = Map.of("app", "istiod");

    /**
     * The gateway container's ports: the chart's Service maps 80 -> 80, 443 -> 443 and 15021 -> 15021 (status port,
     * the NLB's health check); binding 80 and 443 unprivileged is what the {@code ip_unprivileged_port_start} sysctl
     * below allows.
     */
    static final List<Integer> GATEWAY_PORTS = List.of(80, 443, 15021);
    /** istiod: plaintext xDS (15010), mTLS xDS and certificates (15012), monitoring (15014), webhooks (15017). */
    static final List<Integer> ISTIOD_PORTS = List.of(15010, 15012, 15014, 15017);

    // Resources are set explicitly (requests as the charts' defaults, limits added where the charts set none) so that
    // the namespace quotas can be sized from them (MeshQuotas) and no pod relies on a LimitRange default.
    /** Gateway container: the istio/gateway chart's defaults (100m / 128Mi requests, 2 CPU / 1Gi limits). */
    static final Compute GATEWAY_REQUESTS = new Compute(100, 128);
    static final Compute GATEWAY_LIMITS = new Compute(2000, 1024);
    /** istiod: the chart's requests (500m / 2Gi); limits 2 CPU / 4Gi (the chart sets none). */
    static final Compute ISTIOD_REQUESTS = new Compute(500, 2048);
    static final Compute ISTIOD_LIMITS = new Compute(2000, 4096);
    /** The most istiod replicas the autoscaler runs (the chart's default, made explicit). */
    static final int ISTIOD_MAX_REPLICAS = 5;
    /** istio-cni node agent: the chart's requests (100m / 100Mi); limits 500m / 512Mi (the chart sets none). */
    static final Compute CNI_REQUESTS = new Compute(100, 100);
    static final Compute CNI_LIMITS = new Compute(500, 512);

    /**
     * TLS 1.3 and 1.2 with forward-secret ciphers only: the console's default for NLB TLS listeners. Set explicitly
     * because a listener created through the API (as the controllers do) otherwise gets ELBSecurityPolicy-2016-08, which
     * still accepts TLS 1.0 (docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html).
     */
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

    private MeshValues() {}

    /** istio/base: the CRDs and the default revision's validating webhook. */
    static Map<String, Object> base() {
        return Map.of("defaultRevision", "default");
    }

    /**
     * istio/cni: the node agent DaemonSet. EKS needs no override of the CNI directories (Istio's platform table);
     * {@code chained: true} is the chart default and what the VPC CNI expects.
     */
    static Map<String, Object> cni() {
        return Map.of("cni", Map.of("resources", resources(CNI_REQUESTS, CNI_LIMITS)));
    }

    /**
     * istio/istiod. {@code pilot.cni.enabled} makes the injector add the unprivileged {@code istio-validation} init
     * container instead of {@code istio-init} (NET_ADMIN, NET_RAW), so injected pods pass the restricted standard.
     */
    static Map<String, Object> istiod(boolean production) {
        var pilot = new LinkedHashMap<String, Object>();
        pilot.put("cni", Map.of("enabled", true));
        // Two replicas in production so that a node drain never leaves the mesh without a control plane.
        pilot.put("autoscaleMin", production ? 2 : 1);
        pilot.put("autoscaleMax", ISTIOD_MAX_REPLICAS);
        pilot.put("resources", resources(ISTIOD_REQUESTS, ISTIOD_LIMITS));
        var values = new LinkedHashMap<String, Object>();
        values.put("pilot", pilot);
        // The chart's budget (minAvailable 1) would block every node drain with a single replica.
        values.put("global", Map.of("defaultPodDisruptionBudget", Map.of("enabled", production)));
        values.put("meshConfig", Map.of(
                "accessLogFile", "/dev/stdout",
                // Applications start only once their proxy is ready, so their first calls are not refused.
                "defaultConfig", Map.of("holdApplicationUntilProxyStarts", true)));
        return values;
    }

    /** istio/gateway: the ingress gateway behind an AWS network load balancer. */
    static Map<String, Object> gateway(MeshSettings settings, String certificateArn) {
        var values = new LinkedHashMap<String, Object>();
        values.put("labels", GATEWAY_LABELS);
        values.put("service", Map.of("type", "LoadBalancer", "annotations",
                loadBalancerAnnotations(settings.gatewayScheme(), certificateArn)));
        values.put("autoscaling", Map.of("enabled", true, "minReplicas", settings.gatewayMinReplicas(),
                "maxReplicas", settings.gatewayMaxReplicas(), "targetCPUUtilizationPercentage", 70));
        values.put("resources", resources(GATEWAY_REQUESTS, GATEWAY_LIMITS));
        // The chart's default pod context has only the sysctl; restricted also needs a seccomp profile.
        values.put("securityContext", Map.of(
                "seccompProfile", Map.of("type", "RuntimeDefault"),
                "sysctls", List.of(Map.of("name", "net.ipv4.ip_unprivileged_port_start", "value", "0"))));
        if (settings.gatewayMinReplicas() > 1) {
            values.put("podDisruptionBudget", Map.of("maxUnavailable", 1));
            values.put("topologySpreadConstraints", List.of(Map.of(
                    "maxSkew", 1,
                    "topologyKey", "topology.kubernetes.io/zone",
                    "whenUnsatisfiable", "ScheduleAnyway",
                    "labelSelector", Map.of("matchLabels", GATEWAY_LABELS))));
        }
        return values;
    }

    /**
     * An NLB, with the scheme understood both by the EKS cloud controller (legacy {@code aws-load-balancer-internal})
     * and by the AWS Load Balancer Controller if one is installed later ({@code aws-load-balancer-scheme}, whose own
     * default is internal). Neither controller changes the scheme of an existing load balancer: see docs/mesh.md.
     */
    static Map<String, String> loadBalancerAnnotations(GatewayScheme scheme, String certificateArn) {
        var annotations = new LinkedHashMap<String, String>();
        // TLS ends at the NLB: a TLS listener with the ACM certificate on 443 only (without ssl-ports every port,
        // 80 and the status port included, would become TLS). Both the EKS cloud controller (cloud-provider-aws
        // pkg/providers/v1/aws.go, v1.36.1) and the AWS Load Balancer Controller read these three annotations.
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-ssl-cert", certificateArn);
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-ssl-ports", "443");
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy", TLS_POLICY);
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-scheme", scheme.id());
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled", "true");
        if (scheme == GatewayScheme.INTERNAL) {
            annotations.put("service.beta.kubernetes.io/aws-load-balancer-internal", "true");
        }
        return annotations;
    }

    /** A container's {@code resources} block. */
    static Map<String, Object> resources(Compute requests, Compute limits) {
        return Map.of(
                "requests", Map.of("cpu", requests.cpu(), "memory", requests.memory()),
                "limits", Map.of("cpu", limits.cpu(), "memory", limits.memory()));
    }
}
