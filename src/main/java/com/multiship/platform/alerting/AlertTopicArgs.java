package com.multiship.platform.alerting;

import java.util.List;

/**
 * @param topicName the SNS topic's name, such as {@code multiship-production-alerts}
 * @param emails    e-mail subscribers; each confirms its subscription from the mail SNS sends
 */
public record AlertTopicArgs(String topicName, List<String> emails) {}
