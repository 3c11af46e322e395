package com.multiship.platform.edge;

import com.pulumi.aws.cloudwatch.LogDelivery;
import com.pulumi.aws.cloudwatch.LogDeliveryArgs;
import com.pulumi.aws.cloudwatch.LogDeliveryDestination;
import com.pulumi.aws.cloudwatch.LogDeliveryDestinationArgs;
import com.pulumi.aws.cloudwatch.LogDeliverySource;
import com.pulumi.aws.cloudwatch.LogDeliverySourceArgs;
import com.pulumi.aws.cloudwatch.inputs.LogDeliveryDestinationDeliveryDestinationConfigurationArgs;
import com.pulumi.aws.cloudwatch.inputs.LogDeliveryS3DeliveryConfigurationArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * CloudFront access logs through standard logging v2 (CloudWatch Logs vended-log delivery) into a private S3 bucket
 * with an expiry. Chosen over classic (legacy) logging, which writes through S3 ACLs and so needs a bucket with ACLs
 * enabled ({@code BucketOwnerPreferred} plus a grant to the awslogsdelivery account); v2 writes under a bucket policy,
 * so the log bucket keeps ACLs disabled like every other bucket. CloudFront's delivery source exists only in
 * us-east-1: declare this component with a us-east-1 provider (the log bucket lives there too).
 */
public final class AccessLogs extends ComponentResource {
    static final String OUTPUT_FORMAT = "json";
    private final Output<String> bucketName;

    public AccessLogs(String name, AccessLogsArgs args, ComponentResourceOptions options) {
        super("platform:edge:AccessLogs", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var bucket = new BucketV2(name + "-bucket", BucketV2Args.builder()
                .bucketPrefix(args.resourcePrefix() + "-logs-")
                .forceDestroy(args.forceDestroy())
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect()).build());
        PrivateBuckets.lockDown(name, bucket, child);
        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-access-logs")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                                .days(args.expirationDays())
                                .build())
                        .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                .daysAfterInitiation(1)
                                .build())
                        .build())
                .build(), child);

        var source = new LogDeliverySource(name + "-source", LogDeliverySourceArgs.builder()
                .name(args.resourcePrefix() + "-cloudfront")
                .logType("ACCESS_LOGS")
                .resourceArn(args.distributionArn())
                .build(), child);
        // The delivery source's ARN names the account (arn:aws:logs:<region>:<account>:delivery-source:<name>): no
        // caller-identity lookup needed for the policy's aws:SourceAccount.
        var policy = new BucketPolicy(name + "-delivery-write", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(Output.tuple(bucket.arn(), source.arn()).applyValue(t -> {
                    var arnParts = t.t2.split(":");
                    return BucketPolicies.logDelivery(t.t1, arnParts[4], arnParts[3]);
                }))
                .build(), child);
        var destination = new LogDeliveryDestination(name + "-destination", LogDeliveryDestinationArgs.builder()
                .name(args.resourcePrefix() + "-s3")
                .outputFormat(OUTPUT_FORMAT)
                .deliveryDestinationConfiguration(LogDeliveryDestinationDeliveryDestinationConfigurationArgs.builder()
                        .destinationResourceArn(bucket.arn())
                        .build())
                .build(), child);
        // Created after the bucket policy, so that CloudWatch Logs finds its grant and does not append its own.
        new LogDelivery(name + "-delivery", LogDeliveryArgs.builder()
                .deliverySourceName(source.name())
                .deliveryDestinationArn(destination.arn())
                .s3DeliveryConfigurations(LogDeliveryS3DeliveryConfigurationArgs.builder()
                        .suffixPath("{DistributionId}/{yyyy}/{MM}/{dd}/{HH}")
                        .enableHiveCompatiblePath(false)
                        .build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(policy).build());

        this.bucketName = bucket.bucket();
        registerOutputs(Map.of("bucketName", bucketName));
    }

    /** The log bucket's name. */
    public Output<String> bucketName() {
        return bucketName;
    }
}
