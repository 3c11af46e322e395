package com.multiship.platform.mesh;

import com.multiship.platform.config.Compute;
import com.multiship.platform.config.MeshSettings;
import com.multiship.platform.config.MeshSettings.GatewayScheme;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Helm values of the four Istio charts, as plain maps (pure, tested without the engine). Every key is a top-level key
 * of the pinned chart's {@code values.yaml} (istio/istio {@code manifests/charts/{base,istio-cni,istio-control/
 * istio-discovery,gateway}} at 1.31, read 2026-12-02; MeshValuesTest lists them): these charts keep their defaults under
 * {@code _internal_defaults_do_not_set} and read {@code .Values.<key>} directly; a value under another key is ignored
 * unless a chart's legacy shim copies it up ({@code zzy_descope_legacy.yaml} merges {@code cni.*} and {@code pilot.*}
 * onto the top level), so the program sets the top-level keys and does not rely on the shims.
 */
final class MeshValues {
    /** The labels the gateway pods carry and the {@code api-gateway} Gateway selects. */
    static final Map<String, String> GATEWAY_LABELS = Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");
    /** The labels of the istiod pods (set by the istiod chart). */
    static final Map<String, String> ISTIOD_LABELS = Map.of("app", "istiod");

    /**
     * The gateway's traffic ports, on the Service and the container alike (80 -> 80, 443 -> 443); binding them
     * unprivileged is what the {@code ip_unprivileged_port_start} sysctl below allows. The chart's default Service
     * also publishes the status port 15021: replaced here, so that the NLB has no listener for it.
     */
    static final List<Integer> GATEWAY_TRAFFIC_PORTS = List.of(80, 443);

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
     * {@code chained: true} is the chart default and what the VPC CNI expects. The chart reads {@code resources} at the
     * top level (templates/daemonset.yaml), not under {@code cni}.
     */
    static Map<String, Object> cni() {
        return Map.of("resources", resources(CNI_REQUESTS, CNI_LIMITS));
    }

    /**
     * istio/istiod. {@code cni.enabled} (the injector sees it as {@code pilot.cni.enabled}) makes the injector add the unprivileged {@code istio-validation} init
     * container instead of {@code istio-init} (NET_ADMIN, NET_RAW), so injected pods pass the restricted standard.
     */
    static Map<String, Object> istiod(boolean production) {
        var values = new LinkedHashMap<String, Object>();
        // The chart's own keys (it also copies a legacy `pilot:` block onto them, templates/zzy_descope_legacy.yaml).
        values.put("cni", Map.of("enabled", true));
        // Two replicas in production so that a node drain never leaves the mesh without a control plane.
        values.put("autoscaleMin", production ? 2 : 1);
        values.put("autoscaleMax", ISTIOD_MAX_REPLICAS);
        values.put("resources", resources(ISTIOD_REQUESTS, ISTIOD_LIMITS));
        // The chart's budget (minAvailable 1) would block every node drain with a single replica.
        values.put("global", Map.of("defaultPodDisruptionBudget", Map.of("enabled", production)));
        values.put("meshConfig", Map.of(
                "accessLogFile", "/dev/stdout",
                // Applications start only once their proxy is ready, so their first calls are not refused.
                "defaultConfig", Map.of("holdApplicationUntilProxyStarts", true)));
        return values;
    }

    /**
     * istio/gateway: the ingress gateway behind an AWS network load balancer made by the EKS cloud controller (in-tree
     * AWS provider, no extra controller). {@code externalTrafficPolicy: Local}: the NLB's instance targets reach only
     * nodes with a gateway pod, kube-proxy does not rewrite the source, so the gateway (access logs, X-Forwarded-For,
     * any source-based rule) sees the client's address; and the NLB health-checks kube-proxy's
     * {@code healthCheckNodePort} over HTTP (cloud-provider-aws v1.36.1 {@code buildNLBHealthCheckConfiguration}), so
     * the status port needs no listener. The ports replace the chart's list, which also publishes 15021. TLS ends at
     * the NLB with the stack's ACM certificate (the annotations), so 443 reaches the gateway as plain HTTP.
     */
    static Map<String, Object> gateway(MeshSettings settings, String certificateArn) {
        var values = new LinkedHashMap<String, Object>();
        values.put("labels", GATEWAY_LABELS);
        var service = new LinkedHashMap<String, Object>();
        service.put("type", "LoadBalancer");
        service.put("externalTrafficPolicy", "Local");
        service.put("ports", List.of(
                Map.of("name", "http2", "port", 80, "protocol", "TCP", "targetPort", 80),
                Map.of("name", "https", "port", 443, "protocol", "TCP", "targetPort", 443)));
        service.put("annotations", loadBalancerAnnotations(settings.gatewayScheme(), certificateArn));
        values.put("service", service);
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
     * An NLB, in the annotations the EKS cloud controller reads (cloud-provider-aws v1.36.1 pkg/providers/v1/aws.go):
     * {@code aws-load-balancer-type: nlb}, {@code aws-load-balancer-internal} for an internal one (internet-facing is its
     * default; it has no {@code aws-load-balancer-scheme}, which only the AWS Load Balancer Controller reads), and
     * cross-zone load balancing (reconcileLBAttributes). The scheme of an existing NLB is never changed: docs/mesh.md.
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
