package com.multiship.platform.alerting;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTopicTest {
    @Test
    void subscribersComeFromTheStackFile() {
        var plan = Stacks.plan("production");
        assertThat(plan.resource("aws:sns/topic:Topic", "alerts-topic").input("name").asText()).isEqualTo("multiship-production-alerts");
        var subscriptions = plan.ofType("aws:sns/topicSubscription:TopicSubscription");
        assertThat(subscriptions).extracting(s -> s.input("endpoint").asText())
                .containsExactlyInAnyOrder("oncall@multiship.com", "platform-engineering@multiship.com");
        subscriptions.forEach(s -> assertThat(s.input("protocol").asText()).isEqualTo("email"));
    }

    @Test
    void devHasATopicWithoutSubscribers() {
        var plan = Stacks.plan("dev");
        assertThat(plan.ofType("aws:sns/topic:Topic")).hasSize(1);
        assertThat(plan.ofType("aws:sns/topicSubscription:TopicSubscription")).isEmpty();
    }
}
