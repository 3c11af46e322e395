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
        var outputs = Stacks.plan(stack).outputs();
        assertThat(outputs.path("assetsBucketName").asText())
                .isEqualTo("multiship-" + stack + "-assets-20250101000000000000000001");
        assertThat(outputs.path("assetsDistributionId").asText()).isEqualTo("assets-cdn-distribution-id");
        assertThat(outputs.path("assetsDistributionDomain").asText()).matches("d[0-9a-f]+\\.cloudfront\\.net");
    }
}
