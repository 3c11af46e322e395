package com.multiship.platform.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** CloudFront access logs (standard logging v2 into S3), by the inputs the engine would receive. */
class AccessLogsTest {
    static final String SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource";
    static final String DESTINATION = "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination";
    static final String DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"dev, 14, false, true", "staging, 30, false, false", "production, 365, true, false"})
    void deliversAccessLogsToAPrivateExpiringBucketInUsEast1(String stack, int days, boolean protect,
                                                               boolean forceDestroy) throws Exception {
        var plan = Stacks.plan(stack);
        var edgeProvider = plan.resource("pulumi:providers:aws", "aws-edge").urn();
        AssetBucketTest.assertLockedDown(plan, "assets-logs");
        var bucket = plan.resource(AssetBucketTest.BUCKET, "assets-logs-bucket");
        assertThat(bucket.input("bucketPrefix").asText()).isEqualTo("multiship-" + stack + "-assets-logs-");
        assertThat(bucket.protect()).isEqualTo(protect);
        assertThat(bucket.input("forceDestroy").asBoolean()).isEqualTo(forceDestroy);
        assertThat(bucket.provider()).isEqualTo(edgeProvider);
        assertThat(plan.resource(AssetBucketTest.LIFECYCLE, "assets-logs-lifecycle").input("rules.0.expiration.days").asInt())
                .isEqualTo(days);

        var source = plan.resource(SOURCE, "assets-logs-source");
        assertThat(source.input("logType").asText()).isEqualTo("ACCESS_LOGS");
        assertThat(source.input("resourceArn").asText())
                .isEqualTo(plan.output("aws:cloudfront/distribution:Distribution", "assets-cdn-distribution", "arn"));
        assertThat(source.provider()).isEqualTo(edgeProvider);
        var destination = plan.resource(DESTINATION, "assets-logs-destination");
        var bucketArn = plan.output("aws:s3/bucketV2:BucketV2", "assets-logs-bucket", "arn");
        assertThat(destination.input("deliveryDestinationConfiguration.destinationResourceArn").asText()).isEqualTo(bucketArn);
        assertThat(destination.provider()).isEqualTo(edgeProvider);

        var policy = plan.resource("aws:s3/bucketPolicy:BucketPolicy", "assets-logs-delivery-write");
        var write = JSON.readTree(policy.input("policy").asText()).path("Statement").path(0);
        assertThat(write.path("Principal").path("Service").asText()).isEqualTo("delivery.logs.amazonaws.com");
        assertThat(write.path("Resource").asText()).isEqualTo(bucketArn + "/*");
        assertThat(write.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws:logs:us-east-1:123456789012:*");

        var delivery = plan.resource(DELIVERY, "assets-logs-delivery");
        assertThat(delivery.input("deliverySourceName").asText()).isEqualTo("multiship-" + stack + "-assets-cloudfront");
        assertThat(delivery.input("deliveryDestinationArn").asText())
                .isEqualTo(plan.output("aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination", "assets-logs-destination", "arn"));
        assertThat(delivery.input("deliverySourceName").asText())
                .isEqualTo(plan.output("aws:cloudwatch/logDeliverySource:LogDeliverySource", "assets-logs-source", "name"));
        assertThat(delivery.dependencies()).contains(policy.urn());
        assertThat(delivery.provider()).isEqualTo(edgeProvider);
    }
}
