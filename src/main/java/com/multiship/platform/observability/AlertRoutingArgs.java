package com.multiship.platform.observability;

import com.multiship.platform.config.ObservabilitySettings;
import com.pulumi.core.Output;

/**
 * @param prefix             names the rule namespace, the alarm and the metric namespace, such as {@code multiship-production}
 * @param stack              the stack, in every notification's subject
 * @param region             the workspace's and the topic's region (the alert manager signs with it)
 * @param settings           thresholds and whether alerts are routed to the topic at all
 * @param rules              what the rules are made of
 * @param workspaceId        the workspace that evaluates the rules
 * @param workspaceArn       the workspace, the only alert manager the topic policy admits
 * @param topicArn           the stack's alert topic
 * @param databaseIdentifier the RDS instance whose PostgreSQL log is watched for refused connections
 */
public record AlertRoutingArgs(String prefix, String stack, String region, ObservabilitySettings settings,
                               AlertRules.Input rules, Output<String> workspaceId, Output<String> workspaceArn,
                               Output<String> topicArn, Output<String> databaseIdentifier) {}
