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
}
