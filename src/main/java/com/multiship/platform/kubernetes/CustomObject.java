package com.multiship.platform.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * A Kubernetes object of a kind the Kubernetes SDK 4.0.0 has no class for: Istio's {@code VirtualService},
 * {@code DestinationRule}, {@code Gateway}, {@code PeerAuthentication}; External Secrets' {@code SecretStore},
 * {@code ExternalSecret}. Declared under the type token the newer SDK's {@code CustomResource} uses,
 * {@code kubernetes:<group>/<version>:<Kind>}, so the real Kubernetes provider creates it like any other object.
 * The {@code apiVersion} must be one the installed CRDs serve (the mesh and secret-sync components pin them).
 */
public final class CustomObject extends CustomResource {

    /**
     * @param apiVersion {@code <group>/<version>}, such as {@code networking.istio.io/v1}
     * @param kind       such as {@code VirtualService}
     */
    public CustomObject(String name, String apiVersion, String kind, ObjectMetaArgs metadata,
                        Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(type(apiVersion, kind), name, new Args(apiVersion, kind, metadata, spec), options);
    }

    public CustomObject(String name, String apiVersion, String kind, ObjectMetaArgs metadata, Map<String, Object> spec,
                        CustomResourceOptions options) {
        this(name, apiVersion, kind, metadata, Output.of(spec), options);
    }

    /** The type token of a kind: {@code kubernetes:<apiVersion>:<Kind>}. */
    public static String type(String apiVersion, String kind) {
        return "kubernetes:" + apiVersion + ":" + kind;
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

        Args(String apiVersion, String kind, ObjectMetaArgs metadata, Output<Map<String, Object>> spec) {
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec;
        }
    }
}
