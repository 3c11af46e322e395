package com.multiship.platform.plan;

import com.pulumi.aws.sns.Topic;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in engine refuses two resources with one URN, as the real engine does (and stops the update). */
class DuplicateUrnTest {
    @Test
    void failsOnTwoResourcesWithOneUrn() {
        assertThatThrownBy(() -> PlanRunner.run("platform", "dev", Map.of(), Set.of(), ctx -> {
            new Topic("alerts");
            new Topic("alerts");
        })).hasMessageContaining("Duplicate resource URN 'urn:pulumi:dev::platform::pulumi:pulumi:Stack$aws:sns/topic:Topic::alerts'; "
                + "try giving it a unique name");
    }
}
