package com.multiship.platform.edge;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The asset bucket of each real stack, by the inputs the engine would receive. */
class AssetBucketTest {
    static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    static final String PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    static final String OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
    static final String ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    static final String VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void isPrivateEncryptedAndVersioned(String stack) {
        var plan = Stacks.plan(stack);
        assertLockedDown(plan, "assets");
        assertThat(plan.resource(VERSIONING, "assets-versioning").input("versioningConfiguration.status").asText())
                .isEqualTo("Enabled");
        assertThat(plan.resource(BUCKET, "assets-bucket").input("bucketPrefix").asText())
                .isEqualTo("multiship-" + stack + "-assets-");
    }

    /** All four public-access switches on, ACLs disabled, SSE-S3: shared by the asset and the log bucket. */
    static void assertLockedDown(Plan plan, String prefix) {
        var block = plan.resource(PUBLIC_ACCESS_BLOCK, prefix + "-public-access-block");
        for (var flag : new String[] {"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"}) {
            assertThat(block.input(flag).asBoolean()).as(flag).isTrue();
        }
        assertThat(block.input("bucket").asText()).isEqualTo(plan.output("aws:s3/bucketV2:BucketV2", prefix + "-bucket", "id"));
        assertThat(plan.resource(OWNERSHIP, prefix + "-ownership").input("rule.objectOwnership").asText())
                .isEqualTo("BucketOwnerEnforced");
        assertThat(plan.resource(ENCRYPTION, prefix + "-encryption")
                .input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm").asText()).isEqualTo("AES256");
        assertThat(plan.resource(BUCKET, prefix + "-bucket").input("acl").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"dev, 7", "staging, 30", "production, 90"})
    void expiresNoncurrentVersionsAfterTheStacksDays(String stack, int days) {
        var plan = Stacks.plan(stack);
        var lifecycle = plan.resource(LIFECYCLE, "assets-lifecycle");
        assertThat(lifecycle.input("rules").size()).isEqualTo(1);
        assertThat(lifecycle.input("rules.0.status").asText()).isEqualTo("Enabled");
        assertThat(lifecycle.input("rules.0.filter.prefix").asText()).isEmpty();
        assertThat(lifecycle.input("rules.0.noncurrentVersionExpiration.noncurrentDays").asInt()).isEqualTo(days);
        assertThat(lifecycle.input("rules.0.expiration.expiredObjectDeleteMarker").asBoolean()).isTrue();
        assertThat(lifecycle.input("rules.0.abortIncompleteMultipartUpload.daysAfterInitiation").asInt()).isEqualTo(7);
        assertThat(lifecycle.dependencies()).contains(plan.resource(VERSIONING, "assets-versioning").urn());
    }

    @ParameterizedTest
    @CsvSource({"dev, false, true", "staging, false, false", "production, true, false"})
    void isProtectedOnlyInProductionAndForceDestroyedOnlyInDev(String stack, boolean protect, boolean forceDestroy) {
        var bucket = Stacks.plan(stack).resource(BUCKET, "assets-bucket");
        assertThat(bucket.protect()).isEqualTo(protect);
        assertThat(bucket.input("forceDestroy").asBoolean()).isEqualTo(forceDestroy);
    }

    @Test
    void livesInTheStacksRegion() {
        var plan = Stacks.plan("dev");
        assertThat(plan.resource(BUCKET, "assets-bucket").provider()).endsWith("::aws-us-east-2");
        assertThat(plan.resource(LIFECYCLE, "assets-lifecycle").provider()).endsWith("::aws-us-east-2");
        assertThat(plan.resource(BUCKET, "assets-bucket").parent()).endsWith("platform:edge:AssetBucket::assets");
    }
}
