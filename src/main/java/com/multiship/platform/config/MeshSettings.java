package com.multiship.platform.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Istio service mesh of a stack ({@code platform:mesh}).
 *
 * @param istioVersion       the Istio release whose Helm charts are installed; one of {@link #SUPPORTED_ISTIO_VERSIONS}.
 *                           Default: {@link #DEFAULT_ISTIO_VERSION}. An upgrade adds the version to the supported list in
 *                           code (reviewed), then moves dev, staging and production one at a time
 * @param apiHost            the host name the ingress gateway serves the API on, such as {@code api.multiship.com}
 *                           (required). A {@code .internal} host is only reachable inside the VPC
 * @param gatewayScheme      {@code internal} (NLB reachable only inside the VPC) or {@code internet-facing}.
 *                           Default: internal. An internal host ({@code *.internal}) requires {@code internal}
 * @param tlsCredentialName  the Kubernetes TLS secret in {@code istio-ingress} holding the API host's certificate
 *                           (created outside the program, e.g. by cert-manager or an operator). Default: {@code api-gateway-tls}
 * @param gatewayMinReplicas fewest ingress gateway pods (the autoscaler may add more, up to {@link #gatewayMaxReplicas()}).
 *                           Default: 3 in production (one per zone), 1 elsewhere; at least 2 in production
 */
public record MeshSettings(
        String istioVersion,
        String apiHost,
        GatewayScheme gatewayScheme,
        String tlsCredentialName,
        int gatewayMinReplicas) {

    /** Whether the ingress gateway's network load balancer is reachable from the internet. */
    public enum GatewayScheme {
        INTERNAL("internal"), INTERNET_FACING("internet-facing");

        private final String id;

        GatewayScheme(String id) {
            this.id = id;
        }

        /** The value written in the stack file, also the NLB scheme. */
        public String id() {
            return id;
        }
    }

    /**
     * Istio releases whose charts, values keys and served API versions this program was checked against
     * (istio.io release announcements; 1.24.6 of 2025-05-13 is the last 1.24 patch with CVE-2025-46821 fixed).
     */
    public static final List<String> SUPPORTED_ISTIO_VERSIONS = List.of("1.24.6");
    public static final String DEFAULT_ISTIO_VERSION = "1.24.6";

    static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    static final Pattern SECRET_NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    /** The most ingress gateway pods the autoscaler runs. */
    public int gatewayMaxReplicas() {
        return Math.max(5, gatewayMinReplicas * 2);
    }

    /** Whether the API host is a private name, resolvable only inside the VPC. */
    public boolean internalHost() {
        return apiHost.endsWith(".internal");
    }

    static MeshSettings parse(SettingsNode node, Environment environment) {
        var versions = "one of " + String.join(", ", SUPPORTED_ISTIO_VERSIONS);
        var version = node.string("istioVersion", SettingsNode.ANY_TEXT, versions, DEFAULT_ISTIO_VERSION);
        if (!SUPPORTED_ISTIO_VERSIONS.contains(version)) {
            node.invalid("istioVersion", version, versions + " (add a version to MeshSettings.SUPPORTED_ISTIO_VERSIONS only"
                    + " after checking its charts)");
        }
        var host = node.string("apiHost", HOST, "a lower-case DNS host name such as api.multiship.com");
        var scheme = node.oneOf("gatewayScheme", GatewayScheme.class, GatewayScheme::id, GatewayScheme.INTERNAL);
        if (host.endsWith(".internal") && scheme == GatewayScheme.INTERNET_FACING) {
            node.invalid("gatewayScheme", scheme.id(), "internal for the private host " + host
                    + " (a .internal name cannot be resolved from the internet)");
        }
        if (environment.isProduction() && host.endsWith(".internal")) {
            node.invalid("apiHost", host, "a public host name in production (customers reach the API from the internet)");
        }
        var credential = node.string("tlsCredentialName", SECRET_NAME,
                "a Kubernetes secret name (lower case letters, digits and -, at most 63 characters)", "api-gateway-tls");
        int floor = environment.isProduction() ? 2 : 1;
        int replicas = node.integer("gatewayMinReplicas", floor, 20, environment.isProduction() ? 3 : 1);
        node.finish();
        return new MeshSettings(version, host, scheme, credential, replicas);
    }
}
