package com.multiship.platform.mesh;

import com.multiship.platform.config.Compute;
import com.multiship.platform.config.MeshSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ResourceQuota and LimitRange of the two Istio namespaces, sized from the most pods the charts can run at once
 * (pure, tested without the engine). A quota is a ceiling against a runaway autoscaler or a stray workload, so it
 * counts the rollout surge too: a quota that blocks a surge pod stalls every upgrade.
 */
final class MeshQuotas {
    /** Deployments the charts do not give a strategy roll out with Kubernetes' default surge of 25 %, rounded up. */
    static final int DEFAULT_SURGE_PERCENT = 25;
    /** The istiod chart's {@code rollingMaxSurge} (100 %): a rollout may double the replicas. */
    static final int ISTIOD_SURGE_PERCENT = 100;

    private MeshQuotas() {}

    /**
     * A namespace's ceiling and its per-container bounds.
     *
     * @param pods           the most pods at once
     * @param requests       the sum of their requests
     * @param limits         the sum of their limits
     * @param defaultRequest what a container without requests gets (the smallest container the charts declare)
     * @param defaultLimit   what a container without limits gets
     * @param maxContainer   the largest container admitted (the largest limits the charts declare)
     */
    record Quota(int pods, Compute requests, Compute limits, Compute defaultRequest, Compute defaultLimit,
                 Compute maxContainer) {
        /** {@code spec.hard} of the ResourceQuota. */
        Map<String, String> hard() {
            var hard = new LinkedHashMap<String, String>();
            hard.put("pods", String.valueOf(pods));
            hard.put("requests.cpu", requests.cpu());
            hard.put("requests.memory", requests.memory());
            hard.put("limits.cpu", limits.cpu());
            hard.put("limits.memory", limits.memory());
            return hard;
        }
    }

    /** {@code istio-ingress}: the gateway at its autoscaler's maximum plus the rollout surge. */
    static Quota ingress(MeshSettings settings) {
        int pods = withSurge(settings.gatewayMaxReplicas(), DEFAULT_SURGE_PERCENT);
        return new Quota(pods, MeshValues.GATEWAY_REQUESTS.times(pods), MeshValues.GATEWAY_LIMITS.times(pods),
                MeshValues.GATEWAY_REQUESTS, MeshValues.GATEWAY_LIMITS, MeshValues.GATEWAY_LIMITS);
    }

    /**
     * {@code istio-system}: istiod at its autoscaler's maximum plus its rollout surge, and one istio-cni node agent on
     * every node the node groups can grow to (a DaemonSet rolls out by replacing, not surging).
     */
    static Quota system(int maxNodes) {
        int istiod = withSurge(MeshValues.ISTIOD_MAX_REPLICAS, ISTIOD_SURGE_PERCENT);
        return new Quota(istiod + maxNodes,
                MeshValues.ISTIOD_REQUESTS.times(istiod).plus(MeshValues.CNI_REQUESTS.times(maxNodes)),
                MeshValues.ISTIOD_LIMITS.times(istiod).plus(MeshValues.CNI_LIMITS.times(maxNodes)),
                MeshValues.CNI_REQUESTS, MeshValues.CNI_LIMITS, MeshValues.ISTIOD_LIMITS);
    }

    /** Replicas plus a surge of {@code percent} of them, rounded up as Kubernetes rounds maxSurge. */
    static int withSurge(int replicas, int percent) {
        return replicas + (replicas * percent + 99) / 100;
    }
}
