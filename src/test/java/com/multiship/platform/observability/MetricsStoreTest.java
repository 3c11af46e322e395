package com.multiship.platform.observability;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The AMP workspace: own KMS key, logging to CloudWatch, retention, protection in production, outputs. */
class MetricsStoreTest {
    private static final String WORKSPACE = "aws:amp/workspace:Workspace";

    @Test
    void workspaceIsEncryptedWithItsOwnKeyAndLogsToCloudWatch() {
        var plan = Stacks.plan("production");
        var workspace = plan.resource(WORKSPACE, "metrics-workspace");
        assertThat(workspace.input("alias").asText()).isEqualTo("multiship-production-metrics");
        assertThat(workspace.input("kmsKeyArn").asText()).isEqualTo(plan.output("aws:kms/key:Key", "metrics-key", "arn"));
        // The workspace's logging takes the group's ARN with the :* of all its streams.
        assertThat(workspace.input("loggingConfiguration.logGroupArn").asText())
                .isEqualTo(plan.output("aws:cloudwatch/logGroup:LogGroup", "metrics-logs", "arn") + ":*");
        var key = plan.resource("aws:kms/key:Key", "metrics-key");
        assertThat(key.input("enableKeyRotation").asBoolean()).isTrue();
        assertThat(plan.resource("aws:cloudwatch/logGroup:LogGroup", "metrics-logs").input("retentionInDays").asInt())
                .isEqualTo(365);
    }

    @Test
    void statefulPartsAreProtectedInProductionOnly() {
        var production = Stacks.plan("production");
        assertThat(production.resource(WORKSPACE, "metrics-workspace").protect()).isTrue();
        assertThat(production.resource("aws:kms/key:Key", "metrics-key").protect()).isTrue();
        assertThat(production.resource("aws:cloudwatch/logGroup:LogGroup", "metrics-logs").protect()).isTrue();
        assertThat(Stacks.plan("dev").resource(WORKSPACE, "metrics-workspace").protect()).isFalse();
    }

    @Test
    void retentionComesFromTheStackFile() {
        var plan = Stacks.plan("dev", cfg -> cfg.putObject("platform:observability").put("retentionDays", 7));
        assertThat(plan.resource("aws:amp/workspaceConfiguration:WorkspaceConfiguration", "metrics-retention")
                .input("retentionPeriodInDays").asInt()).isEqualTo(7);
    }

    @Test
    void exportsTheEndpointTheGateReads() {
        for (var stack : Stacks.ALL) {
            var outputs = Stacks.plan(stack).outputs();
            assertThat(outputs.path("prometheusEndpoint").asText())
                    .matches("https://aps-workspaces\\.us-(east|west)-\\d\\.amazonaws\\.com/workspaces/ws-[0-9a-f-]+/");
            assertThat(outputs.path("prometheusWorkspaceArn").asText()).startsWith("arn:aws:aps:");
        }
    }
}
