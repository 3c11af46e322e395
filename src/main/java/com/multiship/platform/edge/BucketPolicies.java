package com.multiship.platform.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The resource policies of the edge's buckets, as JSON built with Jackson. Pure functions: tested without the engine.
 * Every policy also denies any request that does not use TLS.
 */
final class BucketPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BucketPolicies() {}

    /**
     * Lets exactly one CloudFront distribution read objects, through Origin Access Control: the service principal
     * signs its requests, and {@code AWS:SourceArn} pins them to the distribution, so no other distribution (of any
     * account) can use the bucket as its origin.
     */
    static String readByDistribution(String bucketArn, String distributionArn) {
        var document = document();
        var statements = document.withArray("Statement");
        var read = statement(statements, "CloudFrontReadsAssets", "Allow");
        read.putObject("Principal").put("Service", "cloudfront.amazonaws.com");
        read.put("Action", "s3:GetObject");
        read.put("Resource", bucketArn + "/*");
        read.putObject("Condition").putObject("StringEquals").put("AWS:SourceArn", distributionArn);
        denyInsecureTransport(statements, bucketArn);
        return write(document);
    }

    /**
     * Lets CloudWatch Logs' delivery service write CloudFront access logs (standard logging v2) for this account's
     * log deliveries in {@code sourceRegion}, as the CloudWatch Logs guide ("Logs sent to Amazon S3") prescribes.
     * Declared here rather than left to the service to append, so that the next update does not remove it.
     */
    static String logDelivery(String bucketArn, String accountId, String sourceRegion) {
        var sourceArn = "arn:aws:logs:" + sourceRegion + ":" + accountId + ":*";
        var document = document();
        var statements = document.withArray("Statement");
        var write = statement(statements, "AWSLogDeliveryWrite", "Allow");
        write.putObject("Principal").put("Service", "delivery.logs.amazonaws.com");
        write.put("Action", "s3:PutObject");
        write.put("Resource", bucketArn + "/*");
        var writeCondition = write.putObject("Condition");
        writeCondition.putObject("StringEquals").put("aws:SourceAccount", accountId)
                .put("s3:x-amz-acl", "bucket-owner-full-control");
        writeCondition.putObject("ArnLike").put("aws:SourceArn", sourceArn);
        var check = statement(statements, "AWSLogDeliveryAclCheck", "Allow");
        check.putObject("Principal").put("Service", "delivery.logs.amazonaws.com");
        check.putArray("Action").add("s3:GetBucketAcl").add("s3:ListBucket");
        check.put("Resource", bucketArn);
        var checkCondition = check.putObject("Condition");
        checkCondition.putObject("StringEquals").put("aws:SourceAccount", accountId);
        checkCondition.putObject("ArnLike").put("aws:SourceArn", sourceArn);
        denyInsecureTransport(statements, bucketArn);
        return write(document);
    }

    private static void denyInsecureTransport(ArrayNode statements, String bucketArn) {
        var deny = statement(statements, "DenyInsecureTransport", "Deny");
        deny.put("Principal", "*");
        deny.put("Action", "s3:*");
        deny.putArray("Resource").add(bucketArn).add(bucketArn + "/*");
        deny.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
    }

    private static ObjectNode document() {
        var document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17");
        document.putArray("Statement");
        return document;
    }

    private static ObjectNode statement(ArrayNode statements, String sid, String effect) {
        var statement = statements.addObject();
        statement.put("Sid", sid);
        statement.put("Effect", effect);
        return statement;
    }

    private static String write(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
