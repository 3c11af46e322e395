package com.multiship.platform.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform:edge}: defaults, accepted values and every rejection, by exact message. */
class EdgeSettingsTest {
    private static final String DOMAIN_ALLOWED = "a DNS name such as assets.multiship.com (lower-case RFC 1123 labels of"
            + " letters, digits and inner hyphens, at least two labels, at most 64 characters; no scheme, wildcard,"
            + " path or trailing dot)";
    private static final String CERTIFICATE = "aws:acm/certificate:Certificate";
    private static final String DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
    private static final String WEB_ACL = "aws:wafv2/webAcl:WebAcl";

    private static Consumer<ObjectNode> edge(Consumer<ObjectNode> edit) {
        return cfg -> edit.accept(Stacks.object(cfg, "edge"));
    }

    @Test
    void devWithoutAnEdgeObjectGetsTheDefaults() {
        var plan = Stacks.plan("dev", cfg -> cfg.remove("platform:edge"));
        var distribution = plan.resource(DISTRIBUTION, "assets-cdn-distribution");
        assertThat(distribution.input("priceClass").asText()).isEqualTo("PriceClass_100");
        assertThat(distribution.input("customErrorResponses").size()).isEqualTo(2);
        assertThat(plan.resource("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "assets-lifecycle")
                .input("rules.0.noncurrentVersionExpiration.noncurrentDays").asInt()).isEqualTo(30);
        assertThat(plan.resource("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "assets-logs-lifecycle")
                .input("rules.0.expiration.days").asInt()).isEqualTo(90);
        assertThat(plan.ofType(CERTIFICATE)).noneMatch(c -> c.name().startsWith("assets-"));
        assertThat(plan.ofType(WEB_ACL)).isEmpty();
    }

    @Test
    void stagingMayTurnTheWebAclOffAndThenTakesNoRateLimit() {
        var plan = Stacks.plan("staging", edge(e -> {
            e.put("webAcl", false);
            e.remove("rateLimitPer5Minutes");
        }));
        assertThat(plan.ofType(WEB_ACL)).isEmpty();
        assertThat(plan.resource(DISTRIBUTION, "assets-cdn-distribution").input("webAclId").isMissingNode()).isTrue();
    }

    @Test
    void theWebAclRateLimitDefaultsTo2000() {
        var plan = Stacks.plan("production", edge(e -> e.remove("rateLimitPer5Minutes")));
        assertThat(plan.resource(WEB_ACL, "assets-firewall-web-acl").input("rules.0.statement.rateBasedStatement.limit")
                .asInt()).isEqualTo(2000);
    }

    @Test
    void spaFallbackCanBeTurnedOff() {
        var plan = Stacks.plan("dev", edge(e -> e.put("spaFallback", false)));
        assertThat(plan.resource(DISTRIBUTION, "assets-cdn-distribution").input("customErrorResponses").isMissingNode())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"assets.multiship.com", "a.io", "static-1.eu.multiship.com", "cdn.xn--p1ai",
            "x23456789012345678901234567890123456789012345678901234567890.com"})
    void acceptsDnsNames(String name) {
        var plan = Stacks.plan("staging", edge(e -> e.put("domainName", name)));
        assertThat(plan.resource(CERTIFICATE, "assets-domain-certificate").input("domainName").asText()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://assets.multiship.com", "assets.multiship.com.", "*.multiship.com",
            "Assets.Multiship.com", "assets_cdn.multiship.com", "-assets.multiship.com", "assets-.multiship.com",
            "localhost", "assets.multiship.com/static", "assets..multiship.com", "assets.multiship.123", " assets.multiship.com",
            "x234567890123456789012345678901234567890123456789012345678901.com"})
    void failsOnBadDomainNames(String name) {
        assertThat(Stacks.problems("production", edge(e -> e.put("domainName", name)))).containsExactly(
                "platform:edge.domainName must be " + DOMAIN_ALLOWED + ", got \"" + name + "\" (Pulumi.production.yaml)");
    }

    @Test
    void failsOnADomainNameThatIsNotAString() {
        assertThat(Stacks.problems("staging", edge(e -> e.put("domainName", 42)))).containsExactly(
                "platform:edge.domainName must be " + DOMAIN_ALLOWED + ", got 42 (Pulumi.staging.yaml)");
    }

    @Test
    void failsInProductionWithoutADomainName() {
        assertThat(Stacks.problems("production", edge(e -> e.remove("domainName")))).containsExactly(
                "platform:edge.domainName must be " + DOMAIN_ALLOWED + " in production (customers load assets from the"
                        + " company's domain, under its own certificate), got nothing (the key is missing)"
                        + " (Pulumi.production.yaml)",
                "platform:edge.hostedZoneId must be left out without a domainName (no record would use it),"
                        + " got \"Z0PRODUCTION4MULTISHIP\" (Pulumi.production.yaml)");
    }

    @Test
    void failsInProductionWithoutAnEdgeObject() {
        assertThat(Stacks.problems("production", cfg -> cfg.remove("platform:edge"))).containsExactly(
                "platform:edge.domainName must be " + DOMAIN_ALLOWED + " in production (customers load assets from the"
                        + " company's domain, under its own certificate), got nothing (the key is missing)"
                        + " (Pulumi.production.yaml)");
    }

    @Test
    void failsOnADomainNameWithoutAHostedZone() {
        assertThat(Stacks.problems("staging", edge(e -> e.remove("hostedZoneId")))).containsExactly(
                "platform:edge.hostedZoneId must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ (required with"
                        + " domainName: the certificate's validation record and the alias records go there), got nothing"
                        + " (the key is missing) (Pulumi.staging.yaml)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/hostedzone/Z0PRODUCTION4MULTISHIP", "z0production", "multiship.com", "Z"})
    void failsOnBadHostedZoneIds(String zone) {
        assertThat(Stacks.problems("production", edge(e -> e.put("hostedZoneId", zone)))).containsExactly(
                "platform:edge.hostedZoneId must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ, got \""
                        + zone + "\" (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAHostedZoneWithoutADomainName() {
        assertThat(Stacks.problems("dev", edge(e -> e.put("hostedZoneId", "Z0DEV")))).containsExactly(
                "platform:edge.hostedZoneId must be left out without a domainName (no record would use it), got \"Z0DEV\""
                        + " (Pulumi.dev.yaml)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PriceClass_300", "priceclass_all", "All", ""})
    void failsOnBadPriceClasses(String priceClass) {
        assertThat(Stacks.problems("dev", edge(e -> e.put("priceClass", priceClass)))).containsExactly(
                "platform:edge.priceClass must be one of PriceClass_100, PriceClass_200, PriceClass_All, got \""
                        + priceClass + "\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnOutOfRangeNoncurrentVersionExpiration() {
        assertThat(Stacks.problems("dev", edge(e -> e.put("noncurrentVersionExpirationDays", 0)))).containsExactly(
                "platform:edge.noncurrentVersionExpirationDays must be a whole number from 1 to 3650, got 0 (Pulumi.dev.yaml)");
        assertThat(Stacks.problems("dev", edge(e -> e.put("noncurrentVersionExpirationDays", 3651)))).containsExactly(
                "platform:edge.noncurrentVersionExpirationDays must be a whole number from 1 to 3650, got 3651 (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnANumberWrittenAsText() {
        assertThat(Stacks.problems("dev", edge(e -> e.put("noncurrentVersionExpirationDays", "30")))).containsExactly(
                "platform:edge.noncurrentVersionExpirationDays must be a whole number from 1 to 3650, got \"30\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAccessLogExpirationOutOfRange() {
        assertThat(Stacks.problems("dev", edge(e -> e.put("accessLogExpirationDays", 0)))).containsExactly(
                "platform:edge.accessLogExpirationDays must be a whole number from 1 to 3650, got 0 (Pulumi.dev.yaml)");
        assertThat(Stacks.problems("dev", edge(e -> e.put("accessLogExpirationDays", 1.5)))).containsExactly(
                "platform:edge.accessLogExpirationDays must be a whole number from 1 to 3650, got 1.5 (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnShortAccessLogRetentionInProduction() {
        assertThat(Stacks.problems("production", edge(e -> e.put("accessLogExpirationDays", 30)))).containsExactly(
                "platform:edge.accessLogExpirationDays must be a whole number from 90 to 3650, got 30 (Pulumi.production.yaml)");
    }

    @Test
    void failsWithoutTheWebAclInProduction() {
        assertThat(Stacks.problems("production", edge(e -> {
            e.put("webAcl", false);
            e.remove("rateLimitPer5Minutes");
        }))).containsExactly("platform:edge.webAcl must be true in production (the managed rule groups and the rate limit"
                + " stay on), got false (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAWebAclFlagThatIsNotABoolean() {
        assertThat(Stacks.problems("staging", edge(e -> e.put("webAcl", "yes")))).containsExactly(
                "platform:edge.webAcl must be true or false, got \"yes\" (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnOutOfRangeRateLimits() {
        assertThat(Stacks.problems("production", edge(e -> e.put("rateLimitPer5Minutes", 99)))).containsExactly(
                "platform:edge.rateLimitPer5Minutes must be a whole number from 100 to 2000000000, got 99"
                        + " (Pulumi.production.yaml)");
        assertThat(Stacks.problems("production", edge(e -> e.put("rateLimitPer5Minutes", 3_000_000_000L)))).containsExactly(
                "platform:edge.rateLimitPer5Minutes must be a whole number from 100 to 2000000000, got 3000000000"
                        + " (Pulumi.production.yaml)");
    }

    @Test
    void failsOnARateLimitWithoutAWebAcl() {
        assertThat(Stacks.problems("dev", edge(e -> e.put("rateLimitPer5Minutes", 500)))).containsExactly(
                "platform:edge.rateLimitPer5Minutes must be left out when webAcl is false (no web ACL enforces it),"
                        + " got 500 (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnUnknownKeys() {
        assertThat(Stacks.problems("dev", edge(e -> e.put("priceclass", "PriceClass_100")))).containsExactly(
                "platform:edge.priceclass is not a known setting: allowed here are accessLogExpirationDays, domainName,"
                        + " hostedZoneId, noncurrentVersionExpirationDays, priceClass, rateLimitPer5Minutes, spaFallback,"
                        + " webAcl; did you mean priceClass? (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnEdgeThatIsNotAnObject() {
        assertThat(Stacks.problems("dev", cfg -> cfg.put("platform:edge", "assets.multiship.com"))).containsExactly(
                "platform:edge must be an object of settings, got \"assets.multiship.com\" (Pulumi.dev.yaml)");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThat(Stacks.problems("production", edge(e -> {
            e.put("domainName", "*.multiship.com");
            e.put("priceClass", "PriceClass_50");
            e.put("noncurrentVersionExpirationDays", -1);
        }))).hasSize(3);
    }
}
