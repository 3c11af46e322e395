package com.multiship.platform.edge;

import com.pulumi.aws.cloudfront.CachePolicy;
import com.pulumi.aws.cloudfront.CachePolicyArgs;
import com.pulumi.aws.cloudfront.OriginAccessControl;
import com.pulumi.aws.cloudfront.OriginAccessControlArgs;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicy;
import com.pulumi.aws.cloudfront.ResponseHeadersPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfigArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigArgs;
import com.pulumi.aws.cloudfront.inputs.CachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfigArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionCustomErrorResponseArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionDefaultCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOrderedCacheBehaviorArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionOriginArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionRestrictionsGeoRestrictionArgs;
import com.pulumi.aws.cloudfront.inputs.DistributionViewerCertificateArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigFrameOptionsArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigReferrerPolicyArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs;
import com.pulumi.aws.cloudfront.inputs.ResponseHeadersPolicySecurityHeadersConfigXssProtectionArgs;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.inputs.RecordAliasArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * CloudFront in front of the asset bucket: HTTPS only, HTTP/2 and HTTP/3, IPv6, compression; hashed files under
 * {@code /static/*} cached for up to a year, everything else (HTML) for a minute; security response headers on every
 * answer; the bucket readable only by this distribution through Origin Access Control; with a custom domain, its
 * certificate with a TLS 1.2 floor and Route 53 alias records (A and AAAA).
 */
public final class Distribution extends ComponentResource {
    /** AWS's managed cache policy "CachingOptimized": no cookies, headers or query strings; TTL 1 s to 1 year. */
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    static final String STATIC_PATH = "/static/*";
    static final int HTML_DEFAULT_TTL_SECONDS = 60;
    static final int HTML_MAX_TTL_SECONDS = 300;
    static final int HSTS_MAX_AGE_SECONDS = 63_072_000;
    static final String TLS_FLOOR = "TLSv1.2_2021";
    private static final String ORIGIN_ID = "assets-bucket";
    private static final List<String> READ_METHODS = List.of("GET", "HEAD");

    private final Output<String> distributionId;
    private final Output<String> domainName;
    private final Output<String> arn;

    public Distribution(String name, DistributionArgs args, ComponentResourceOptions options) {
        super("platform:edge:Distribution", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var originAccess = new OriginAccessControl(name + "-origin-access", OriginAccessControlArgs.builder()
                .name(args.resourcePrefix())
                .description("CloudFront signs its requests to the asset bucket")
                .originAccessControlOriginType("s3")
                .signingBehavior("always")
                .signingProtocol("sigv4")
                .build(), child);
        var htmlCache = new CachePolicy(name + "-html-cache", CachePolicyArgs.builder()
                .name(args.resourcePrefix() + "-html")
                .comment("HTML and other unhashed files: short-lived, so that a new release shows within minutes")
                .minTtl(0)
                .defaultTtl(HTML_DEFAULT_TTL_SECONDS)
                .maxTtl(HTML_MAX_TTL_SECONDS)
                .parametersInCacheKeyAndForwardedToOrigin(CachePolicyParametersInCacheKeyAndForwardedToOriginArgs.builder()
                        .cookiesConfig(CachePolicyParametersInCacheKeyAndForwardedToOriginCookiesConfigArgs.builder()
                                .cookieBehavior("none").build())
                        .headersConfig(CachePolicyParametersInCacheKeyAndForwardedToOriginHeadersConfigArgs.builder()
                                .headerBehavior("none").build())
                        .queryStringsConfig(CachePolicyParametersInCacheKeyAndForwardedToOriginQueryStringsConfigArgs.builder()
                                .queryStringBehavior("none").build())
                        .enableAcceptEncodingGzip(true)
                        .enableAcceptEncodingBrotli(true)
                        .build())
                .build(), child);
        var securityHeaders = new ResponseHeadersPolicy(name + "-security-headers", ResponseHeadersPolicyArgs.builder()
                .name(args.resourcePrefix() + "-security-headers")
                .comment("HSTS, nosniff, no framing, a strict referrer policy")
                .securityHeadersConfig(securityHeaders())
                .build(), child);

        var viewerCertificate = args.domain()
                .map(domain -> DistributionViewerCertificateArgs.builder()
                        .acmCertificateArn(domain.certificateArn())
                        .sslSupportMethod("sni-only")
                        .minimumProtocolVersion(TLS_FLOOR)
                        .build())
                // The default *.cloudfront.net certificate: CloudFront fixes its TLS floor (TLSv1) whatever is asked.
                .orElseGet(() -> DistributionViewerCertificateArgs.builder().cloudfrontDefaultCertificate(true).build());

        var builder = com.pulumi.aws.cloudfront.DistributionArgs.builder()
                .enabled(true)
                .comment("Static assets of the web front end (" + args.resourcePrefix() + ")")
                .httpVersion("http2and3")
                .isIpv6Enabled(true)
                .priceClass(args.priceClass())
                .defaultRootObject("index.html")
                .aliases(args.domain().map(domain -> List.of(domain.domainName())).orElse(List.of()))
                .origins(DistributionOriginArgs.builder()
                        .originId(ORIGIN_ID)
                        .domainName(args.origin().regionalDomainName())
                        .originAccessControlId(originAccess.id())
                        .build())
                .defaultCacheBehavior(DistributionDefaultCacheBehaviorArgs.builder()
                        .targetOriginId(ORIGIN_ID)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(READ_METHODS)
                        .cachedMethods(READ_METHODS)
                        .compress(true)
                        .cachePolicyId(htmlCache.id())
                        .responseHeadersPolicyId(securityHeaders.id())
                        .build())
                .orderedCacheBehaviors(DistributionOrderedCacheBehaviorArgs.builder()
                        .pathPattern(STATIC_PATH)
                        .targetOriginId(ORIGIN_ID)
                        .viewerProtocolPolicy("redirect-to-https")
                        .allowedMethods(READ_METHODS)
                        .cachedMethods(READ_METHODS)
                        .compress(true)
                        .cachePolicyId(CACHING_OPTIMIZED)
                        .responseHeadersPolicyId(securityHeaders.id())
                        .build())
                .restrictions(DistributionRestrictionsArgs.builder()
                        .geoRestriction(DistributionRestrictionsGeoRestrictionArgs.builder().restrictionType("none").build())
                        .build())
                .viewerCertificate(viewerCertificate);
        if (args.spaFallback()) {
            // Without s3:ListBucket the bucket answers a missing key with 403, not 404: both mean "a client-side route".
            builder.customErrorResponses(List.of(spaFallback(403), spaFallback(404)));
        }
        args.webAclArn().ifPresent(builder::webAclId);
        var distribution = new com.pulumi.aws.cloudfront.Distribution(name + "-distribution", builder.build(), child);

        new BucketPolicy(name + "-origin-read", BucketPolicyArgs.builder()
                .bucket(args.origin().bucketName())
                .policy(Output.tuple(args.origin().bucketArn(), distribution.arn())
                        .applyValue(t -> BucketPolicies.readByDistribution(t.t1, t.t2)))
                .build(), child);

        args.domain().ifPresent(domain -> {
            for (var type : List.of("A", "AAAA")) {
                new Record(name + "-alias-" + type.toLowerCase(), RecordArgs.builder()
                        .zoneId(domain.hostedZoneId())
                        .name(domain.domainName())
                        .type(type)
                        .aliases(RecordAliasArgs.builder()
                                .name(distribution.domainName())
                                .zoneId(distribution.hostedZoneId())
                                .evaluateTargetHealth(false)
                                .build())
                        .build(), child);
            }
        });

        this.distributionId = distribution.id();
        this.domainName = distribution.domainName();
        this.arn = distribution.arn();
        registerOutputs(Map.of("distributionId", distributionId, "domainName", domainName));
    }

    /** The distribution's id, which CI passes to {@code aws cloudfront create-invalidation}. */
    public Output<String> distributionId() {
        return distributionId;
    }

    /** The distribution's own host name, such as {@code d111111abcdef8.cloudfront.net}. */
    public Output<String> domainName() {
        return domainName;
    }

    public Output<String> arn() {
        return arn;
    }

    private static ResponseHeadersPolicySecurityHeadersConfigArgs securityHeaders() {
        return ResponseHeadersPolicySecurityHeadersConfigArgs.builder()
                .strictTransportSecurity(ResponseHeadersPolicySecurityHeadersConfigStrictTransportSecurityArgs.builder()
                        .accessControlMaxAgeSec(HSTS_MAX_AGE_SECONDS)
                        .includeSubdomains(true)
                        .preload(true)
                        .override(true)
                        .build())
                .contentTypeOptions(ResponseHeadersPolicySecurityHeadersConfigContentTypeOptionsArgs.builder()
                        .override(true).build())
                .frameOptions(ResponseHeadersPolicySecurityHeadersConfigFrameOptionsArgs.builder()
                        .frameOption("DENY").override(true).build())
                .referrerPolicy(ResponseHeadersPolicySecurityHeadersConfigReferrerPolicyArgs.builder()
                        .referrerPolicy("strict-origin-when-cross-origin").override(true).build())
                .xssProtection(ResponseHeadersPolicySecurityHeadersConfigXssProtectionArgs.builder()
                        .protection(true).modeBlock(true).override(true).build())
                .build();
    }

    private static DistributionCustomErrorResponseArgs spaFallback(int errorCode) {
        return DistributionCustomErrorResponseArgs.builder()
                .errorCode(errorCode)
                .responseCode(200)
                .responsePagePath("/index.html")
                .errorCachingMinTtl(10)
                .build();
    }
}
