package com.multiship.platform.secrets;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import java.util.Map;

/**
 * Pulumi Random's {@code RandomPassword}, declared by hand because the Random provider's Java SDK is not on the
 * Maven mirror. Same type token and inputs as the generated SDK; {@code result} is stored encrypted in state
 * (additional secret output), as the generated SDK marks it. The provider plugin version is pinned in
 * {@code src/main/resources/com/pulumi/random/plugin.json}.
 */
@ResourceType(type = RandomPassword.TYPE, version = RandomPassword.VERSION)
public final class RandomPassword extends CustomResource {
    static final String TYPE = "random:index/randomPassword:RandomPassword";
    /** Must equal the version in {@code com/pulumi/random/plugin.json}. */
    static final String VERSION = "4.19.1";

    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    public RandomPassword(String name, Args args, CustomResourceOptions options) {
        super(TYPE, name, args, CustomResourceOptions.merge(options, CustomResourceOptions.builder()
                .version(VERSION)
                .additionalSecretOutputs("result")
                .build()));
    }

    /** The generated value: a secret output, never shown in plain state or logs. */
    public Output<String> result() {
        return result.asSecret();
    }

    /**
     * The inputs used here.
     *
     * @param length  number of characters
     * @param special whether punctuation is included
     * @param keepers arbitrary values whose change generates a new value (a rotation)
     */
    public static final class Args extends ResourceArgs {
        @Import(name = "length", required = true)
        private final Output<Integer> length;
        @Import(name = "special")
        private final Output<Boolean> special;
        @Import(name = "keepers")
        private final Output<Map<String, String>> keepers;

        public Args(int length, boolean special, Map<String, String> keepers) {
            this.length = Output.of(length);
            this.special = Output.of(special);
            this.keepers = Output.of(keepers);
        }
    }
}
