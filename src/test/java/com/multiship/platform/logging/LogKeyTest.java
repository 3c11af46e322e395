package com.multiship.platform.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log key and the log groups it encrypts: the control-plane audit log, flow logs, the database's exported logs. */
class LogKeyTest {
    private static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The log groups holding audit data, network records or statement text. */
    private static final List<String> AUDIT_LOG_GROUPS = List.of("cluster-control-plane-logs", "network-flow-logs",
            "database-postgresql-logs", "database-upgrade-logs");

    /** The Prometheus workspace's own log group (rule evaluation errors): not audit data, not encrypted by this key yet. */
    private static final String AMP_LOG_GROUP = "metrics-logs";

    private static PlannedResource key(Plan plan) {
        return plan.resource("aws:kms/key:Key", "log-key");
    }

    @Test
    void everyAuditLogGroupIsEncryptedWithTheLogKey() {
        for (var stack : Stacks.ALL) {
            var plan = Stacks.plan(stack);
            var key = key(plan);
            var region = plan.resources().stream().filter(r -> r.urn().equals(key.provider())).findFirst().orElseThrow()
                    .input("region").asText();
            var groups = plan.ofType(LOG_GROUP).stream().filter(g -> !g.name().equals(AMP_LOG_GROUP)).toList();
            assertThat(groups).extracting(PlannedResource::name).contains("cluster-control-plane-logs",
                    "database-postgresql-logs", "database-upgrade-logs");
            for (var group : groups) {
                var name = group.name();
                // the reference to the key, not a literal: the recorded ARN of that key resource
                assertThat(group.input("kmsKeyId").asText()).as(stack + " " + name)
                        .isEqualTo(key.output("arn").asText()).startsWith("arn:aws:kms:" + region + ":");
                assertThat(group.dependencies()).as(stack + " " + name).contains(key.urn());
            }
        }
    }

    @Test
    void productionProtectsTheAuditLogGroupsAndTheKey() {
        var production = Stacks.plan("production");
        for (var name : AUDIT_LOG_GROUPS) {
            assertThat(production.resource(LOG_GROUP, name).protect()).as(name).isTrue();
        }
        for (var name : List.of("database-replica-postgresql-logs", "database-replica-upgrade-logs")) {
            assertThat(production.resource(LOG_GROUP, name).protect()).as(name).isTrue();
        }
        assertThat(key(production).protect()).isTrue();
        var dev = Stacks.plan("dev");
        assertThat(dev.resource(LOG_GROUP, "database-postgresql-logs").protect()).isFalse();
        assertThat(key(dev).protect()).isFalse();
    }

    @Test
    void keyPolicyAdmitsCloudWatchLogsForThisAccountsLogGroupsInTheRegionOnly() throws Exception {
        var key = key(Stacks.plan("production"));
        assertThat(key.input("enableKeyRotation").asBoolean()).isTrue();
        var statements = JSON.readTree(key.input("policy").asText()).path("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).path("Principal").path("AWS").asText()).isEqualTo("arn:aws:iam::123456789012:root");
        var logs = statements.get(1);
        assertThat(logs.path("Effect").asText()).isEqualTo("Allow");
        assertThat(logs.path("Principal").path("Service").asText()).isEqualTo("logs.us-east-1.amazonaws.com");
        assertThat(logs.path("Action").toString()).isEqualTo("[\"kms:Encrypt*\",\"kms:Decrypt*\",\"kms:ReEncrypt*\","
                + "\"kms:GenerateDataKey*\",\"kms:Describe*\"]");
        assertThat(logs.path("Condition").path("ArnLike").path("kms:EncryptionContext:aws:logs:arn").asText())
                .isEqualTo("arn:aws:logs:us-east-1:123456789012:log-group:*");
        assertThat(Stacks.plan("production").resource("aws:kms/alias:Alias", "log-key-alias").input("name").asText())
                .isEqualTo("alias/multiship-production-logs");
    }
}
