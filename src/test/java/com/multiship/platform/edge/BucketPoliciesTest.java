package com.multiship.platform.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BucketPoliciesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "arn:aws:s3:::assets";
    private static final String DISTRIBUTION = "arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL";

    @Test
    void readByDistributionAllowsOnlyCloudFrontForThatDistribution() throws Exception {
        var policy = JSON.readTree(BucketPolicies.readByDistribution(BUCKET, DISTRIBUTION));
        var read = policy.path("Statement").path(0);
        assertThat(read.path("Effect").asText()).isEqualTo("Allow");
        assertThat(read.path("Principal").toString()).isEqualTo("{\"Service\":\"cloudfront.amazonaws.com\"}");
        assertThat(read.path("Action").asText()).isEqualTo("s3:GetObject");
        assertThat(read.path("Resource").asText()).isEqualTo(BUCKET + "/*");
        assertThat(read.path("Condition").toString())
                .isEqualTo("{\"StringEquals\":{\"AWS:SourceArn\":\"" + DISTRIBUTION + "\"}}");
        assertDeniesInsecureTransport(policy.path("Statement").path(1));
        assertThat(policy.path("Statement").size()).isEqualTo(2);
    }

    @Test
    void logDeliveryAllowsOnlyThisAccountsDeliveriesFromTheSourceRegion() throws Exception {
        var policy = JSON.readTree(BucketPolicies.logDelivery(BUCKET, "123456789012", "us-east-1"));
        var write = policy.path("Statement").path(0);
        assertThat(write.path("Principal").path("Service").asText()).isEqualTo("delivery.logs.amazonaws.com");
        assertThat(write.path("Action").asText()).isEqualTo("s3:PutObject");
        assertThat(write.path("Resource").asText()).isEqualTo(BUCKET + "/*");
        assertThat(write.path("Condition").toString()).isEqualTo("{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\","
                + "\"s3:x-amz-acl\":\"bucket-owner-full-control\"},\"ArnLike\":{\"aws:SourceArn\":"
                + "\"arn:aws:logs:us-east-1:123456789012:*\"}}");
        var check = policy.path("Statement").path(1);
        assertThat(check.path("Action").toString()).isEqualTo("[\"s3:GetBucketAcl\",\"s3:ListBucket\"]");
        assertThat(check.path("Resource").asText()).isEqualTo(BUCKET);
        assertDeniesInsecureTransport(policy.path("Statement").path(2));
    }

    private static void assertDeniesInsecureTransport(JsonNode statement) {
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(statement.path("Principal").asText()).isEqualTo("*");
        assertThat(statement.path("Resource").toString()).isEqualTo("[\"" + BUCKET + "\",\"" + BUCKET + "/*\"]");
        assertThat(statement.path("Condition").toString()).isEqualTo("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}");
    }
}
