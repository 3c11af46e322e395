package com.multiship.platform.config;

import java.util.Set;

/**
 * Every AWS region a stack may name ({@code aws:region}, {@code platform:database.recoveryRegion}): a shape such as
 * {@code us-west-9} is not a region, and a provider for it fails only when it first calls AWS.
 *
 * <p>Source: the region list of the AWS SDK for JavaScript v3 ({@code @aws-sdk/util-endpoints},
 * {@code lib/aws/partitions.json}: partitions {@code aws}, {@code aws-cn}, {@code aws-us-gov}, {@code aws-eusc}), as bundled
 * in a 2026 build; checked 2026-12-02. The isolated partitions ({@code aws-iso*}) are left out: they are not reachable
 * from the public endpoints this platform uses. A region AWS opens later is added here, with the date it was checked.
 */
public final class AwsRegions {
    /** Checked on this day against the source above. */
    public static final String CHECKED = "2026-12-02";

    public static final Set<String> ALL = Set.of(
            // aws
            "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
            "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1",
            "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
            "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            // aws-cn, aws-us-gov, aws-eusc
            "cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1", "eusc-de-east-1");

    /** What a settings message says is allowed. */
    static final String ALLOWED = "an AWS region (see config/AwsRegions)";

    private AwsRegions() {}

    public static boolean exists(String region) {
        return ALL.contains(region);
    }
}
