package com.multiship.platform.mesh;

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
        return Map.of();
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
    static Map<String, Object> gateway(MeshSettings settings) {
        var values = new LinkedHashMap<String, Object>();
        values.put("labels", GATEWAY_LABELS);
        values.put("service", Map.of("type", "LoadBalancer", "annotations", loadBalancerAnnotations(settings.gatewayScheme())));
        values.put("autoscaling", Map.of("enabled", true, "minReplicas", settings.gatewayMinReplicas(),
                "maxReplicas", settings.gatewayMaxReplicas(), "targetCPUUtilizationPercentage", 70));
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
    static Map<String, String> loadBalancerAnnotations(GatewayScheme scheme) {
        var annotations = new LinkedHashMap<String, String>();
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-scheme", scheme.id());
        annotations.put("service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled", "true");
        if (scheme == GatewayScheme.INTERNAL) {
            annotations.put("service.beta.kubernetes.io/aws-load-balancer-internal", "true");
        }
        return annotations;
    }
}
