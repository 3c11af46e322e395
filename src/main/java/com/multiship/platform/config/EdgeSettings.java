package com.multiship.platform.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The static-asset edge of a stack ({@code platform:edge}): the asset bucket, the CloudFront distribution in front
 * of it, its domain and its web ACL. The whole object may be left out outside production (all defaults apply).
 *
 * @param domainName                      the host name the assets are served on, such as {@code assets.multiship.com};
 *                                        it gets an ACM certificate (us-east-1, DNS-validated) and alias records.
 *                                        Required in production. Default: none, so the distribution answers only on its
 *                                        {@code *.cloudfront.net} name with CloudFront's default certificate
 * @param hostedZoneId                    the Route 53 public hosted zone that holds {@code domainName} (its validation
 *                                        and alias records go there). Required with {@code domainName}, rejected without
 * @param priceClass                      which edge locations serve the assets: {@code PriceClass_100} (North America,
 *                                        Europe, Israel), {@code PriceClass_200} (also most of Asia, Middle East, Africa)
 *                                        or {@code PriceClass_All}. Default: {@code PriceClass_100}
 * @param spaFallback                     answer 403 and 404 from the bucket with {@code /index.html} and status 200, so
 *                                        that client-side routes of the single-page front end load. Default: true
 * @param noncurrentVersionExpirationDays days an overwritten or deleted asset version is kept (the rollback window of
 *                                        an upload). 1 to 3650. Default: 30
 * @param accessLogExpirationDays         days CloudFront access logs are kept in the log bucket. 1 to 3650, at least
 *                                        90 in production. Default: 90
 * @param webAcl                          a WAF web ACL (AWS managed rule groups and a per-IP rate limit) in front of the
 *                                        distribution. Default: true in production, where it cannot be turned off;
 *                                        false elsewhere
 * @param rateLimitPer5Minutes            requests one client IP may make in any 5-minute window before the web ACL
 *                                        blocks it. 100 to 2,000,000,000; only with {@code webAcl}. Default: 2000
 */
public record EdgeSettings(
        Optional<String> domainName,
        Optional<String> hostedZoneId,
        PriceClass priceClass,
        boolean spaFallback,
        int noncurrentVersionExpirationDays,
        int accessLogExpirationDays,
        boolean webAcl,
        int rateLimitPer5Minutes) {

    /** CloudFront price classes, written as CloudFront names them. */
    public enum PriceClass {
        PRICE_CLASS_100("PriceClass_100"), PRICE_CLASS_200("PriceClass_200"), PRICE_CLASS_ALL("PriceClass_All");

        private final String id;

        PriceClass(String id) {
            this.id = id;
        }

        /** The value CloudFront and the stack file use, such as {@code PriceClass_100}. */
        public String id() {
            return id;
        }
    }

    static final int DEFAULT_RATE_LIMIT = 2000;

    // RFC 1123 labels, lower case, at least two of them, the last alphabetic (or an IDN "xn--" label); ACM takes at
    // most 64 characters for a certificate's first domain name, which is stricter than DNS's 253.
    static final Pattern DOMAIN_NAME = Pattern.compile(
            "^(?=.{4,64}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$");
    static final String DOMAIN_NAME_ALLOWED = "a DNS name such as assets.multiship.com (lower-case RFC 1123 labels of"
            + " letters, digits and inner hyphens, at least two labels, at most 64 characters; no scheme, wildcard,"
            + " path or trailing dot)";
    static final Pattern HOSTED_ZONE_ID = Pattern.compile("^Z[0-9A-Z]{1,31}$");
    static final String HOSTED_ZONE_ID_ALLOWED = "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ";
    private static final String MISSING = "nothing (the key is missing)";

    static EdgeSettings parse(SettingsNode node, Environment environment) {
        var problems = node.problems();
        var domainName = node.optionalString("domainName", DOMAIN_NAME, DOMAIN_NAME_ALLOWED);
        if (environment.isProduction() && !node.has("domainName")) {
            problems.invalid(node.key("domainName"), MISSING, DOMAIN_NAME_ALLOWED
                    + " in production (customers load assets from the company's domain, under its own certificate)");
        }
        var hostedZoneId = node.optionalString("hostedZoneId", HOSTED_ZONE_ID, HOSTED_ZONE_ID_ALLOWED);
        if (node.has("domainName") && !node.has("hostedZoneId")) {
            problems.invalid(node.key("hostedZoneId"), MISSING, HOSTED_ZONE_ID_ALLOWED
                    + " (required with domainName: the certificate's validation record and the alias records go there)");
        }
        if (!node.has("domainName") && hostedZoneId.isPresent()) {
            node.invalid("hostedZoneId", hostedZoneId.get(), "left out without a domainName (no record would use it)");
        }
        var priceClass = node.oneOf("priceClass", PriceClass.class, PriceClass::id, PriceClass.PRICE_CLASS_100);
        boolean spaFallback = node.bool("spaFallback", true);
        int noncurrentDays = node.integer("noncurrentVersionExpirationDays", 1, 3650, 30);
        int logDays = node.integer("accessLogExpirationDays", environment.isProduction() ? 90 : 1, 3650, 90);
        boolean webAcl = node.bool("webAcl", environment.isProduction());
        if (environment.isProduction() && !webAcl) {
            node.invalid("webAcl", false, "true in production (the managed rule groups and the rate limit stay on)");
        }
        // A webAcl that is not a boolean is reported above; judging the rate limit against its fallback would only confuse.
        boolean webAclWritten = node.raw("webAcl").isMissingNode() || node.raw("webAcl").isBoolean();
        int rateLimit = DEFAULT_RATE_LIMIT;
        if (!webAcl && webAclWritten && node.has("rateLimitPer5Minutes")) {
            node.invalid("rateLimitPer5Minutes", node.raw("rateLimitPer5Minutes"),
                    "left out when webAcl is false (no web ACL enforces it)");
        } else {
            rateLimit = node.integer("rateLimitPer5Minutes", 100, 2_000_000_000, DEFAULT_RATE_LIMIT);
        }
        node.finish();
        return new EdgeSettings(domainName, hostedZoneId, priceClass, spaFallback, noncurrentDays, logDays, webAcl,
                rateLimit);
    }
}
