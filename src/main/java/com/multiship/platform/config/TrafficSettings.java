package com.multiship.platform.config;

/**
 * How releases move traffic ({@code platform:traffic}). The API host the ingress binds is {@code platform:mesh.apiHost}.
 *
 * @param maxCanaryStepPercent the largest change of a service's canary weight in one reviewed change, checked by the
 *                             plan comparison against the base branch's plan (a stack file alone does not know the
 *                             previous weight); default 100 (no limit)
 */
public record TrafficSettings(int maxCanaryStepPercent) {

    static TrafficSettings parse(SettingsNode node) {
        int step = node.integer("maxCanaryStepPercent", 1, 100, 100);
        node.finish();
        return new TrafficSettings(step);
    }
}
