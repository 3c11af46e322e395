package com.multiship.platform.observability;

import com.pulumi.aws.amp.Workspace;
import com.pulumi.aws.amp.WorkspaceArgs;
import com.pulumi.aws.amp.WorkspaceConfiguration;
import com.pulumi.aws.amp.WorkspaceConfigurationArgs;
import com.pulumi.aws.amp.inputs.WorkspaceLoggingConfigurationArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * The stack's managed metrics store: an Amazon Managed Service for Prometheus workspace, encrypted with a key of its
 * own, keeping samples for the stack's retention, and logging its rule evaluation and alert manager errors to
 * CloudWatch Logs (a rule that fails to evaluate, or an alert that cannot be delivered, shows up there).
 *
 * <p>The key cannot be changed on an existing workspace: a new key replaces the workspace and its data. In
 * production the key, the workspace and the log group are protected.
 */
public final class MetricsStore extends ComponentResource {
    private final Output<String> workspaceId;
    private final Output<String> arn;
    private final Output<String> prometheusEndpoint;

    public MetricsStore(String name, MetricsStoreArgs args, ComponentResourceOptions options) {
        super("platform:observability:MetricsStore", name, null, options);
        var prefix = args.prefix();
        var child = CustomResourceOptions.builder().parent(this).build();
        var stateful = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();
        var key = new Key(name + "-key", KeyArgs.builder()
                .description("Prometheus workspace " + prefix + "-metrics")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), stateful);
        new Alias(name + "-key-alias", AliasArgs.builder()
                .name("alias/" + prefix + "-metrics")
                .targetKeyId(key.keyId())
                .build(), child);
        // The /aws/vendedlogs/ prefix keeps the CloudWatch Logs resource policy AMP needs within its size limit.
        var logs = new LogGroup(name + "-logs", LogGroupArgs.builder()
                .name("/aws/vendedlogs/prometheus/" + prefix + "-metrics")
                .retentionInDays(args.logRetentionDays())
                .build(), stateful);
        var workspace = new Workspace(name + "-workspace", WorkspaceArgs.builder()
                .alias(prefix + "-metrics")
                .kmsKeyArn(key.arn())
                .loggingConfiguration(WorkspaceLoggingConfigurationArgs.builder()
                        .logGroupArn(logs.arn().applyValue(arn -> arn + ":*"))
                        .build())
                .build(), stateful);
        new WorkspaceConfiguration(name + "-retention", WorkspaceConfigurationArgs.builder()
                .workspaceId(workspace.id())
                .retentionPeriodInDays(args.retentionDays())
                .build(), child);
        this.workspaceId = workspace.id();
        this.arn = workspace.arn();
        this.prometheusEndpoint = workspace.prometheusEndpoint();
        registerOutputs(Map.of("workspaceId", workspaceId, "arn", arn, "prometheusEndpoint", prometheusEndpoint));
    }

    public Output<String> workspaceId() {
        return workspaceId;
    }

    public Output<String> arn() {
        return arn;
    }

    /** {@code https://aps-workspaces.<region>.amazonaws.com/workspaces/<id>/}: remote write and queries hang off it. */
    public Output<String> prometheusEndpoint() {
        return prometheusEndpoint;
    }
}
