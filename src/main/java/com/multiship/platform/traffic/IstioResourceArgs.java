package com.multiship.platform.traffic;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * The inputs of an Istio resource, as the Kubernetes provider takes any custom resource: apiVersion, kind,
 * metadata and a free-form spec (the Kubernetes SDK 4.0.0 has no typed Istio classes).
 */
public final class IstioResourceArgs extends ResourceArgs {
    /** Istio serves {@code networking.istio.io/v1} from 1.22 on; the mesh installation pins 1.24.x. */
    public static final String API_VERSION = "networking.istio.io/v1";

    @Import(name = "apiVersion", required = true)
    private final Output<String> apiVersion;
    @Import(name = "kind", required = true)
    private final Output<String> kind;
    @Import(name = "metadata")
    private final Output<ObjectMetaArgs> metadata;
    @Import(name = "spec")
    private final Output<Map<String, Object>> spec;

    IstioResourceArgs(String kind, ObjectMetaArgs metadata, Map<String, Object> spec) {
        this.apiVersion = Output.of(API_VERSION);
        this.kind = Output.of(kind);
        this.metadata = Output.of(metadata);
        this.spec = Output.of(spec);
    }
}
