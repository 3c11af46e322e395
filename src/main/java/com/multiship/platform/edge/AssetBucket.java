package com.multiship.platform.edge;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The private S3 bucket of the web front end's static assets: no public access, ACLs disabled, SSE-S3 encryption,
 * versioning so that a bad upload can be rolled back, and a lifecycle rule that removes old versions after a while.
 * Only the CloudFront distribution reads it (its bucket policy is declared by {@link Distribution}, which knows the
 * distribution's ARN). Lives in the stack's region, with the stack's other data.
 */
public final class AssetBucket extends ComponentResource {
    private final Output<String> bucketName;
    private final Output<String> bucketArn;
    private final Output<String> regionalDomainName;

    public AssetBucket(String name, AssetBucketArgs args, ComponentResourceOptions options) {
        super("platform:edge:AssetBucket", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var bucket = new BucketV2(name + "-bucket", BucketV2Args.builder()
                .bucketPrefix(args.bucketPrefix())
                .forceDestroy(args.forceDestroy())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        PrivateBuckets.lockDown(name, bucket, child);

        var versioning = new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);
        // S3 applies noncurrent-version rules only to a versioned bucket: configure versioning first.
        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-old-versions")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                .noncurrentDays(args.noncurrentVersionExpirationDays())
                                .build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .expiredObjectDeleteMarker(true)
                                .build())
                        .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                .daysAfterInitiation(7)
                                .build())
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(versioning).build());

        this.bucketName = bucket.bucket();
        this.bucketArn = bucket.arn();
        this.regionalDomainName = bucket.bucketRegionalDomainName();
        registerOutputs(Map.of("bucketName", bucketName));
    }

    /** The bucket's name, where CI uploads the built assets. */
    public Output<String> bucketName() {
        return bucketName;
    }

    public Output<String> bucketArn() {
        return bucketArn;
    }

    /** The bucket's regional endpoint, the distribution's origin (the regional one avoids redirects after creation). */
    public Output<String> regionalDomainName() {
        return regionalDomainName;
    }
}
