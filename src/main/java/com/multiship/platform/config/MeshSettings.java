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
 *                           (required): a name in the public zone {@code apiHostedZoneId}, because its certificate is an
 *                           ACM certificate validated through DNS there (so never a {@code .internal} name). An internal
 *                           gateway keeps the API inside the VPC whatever the name
 * @param apiHostedZoneId    the Route 53 public hosted zone holding {@code apiHost} (required): ACM's validation record
 *                           goes there. The certificate is renewed by ACM as long as the record stays
 * @param gatewayScheme      {@code internal} (NLB reachable only inside the VPC) or {@code internet-facing}.
 *                           Default: internal
 * @param gatewayMinReplicas fewest ingress gateway pods (the autoscaler may add more, up to {@link #gatewayMaxReplicas()}).
 *                           Default: 3 in production (one per zone), 1 elsewhere; at least 2 in production
 */
public record MeshSettings(
        String istioVersion,
        String apiHost,
        String apiHostedZoneId,
        GatewayScheme gatewayScheme,
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
     * Istio releases whose charts, values keys and served API versions this program was checked against. 1.31.1
     * (checked 2026-12-02): 1.31.0 released 2026-08-31 (github.com/istio/istio/releases), 1.31.1 its patch
     * (istio.io/latest/news/releases/1.31.x/announcing-1.31.1); supported until six weeks after 1.33.0 (istio.io
     * support policy: N+2 minor); built against client-go v0.36 with istioctl's MinK8SVersion 1.32 (go.mod and
     * istioctl/pkg/install/k8sversion at 1.31.0-rc.0), so it serves EKS 1.35 and 1.36. Chart values: MeshValues.
     * 1.24 reached end of life on 2025-06-24 and supported Kubernetes 1.28-1.31 only.
     */
    public static final List<String> SUPPORTED_ISTIO_VERSIONS = List.of("1.31.1");
    public static final String DEFAULT_ISTIO_VERSION = "1.31.1";

    static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    static final Pattern HOSTED_ZONE_ID = Pattern.compile("^Z[0-9A-Z]{1,31}$");

    /** The most ingress gateway pods the autoscaler runs. */
    public int gatewayMaxReplicas() {
        return Math.max(5, gatewayMinReplicas * 2);
    }

    static MeshSettings parse(SettingsNode node, Environment environment) {
        var versions = "one of " + String.join(", ", SUPPORTED_ISTIO_VERSIONS);
        var version = node.string("istioVersion", SettingsNode.ANY_TEXT, versions, DEFAULT_ISTIO_VERSION);
        if (!SUPPORTED_ISTIO_VERSIONS.contains(version)) {
            node.invalid("istioVersion", version, versions + " (add a version to MeshSettings.SUPPORTED_ISTIO_VERSIONS only"
                    + " after checking its charts)");
        }
        var host = node.string("apiHost", HOST, "a lower-case DNS host name such as api.multiship.com");
        if (host.endsWith(".internal")) {
            node.invalid("apiHost", host, "a name in a public DNS zone (ACM validates the API's certificate through a record"
                    + " in apiHostedZoneId; a .internal name cannot be validated)");
        }
        var zoneId = node.string("apiHostedZoneId", HOSTED_ZONE_ID,
                "the Route 53 public hosted zone holding apiHost, such as Z0123456789ABCDEFGHIJ");
        var scheme = node.oneOf("gatewayScheme", GatewayScheme.class, GatewayScheme::id, GatewayScheme.INTERNAL);
        int floor = environment.isProduction() ? 2 : 1;
        int replicas = node.integer("gatewayMinReplicas", floor, 20, environment.isProduction() ? 3 : 1);
        node.finish();
        return new MeshSettings(version, host, zoneId, scheme, replicas);
    }
}
