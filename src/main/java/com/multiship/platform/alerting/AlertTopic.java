package com.multiship.platform.alerting;

import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The stack's alert topic: every CloudWatch alarm of the platform notifies it, and the stack file's subscribers
 * receive it. Not encrypted with a KMS key on purpose: CloudWatch cannot publish to a topic encrypted with the AWS
 * managed SNS key, and alarm notifications carry metric names and values, not data.
 */
public final class AlertTopic extends ComponentResource {
    private final Output<String> topicArn;

    public AlertTopic(String name, AlertTopicArgs args, ComponentResourceOptions options) {
        super("platform:alerting:AlertTopic", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        var topic = new Topic(name + "-topic", TopicArgs.builder()
                .name(args.topicName())
                .build(), child);
        this.topicArn = topic.arn();
        for (var email : args.emails()) {
            new TopicSubscription(name + "-email-" + email, TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(email)
                    .build(), child);
        }
        registerOutputs(Map.of("topicArn", topicArn));
    }

    /** The topic's ARN, for alarm actions. */
    public Output<String> topicArn() {
        return topicArn;
    }
}
