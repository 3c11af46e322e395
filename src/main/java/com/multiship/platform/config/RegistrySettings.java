package com.multiship.platform.config;

/**
 * The container image registries ({@code platform:registry}), one ECR repository per service.
 *
 * @param keepReleases how many release images ({@code v*} tags) each repository keeps; older ones expire. Keep it
 *                     above the number of releases a rollback may go back to. Untagged images always expire after a
 *                     day. Default 30
 */
public record RegistrySettings(int keepReleases) {
    static RegistrySettings parse(SettingsNode node) {
        int keep = node.integer("keepReleases", 5, 1000, 30);
        node.finish();
        return new RegistrySettings(keep);
    }
}
