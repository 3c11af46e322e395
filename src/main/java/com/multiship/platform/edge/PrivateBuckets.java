package com.multiship.platform.edge;

import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.resources.CustomResourceOptions;

/** The baseline every edge bucket gets: no public access of any kind, ACLs disabled, encryption at rest. */
final class PrivateBuckets {
    private PrivateBuckets() {}

    /**
     * Blocks all four kinds of public access, disables ACLs ({@code BucketOwnerEnforced}: the bucket owner owns every
     * object, whoever wrote it) and encrypts with S3-managed keys (SSE-S3, AES-256). Not SSE-KMS: CloudFront reading
     * through Origin Access Control would need a customer-managed key whose policy admits cloudfront.amazonaws.com,
     * a KMS request per origin fetch, and the objects are public web assets and their access logs, which a KMS key
     * would not make more confidential.
     *
     * @param name   the prefix of the children's names, such as {@code assets}
     * @param bucket the bucket to lock down
     * @param child  the options of the children (their parent)
     */
    static void lockDown(String name, BucketV2 bucket, CustomResourceOptions child) {
        new BucketPublicAccessBlock(name + "-public-access-block", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), child);
        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);
        new BucketServerSideEncryptionConfigurationV2(name + "-encryption",
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                                .builder().sseAlgorithm("AES256").build())
                                .build())
                        .build(), child);
    }
}
