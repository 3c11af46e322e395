package com.multiship.platform.mesh;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * An Istio custom resource (PeerAuthentication, Gateway, ...), which the Kubernetes SDK 4.0.0 has no class for.
 * The type token {@code kubernetes:<group>/<version>:<Kind>} is the one the newer SDK's {@code CustomResource}
 * uses, so the real Kubernetes provider creates it like any other object. The {@code apiVersion} must be one the
 * pinned Istio charts serve: {@code v1} for networking and security from Istio 1.22 on.
 */
public final class IstioResource extends CustomResource {

    /**
     * @param group   the API group, such as {@code security.istio.io}
     * @param version the API version, such as {@code v1}
     * @param kind    the kind, such as {@code PeerAuthentication}
     */
    public IstioResource(String group, String version, String kind, String name, ObjectMetaArgs metadata,
                         Map<String, Object> spec, CustomResourceOptions options) {
        super("kubernetes:" + group + "/" + version + ":" + kind, name,
                new Args(group + "/" + version, kind, metadata, spec), options);
    }

    /** The object as the Kubernetes provider receives it. */
    static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;
        @Import(name = "kind", required = true)
        private final Output<String> kind;
        @Import(name = "metadata", required = true)
        private final Output<ObjectMetaArgs> metadata;
        @Import(name = "spec", required = true)
        private final Output<Map<String, Object>> spec;

        Args(String apiVersion, String kind, ObjectMetaArgs metadata, Map<String, Object> spec) {
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = Output.of(spec);
        }
    }
}
