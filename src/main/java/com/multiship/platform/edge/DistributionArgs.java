package com.multiship.platform.edge;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * Inputs of {@link Distribution}.
 *
 * @param resourcePrefix the start of the account-unique names of the distribution's policies and origin access
 *                       control, such as {@code multiship-production-assets}
 * @param origin         the asset bucket the distribution serves
 * @param domain         the custom domain with its issued certificate; empty: only the {@code *.cloudfront.net} name,
 *                       with CloudFront's default certificate
 * @param webAclArn      the WAFv2 web ACL in front of the distribution; empty: none
 * @param priceClass     CloudFront's price class, such as {@code PriceClass_100}
 * @param spaFallback    answer the bucket's 403 and 404 with {@code /index.html} and status 200
 */
public record DistributionArgs(
        String resourcePrefix,
        AssetBucket origin,
        Optional<CustomDomain> domain,
        Optional<Output<String>> webAclArn,
        String priceClass,
        boolean spaFallback) {

    /**
     * A custom domain of the distribution.
     *
     * @param domainName     the host name, such as {@code assets.multiship.com}
     * @param hostedZoneId   the Route 53 zone that gets the alias records
     * @param certificateArn the issued ACM certificate (us-east-1) for the host name
     */
    public record CustomDomain(String domainName, String hostedZoneId, Output<String> certificateArn) {}
}
