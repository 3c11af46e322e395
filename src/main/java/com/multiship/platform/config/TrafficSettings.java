package com.multiship.platform.config;

import java.util.regex.Pattern;

/**
 * How traffic reaches the services ({@code platform:traffic}).
 *
 * @param apiHost              the stack's public API host name, bound by the api service's VirtualService to the
 *                             ingress Gateway {@code istio-ingress/api-gateway} (required), such as
 *                             {@code api.multiship.com}
 * @param maxCanaryStepPercent the largest change of a service's canary weight in one reviewed change, checked by the
 *                             plan comparison against the base branch's plan (a stack file alone does not know the
 *                             previous weight); default 100 (no limit)
 */
public record TrafficSettings(String apiHost, int maxCanaryStepPercent) {
    static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    static TrafficSettings parse(SettingsNode node) {
        var host = node.string("apiHost", HOST, "a DNS host name such as api.multiship.com");
        int step = node.integer("maxCanaryStepPercent", 1, 100, 100);
        node.finish();
        return new TrafficSettings(host, step);
    }
}
