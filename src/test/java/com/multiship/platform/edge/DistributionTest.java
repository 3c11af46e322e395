package com.multiship.platform.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The CloudFront distribution of each real stack, by the inputs the engine would receive. */
class DistributionTest {
    static final String DISTRIBUTION = "aws:cloudfront/distribution:Distribution";
    static final String CACHE_POLICY = "aws:cloudfront/cachePolicy:CachePolicy";
    static final String HEADERS_POLICY = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy";
    static final String ORIGIN_ACCESS = "aws:cloudfront/originAccessControl:OriginAccessControl";
    static final String RECORD = "aws:route53/record:Record";
    static final String BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void servesHttpsOnlyOverHttp2And3AndIpv6WithCompression(String stack) {
        var plan = Stacks.plan(stack);
        var distribution = plan.resource(DISTRIBUTION, "assets-cdn-distribution");
        assertThat(distribution.input("enabled").asBoolean()).isTrue();
        assertThat(distribution.input("httpVersion").asText()).isEqualTo("http2and3");
        assertThat(distribution.input("isIpv6Enabled").asBoolean()).isTrue();
        assertThat(distribution.input("defaultRootObject").asText()).isEqualTo("index.html");
        for (var behavior : new String[] {"defaultCacheBehavior", "orderedCacheBehaviors.0"}) {
            assertThat(distribution.input(behavior + ".viewerProtocolPolicy").asText()).isEqualTo("redirect-to-https");
            assertThat(distribution.input(behavior + ".compress").asBoolean()).isTrue();
            assertThat(distribution.input(behavior + ".allowedMethods").toString()).isEqualTo("[\"GET\",\"HEAD\"]");
            assertThat(distribution.input(behavior + ".targetOriginId").asText()).isEqualTo("assets-bucket");
            assertThat(distribution.input(behavior + ".responseHeadersPolicyId").asText())
                    .isEqualTo(plan.output("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "assets-cdn-security-headers", "id"));
        }
        assertThat(distribution.input("orderedCacheBehaviors").size()).isEqualTo(1);
    }

    @Test
    void cachesHashedStaticFilesForAYearAndHtmlForAMinute() {
        var plan = Stacks.plan("production");
        var distribution = plan.resource(DISTRIBUTION, "assets-cdn-distribution");
        assertThat(distribution.input("orderedCacheBehaviors.0.pathPattern").asText()).isEqualTo("/static/*");
        // AWS's managed CachingOptimized policy: max TTL one year, honours the uploads' max-age=31536000.
        assertThat(distribution.input("orderedCacheBehaviors.0.cachePolicyId").asText())
                .isEqualTo("658327ea-f89d-4fab-a63d-7e88639e58f6");
        assertThat(distribution.input("defaultCacheBehavior.cachePolicyId").asText())
                .isEqualTo(plan.output(CACHE_POLICY, "assets-cdn-html-cache", "id"));
        var html = plan.resource(CACHE_POLICY, "assets-cdn-html-cache");
        assertThat(html.input("name").asText()).isEqualTo("multiship-production-assets-html");
        assertThat(html.input("minTtl").asInt()).isZero();
        assertThat(html.input("defaultTtl").asInt()).isEqualTo(60);
        assertThat(html.input("maxTtl").asInt()).isEqualTo(300);
        var key = "parametersInCacheKeyAndForwardedToOrigin.";
        assertThat(html.input(key + "cookiesConfig.cookieBehavior").asText()).isEqualTo("none");
        assertThat(html.input(key + "headersConfig.headerBehavior").asText()).isEqualTo("none");
        assertThat(html.input(key + "queryStringsConfig.queryStringBehavior").asText()).isEqualTo("none");
        assertThat(html.input(key + "enableAcceptEncodingGzip").asBoolean()).isTrue();
        assertThat(html.input(key + "enableAcceptEncodingBrotli").asBoolean()).isTrue();
    }

    @Test
    void addsSecurityHeadersToEveryResponse() {
        var headers = Stacks.plan("production").resource(HEADERS_POLICY, "assets-cdn-security-headers");
        var hsts = "securityHeadersConfig.strictTransportSecurity.";
        assertThat(headers.input(hsts + "accessControlMaxAgeSec").asInt()).isEqualTo(63_072_000);
        assertThat(headers.input(hsts + "includeSubdomains").asBoolean()).isTrue();
        assertThat(headers.input(hsts + "preload").asBoolean()).isTrue();
        assertThat(headers.input(hsts + "override").asBoolean()).isTrue();
        assertThat(headers.input("securityHeadersConfig.contentTypeOptions.override").asBoolean()).isTrue();
        assertThat(headers.input("securityHeadersConfig.frameOptions.frameOption").asText()).isEqualTo("DENY");
        assertThat(headers.input("securityHeadersConfig.referrerPolicy.referrerPolicy").asText())
                .isEqualTo("strict-origin-when-cross-origin");
        assertThat(headers.input("securityHeadersConfig.xssProtection.protection").asBoolean()).isTrue();
        assertThat(headers.input("securityHeadersConfig.xssProtection.modeBlock").asBoolean()).isTrue();
    }

    @Test
    void readsTheBucketThroughOriginAccessControlNotAnOriginAccessIdentity() throws Exception {
        var plan = Stacks.plan("production");
        var oac = plan.resource(ORIGIN_ACCESS, "assets-cdn-origin-access");
        assertThat(oac.input("signingBehavior").asText()).isEqualTo("always");
        assertThat(oac.input("signingProtocol").asText()).isEqualTo("sigv4");
        assertThat(oac.input("originAccessControlOriginType").asText()).isEqualTo("s3");
        var origin = plan.resource(DISTRIBUTION, "assets-cdn-distribution").input("origins.0");
        assertThat(origin.path("originAccessControlId").asText()).isEqualTo(plan.output(ORIGIN_ACCESS, "assets-cdn-origin-access", "id"));
        assertThat(origin.path("domainName").asText())
                .isEqualTo(plan.output("aws:s3/bucketV2:BucketV2", "assets-bucket", "bucketRegionalDomainName"));
        assertThat(origin.has("s3OriginConfig")).isFalse();
        assertThat(plan.ofType("aws:cloudfront/originAccessIdentity:OriginAccessIdentity")).isEmpty();

        var policy = plan.resource(BUCKET_POLICY, "assets-cdn-origin-read");
        assertThat(policy.input("bucket").asText()).isEqualTo(plan.output("aws:s3/bucketV2:BucketV2", "assets-bucket", "id"));
        var read = JSON.readTree(policy.input("policy").asText()).path("Statement").path(0);
        assertThat(read.path("Principal").path("Service").asText()).isEqualTo("cloudfront.amazonaws.com");
        assertThat(read.path("Condition").path("StringEquals").path("AWS:SourceArn").asText())
                .isEqualTo(plan.output(DISTRIBUTION, "assets-cdn-distribution", "arn"));
    }

    @ParameterizedTest
    @CsvSource({"dev, PriceClass_100", "staging, PriceClass_100", "production, PriceClass_All"})
    void usesTheStacksPriceClass(String stack, String priceClass) {
        assertThat(Stacks.plan(stack).resource(DISTRIBUTION, "assets-cdn-distribution").input("priceClass").asText())
                .isEqualTo(priceClass);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void fallsBackToIndexHtmlForClientSideRoutes(String stack) {
        var errors = Stacks.plan(stack).resource(DISTRIBUTION, "assets-cdn-distribution").input("customErrorResponses");
        assertThat(errors.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(errors.get(i).path("errorCode").asInt()).isEqualTo(i == 0 ? 403 : 404);
            assertThat(errors.get(i).path("responseCode").asInt()).isEqualTo(200);
            assertThat(errors.get(i).path("responsePagePath").asText()).isEqualTo("/index.html");
        }
    }

    @Test
    void withoutADomainUsesTheDefaultCertificateAndNoAliases() {
        var plan = Stacks.plan("dev");
        var distribution = plan.resource(DISTRIBUTION, "assets-cdn-distribution");
        assertThat(distribution.input("viewerCertificate.cloudfrontDefaultCertificate").asBoolean()).isTrue();
        // CloudFront fixes the default certificate's floor itself; asking for another would be a perpetual diff.
        assertThat(distribution.input("viewerCertificate.minimumProtocolVersion").isMissingNode()).isTrue();
        assertThat(distribution.input("viewerCertificate.acmCertificateArn").isMissingNode()).isTrue();
        assertThat(distribution.input("aliases").size()).isZero();
        assertThat(distribution.input("webAclId").isMissingNode()).isTrue();
        assertThat(plan.ofType(RECORD)).noneMatch(r -> r.name().startsWith("assets-"));
    }

    @ParameterizedTest
    @CsvSource({"staging, assets.staging.multiship.com, Z0STAGING4ASSETS7ZONE",
            "production, assets.multiship.com, Z0PRODUCTION4MULTISHIP"})
    void withADomainUsesItsValidatedCertificateWithTheTlsFloorAndAliasRecords(String stack, String domain, String zone) {
        var plan = Stacks.plan(stack);
        var distribution = plan.resource(DISTRIBUTION, "assets-cdn-distribution");
        assertThat(distribution.input("aliases").toString()).isEqualTo("[\"" + domain + "\"]");
        assertThat(distribution.input("viewerCertificate.acmCertificateArn").asText())
                .isEqualTo(plan.output("aws:acm/certificateValidation:CertificateValidation", "assets-domain-certificate-validation", "certificateArn"))
                .isEqualTo(plan.output("aws:acm/certificate:Certificate", "assets-domain-certificate", "arn"));
        assertThat(distribution.input("viewerCertificate.sslSupportMethod").asText()).isEqualTo("sni-only");
        assertThat(distribution.input("viewerCertificate.minimumProtocolVersion").asText()).isEqualTo("TLSv1.2_2021");
        assertThat(distribution.input("viewerCertificate.cloudfrontDefaultCertificate").isMissingNode()).isTrue();
        // The certificate ARN comes from the validation, so the distribution waits until ACM has issued it.
        assertThat(distribution.dependencies()).contains(plan.resource("aws:acm/certificateValidation:CertificateValidation",
                "assets-domain-certificate-validation").urn());
        for (var type : new String[] {"A", "AAAA"}) {
            var alias = plan.resource(RECORD, "assets-cdn-alias-" + type.toLowerCase());
            assertThat(alias.input("type").asText()).isEqualTo(type);
            assertThat(alias.input("name").asText()).isEqualTo(domain);
            assertThat(alias.input("zoneId").asText()).isEqualTo(zone);
            assertThat(alias.input("aliases.0.name").asText()).isEqualTo(plan.output(DISTRIBUTION, "assets-cdn-distribution", "domainName"));
            assertThat(alias.input("aliases.0.zoneId").asText()).isEqualTo(plan.output(DISTRIBUTION, "assets-cdn-distribution", "hostedZoneId"));
            assertThat(alias.input("aliases.0.evaluateTargetHealth").asBoolean()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void isGuardedByTheWebAclWhereOneIsDeclared(String stack) {
        var plan = Stacks.plan(stack);
        // CloudFront takes a WAFv2 web ACL by its ARN (the id is WAF Classic's).
        assertThat(plan.resource(DISTRIBUTION, "assets-cdn-distribution").input("webAclId").asText())
                .isEqualTo(plan.output("aws:wafv2/webAcl:WebAcl", "assets-firewall-web-acl", "arn"));
    }
}
