package com.multiship.platform.edge;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The web ACL in front of the distribution, by the inputs the engine would receive. */
class WebFirewallTest {
    static final String WEB_ACL = "aws:wafv2/webAcl:WebAcl";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void blocksFloodsThenAppliesTheManagedRuleGroups(String stack) {
        var plan = Stacks.plan(stack);
        var acl = plan.resource(WEB_ACL, "assets-firewall-web-acl");
        assertThat(acl.input("scope").asText()).isEqualTo("CLOUDFRONT");
        assertThat(acl.input("name").asText()).isEqualTo("multiship-" + stack + "-assets");
        assertThat(acl.input("defaultAction").toString()).isEqualTo("{\"allow\":{}}");
        assertThat(acl.input("visibilityConfig.cloudwatchMetricsEnabled").asBoolean()).isTrue();
        assertThat(acl.input("visibilityConfig.sampledRequestsEnabled").asBoolean()).isTrue();
        assertThat(acl.provider()).isEqualTo(plan.resource("pulumi:providers:aws", "aws-edge").urn());

        var rate = acl.input("rules.0");
        assertThat(rate.path("priority").asInt()).isZero();
        assertThat(rate.path("action").toString()).isEqualTo("{\"block\":{}}");
        assertThat(rate.path("statement").path("rateBasedStatement").path("limit").asInt()).isEqualTo(2000);
        assertThat(rate.path("statement").path("rateBasedStatement").path("aggregateKeyType").asText()).isEqualTo("IP");
        assertThat(rate.path("statement").path("rateBasedStatement").path("evaluationWindowSec").asInt()).isEqualTo(300);

        var groups = List.of("AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet",
                "AWSManagedRulesKnownBadInputsRuleSet");
        assertThat(acl.input("rules").size()).isEqualTo(1 + groups.size());
        for (int i = 0; i < groups.size(); i++) {
            var rule = acl.input("rules." + (i + 1));
            assertThat(rule.path("name").asText()).isEqualTo(groups.get(i));
            assertThat(rule.path("priority").asInt()).isEqualTo(10 * (i + 1));
            assertThat(rule.path("overrideAction").toString()).isEqualTo("{\"none\":{}}");
            assertThat(rule.path("statement").path("managedRuleGroupStatement").path("vendorName").asText()).isEqualTo("AWS");
            assertThat(rule.path("statement").path("managedRuleGroupStatement").path("name").asText())
                    .isEqualTo(groups.get(i));
            assertThat(rule.path("visibilityConfig").path("metricName").asText())
                    .isEqualTo("multiship-" + stack + "-assets-" + groups.get(i));
        }
    }

    @Test
    void takesTheRateLimitFromTheStackFile() {
        var plan = Stacks.plan("production", cfg -> Stacks.object(cfg, "edge").put("rateLimitPer5Minutes", 750));
        assertThat(plan.resource(WEB_ACL, "assets-firewall-web-acl")
                .input("rules.0.statement.rateBasedStatement.limit").asInt()).isEqualTo(750);
    }

    @Test
    void devHasNoWebAcl() {
        assertThat(Stacks.plan("dev").ofType(WEB_ACL)).isEmpty();
    }
}
