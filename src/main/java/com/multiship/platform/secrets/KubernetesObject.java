package com.multiship.platform.secrets;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * A Kubernetes object of a kind the Kubernetes SDK 4.0.0 has no class for (External Secrets' {@code SecretStore} and
 * {@code ExternalSecret}), under the same type token the newer SDK's {@code CustomResource} uses:
 * {@code kubernetes:<group>/<version>:<Kind>}. The apiVersion must be one the installed CRDs serve.
 */
public final class KubernetesObject extends CustomResource {

    public KubernetesObject(String name, String apiVersion, String kind, Map<String, Object> metadata,
                            Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super("kubernetes:" + apiVersion + ":" + kind, name, new Args(apiVersion, kind, metadata, spec), options);
    }

    static final class Args extends ResourceArgs {
        @Import(name = "apiVersion", required = true)
        private final Output<String> apiVersion;
        @Import(name = "kind", required = true)
        private final Output<String> kind;
        @Import(name = "metadata", required = true)
        private final Output<Map<String, Object>> metadata;
        @Import(name = "spec", required = true)
        private final Output<Map<String, Object>> spec;

        Args(String apiVersion, String kind, Map<String, Object> metadata, Output<Map<String, Object>> spec) {
            this.apiVersion = Output.of(apiVersion);
            this.kind = Output.of(kind);
            this.metadata = Output.of(metadata);
            this.spec = spec;
        }
    }
}
