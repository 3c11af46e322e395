package com.multiship.platform.edge;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The stack outputs CI reads to upload assets and invalidate the cache. */
class EdgeOutputsTest {
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void exportsTheBucketAndTheDistribution(String stack) {
        var plan = Stacks.plan(stack);
        var outputs = plan.outputs();
        assertThat(outputs.path("assetsBucketName").asText()).startsWith("multiship-" + stack + "-assets-")
                .isEqualTo(plan.output("aws:s3/bucketV2:BucketV2", "assets-bucket", "bucket"));
        assertThat(outputs.path("assetsDistributionId").asText())
                .isEqualTo(plan.output("aws:cloudfront/distribution:Distribution", "assets-cdn-distribution", "id"));
        assertThat(outputs.path("assetsDistributionDomain").asText())
                .isEqualTo(plan.output("aws:cloudfront/distribution:Distribution", "assets-cdn-distribution", "domainName"));
    }
}
