package com.multiship.platform.kubernetes;

import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import java.util.Map;

/** Metadata of the objects the platform declares inside the cluster. */
public final class Metadata {
    private Metadata() {}

    /** {@code name} in {@code namespace}, labelled {@code app.kubernetes.io/managed-by: pulumi}. */
    public static ObjectMetaArgs managed(String name, String namespace) {
        return ObjectMetaArgs.builder().name(name).namespace(namespace)
                .labels(Map.of("app.kubernetes.io/managed-by", "pulumi")).build();
    }

    /**
     * A namespace outside the mesh under Pod Security {@code restricted} (enforced, audited, warned): for the platform's
     * own controllers (metrics collector, External Secrets), which talk to AWS and the API server, never to a mesh workload.
     */
    public static ObjectMetaArgs restrictedOutsideMesh(String namespace) {
        return ObjectMetaArgs.builder().name(namespace).labels(Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/audit", "restricted",
                "pod-security.kubernetes.io/warn", "restricted",
                "istio-injection", "disabled",
                "app.kubernetes.io/managed-by", "pulumi")).build();
    }
}
