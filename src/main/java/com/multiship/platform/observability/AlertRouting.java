package com.multiship.platform.observability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.amp.AlertManagerDefinition;
import com.pulumi.aws.amp.AlertManagerDefinitionArgs;
import com.pulumi.aws.amp.RuleGroupNamespace;
import com.pulumi.aws.amp.RuleGroupNamespaceArgs;
import com.pulumi.aws.cloudwatch.LogMetricFilter;
import com.pulumi.aws.cloudwatch.LogMetricFilterArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.LogMetricFilterMetricTransformationArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;

/**
 * Alerts as code: the workspace evaluates {@link AlertRules}; where the stack routes notifications, its alert manager
 * sends them to the stack's SNS topic, whose policy admits this workspace (and keeps admitting the account and its
 * CloudWatch alarms, which the topic's default policy did). Database connection failures are counted from the
 * PostgreSQL log, where RDS writes every refused connection, and alarm through CloudWatch like the other database
 * alarms.
 */
public final class AlertRouting extends ComponentResource {
    /** PostgreSQL's messages for a connection it refused: bad credentials or IAM token, no pg_hba entry, no slot left. */
    public static final String CONNECTION_FAILURE_PATTERN = "?\"password authentication failed\" ?\"PAM authentication failed\""
            + " ?\"no pg_hba.conf entry\" ?\"too many clients already\" ?\"remaining connection slots are reserved\"";
    public static final String CONNECTION_FAILURE_METRIC = "DatabaseConnectionFailures";

    public AlertRouting(String name, AlertRoutingArgs args, ComponentResourceOptions options) {
        super("platform:observability:AlertRouting", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();
        new RuleGroupNamespace(name + "-rules", RuleGroupNamespaceArgs.builder()
                .name(args.prefix() + "-alerts")
                .workspaceId(args.workspaceId())
                .data(AlertRules.yaml(args.rules()))
                .build(), child);
        if (args.settings().notifications()) {
            var topicPolicy = new TopicPolicy(name + "-topic-policy", TopicPolicyArgs.builder()
                    .arn(args.topicArn())
                    .policy(Output.tuple(args.topicArn(), args.workspaceArn()).applyValue(t -> topicPolicy(t.t1, t.t2)))
                    .build(), child);
            new AlertManagerDefinition(name + "-alert-manager", AlertManagerDefinitionArgs.builder()
                    .workspaceId(args.workspaceId())
                    .definition(args.topicArn().applyValue(arn -> AlertManagerConfig.definition(arn, args.region(), args.stack())))
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(topicPolicy).build());
        }
        var metricNamespace = "Multiship/" + args.stack();
        var threshold = args.settings().thresholds().databaseConnectionFailures();
        new LogMetricFilter(name + "-db-connection-failures", LogMetricFilterArgs.builder()
                .name(args.prefix() + "-db-connection-failures")
                .logGroupName(args.databaseIdentifier().applyValue(id -> "/aws/rds/instance/" + id + "/postgresql"))
                .pattern(CONNECTION_FAILURE_PATTERN)
                .metricTransformation(LogMetricFilterMetricTransformationArgs.builder()
                        .name(CONNECTION_FAILURE_METRIC).namespace(metricNamespace).value("1").defaultValue("0").build())
                .build(), child);
        new MetricAlarm(name + "-db-connection-failures-alarm", MetricAlarmArgs.builder()
                .name(args.prefix() + "-db-connection-failures")
                .alarmDescription(args.prefix() + ": more than " + threshold + " refused database connections in 5 minutes"
                        + " (authentication, pg_hba or connection slots); runbook: docs/observability.md#databaseconnectionfailures")
                .namespace(metricNamespace)
                .metricName(CONNECTION_FAILURE_METRIC)
                .statistic("Sum")
                .comparisonOperator("GreaterThanThreshold")
                .threshold((double) threshold)
                .period(300)
                .evaluationPeriods(1)
                .treatMissingData("notBreaching")
                .alarmActions(args.topicArn().applyValue(List::of))
                .okActions(args.topicArn().applyValue(List::of))
                .build(), child);
        registerOutputs(Map.of());
    }

    /**
     * The topic's only policy: the owning account (as the default policy allowed), the account's CloudWatch alarms, and
     * this workspace's alert manager, each to publish only.
     */
    static String topicPolicy(String topicArn, String workspaceArn) {
        var arn = topicArn.split(":");
        var partition = arn[1];
        var region = arn[3];
        var account = arn[4];
        var document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17");
        var statements = document.putArray("Statement");
        var owner = statement(statements.addObject(), "AccountOwner", topicArn, List.of("sns:Publish",
                "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
                "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic"));
        owner.putObject("Principal").put("AWS", "arn:" + partition + ":iam::" + account + ":root");
        var alarms = statement(statements.addObject(), "CloudWatchAlarms", topicArn, List.of("sns:Publish"));
        alarms.putObject("Principal").put("Service", "cloudwatch.amazonaws.com");
        var alarmCondition = alarms.putObject("Condition");
        alarmCondition.putObject("ArnLike").put("aws:SourceArn", "arn:" + partition + ":cloudwatch:" + region + ":" + account + ":alarm:*");
        alarmCondition.putObject("StringEquals").put("aws:SourceAccount", account);
        var prometheus = statement(statements.addObject(), "PrometheusAlertManager", topicArn,
                List.of("sns:Publish", "sns:GetTopicAttributes"));
        prometheus.putObject("Principal").put("Service", "aps.amazonaws.com");
        var condition = prometheus.putObject("Condition");
        condition.putObject("ArnEquals").put("aws:SourceArn", workspaceArn);
        condition.putObject("StringEquals").put("aws:SourceAccount", account);
        return document.toString();
    }

    private static ObjectNode statement(ObjectNode statement, String sid, String topicArn, List<String> actions) {
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        var array = statement.putArray("Action");
        actions.forEach(array::add);
        statement.put("Resource", topicArn);
        return statement;
    }
}
