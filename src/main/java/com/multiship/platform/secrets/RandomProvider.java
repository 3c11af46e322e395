package com.multiship.platform.secrets;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.ResourceArgs;

/**
 * An explicit Pulumi Random provider (written by hand, like {@link RandomPassword}: its Java SDK is not on the Maven
 * mirror). Explicit, so that no resource of the platform falls back to an engine default provider and the plugin
 * version is the pinned one.
 */
public final class RandomProvider extends ProviderResource {
    public RandomProvider(String name, CustomResourceOptions options) {
        super("random", name, ResourceArgs.Empty, CustomResourceOptions.merge(options,
                CustomResourceOptions.builder().version(RandomPassword.VERSION).build()));
    }
}
