package com.multiship.platform.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS Backup, cross-region copies and replication, restore tests: production's recovery. */
class RecoveryTest {
    private static final String PRIMARY = "urn:pulumi:production::platform::pulumi:pulumi:Stack$pulumi:providers:aws::aws-us-east-1";
    private static final String RECOVERY = "urn:pulumi:production::platform::pulumi:pulumi:Stack$pulumi:providers:aws::aws-us-west-2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Plan production;

    @BeforeAll
    static void plan() {
        production = Stacks.plan("production");
    }

    @Test
    void recoveryRegionHasItsOwnProvider() {
        var provider = production.resource("pulumi:providers:aws", "aws-us-west-2");
        assertThat(provider.input("region").asText()).isEqualTo("us-west-2");
        // Provider inputs travel as JSON text; the recovery region carries the same cost and ownership tags.
        assertThat(provider.input("defaultTags").asText()).contains("\"Stack\":\"production\"");
    }

    @Test
    void everythingInTheRecoveryRegionUsesItsProvider() {
        var inRecoveryRegion = new String[] {"database-recovery-recovery-key", "database-recovery-recovery-vault",
                "database-recovery-pitr-replication", "database-recovery-recovery-vault-lock", "database-recovery-recovery-vault-policy"};
        for (var name : inRecoveryRegion) {
            var resource = production.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertThat(resource.provider()).as(name).isEqualTo(RECOVERY);
        }
        assertThat(production.resource("aws:backup/vault:Vault", "database-recovery-vault").provider()).isEqualTo(PRIMARY);
        assertThat(production.resources().stream().filter(r -> RECOVERY.equals(r.provider())).map(r -> r.name()))
                .containsExactlyInAnyOrder(inRecoveryRegion);
    }

    @Test
    void backupPlanTakesHourlyAndDailySnapshotsCopiedToTheRecoveryVault() {
        var rules = production.resource("aws:backup/plan:Plan", "database-recovery-plan").input("rules");
        assertThat(rules).hasSize(3);
        for (var hourly : List.of(rules.get(0), rules.get(1))) {
            assertThat(hourly.path("lifecycle").path("deleteAfter").asInt()).isEqualTo(30);
            assertThat(hourly.path("enableContinuousBackup").asBoolean()).isFalse();
            assertThat(hourly.path("copyActions")).hasSize(1);
            assertThat(hourly.path("copyActions").get(0).path("destinationVaultArn").asText())
                    .isEqualTo(production.output("aws:backup/vault:Vault", "database-recovery-recovery-vault", "arn"))
                    .startsWith("arn:aws:backup:us-west-2:");
            assertThat(hourly.path("copyActions").get(0).path("lifecycle").path("deleteAfter").asInt()).isEqualTo(30);
        }
        // Every hour of the week except those next to the windows (checked minute by minute below).
        assertThat(hourlyStarts(rules.get(0)) + hourlyStarts(rules.get(1))).isEqualTo(7 * 24 - 6 * 3 - 5);
        var daily = rules.get(2);
        assertThat(daily.path("lifecycle").path("deleteAfter").asInt()).isEqualTo(90);
        assertThat(daily.path("enableContinuousBackup").asBoolean()).isFalse();
        assertThat(daily.path("copyActions").get(0).path("lifecycle").path("deleteAfter").asInt()).isEqualTo(90);
    }

    /** How many hours of the week a rule starts a job in. */
    private static int hourlyStarts(JsonNode rule) {
        var cron = AwsCron.parse(rule.path("schedule").asText());
        int starts = 0;
        for (int minute = 0; minute < AwsCron.MINUTES_PER_WEEK; minute++) {
            starts += cron.matches(minute) ? 1 : 0;
        }
        return starts;
    }

    @Test
    void noBackupJobCanStartInTheHourBeforeOrDuringTheMaintenanceOrAutomatedBackupWindow() {
        var instance = production.resource("aws:rds/instance:Instance", "database-instance");
        // Both windows as the instance declares them: moving a window without moving the schedules fails here.
        var blocked = AwsCron.blockedMinutes(instance.input("maintenanceWindow").asText(), instance.input("backupWindow").asText());
        for (var rule : production.resource("aws:backup/plan:Plan", "database-recovery-plan").input("rules")) {
            var cron = AwsCron.parse(rule.path("schedule").asText());
            int startWindow = rule.path("startWindow").asInt();
            assertThat(startWindow).as(rule.path("ruleName").asText()).isPositive();
            for (int minute = 0; minute < AwsCron.MINUTES_PER_WEEK; minute++) {
                if (!cron.matches(minute)) {
                    continue;
                }
                for (int late = 0; late < startWindow; late++) {
                    assertThat(blocked.get((minute + late) % AwsCron.MINUTES_PER_WEEK))
                            .as("rule %s scheduled at %s may start at %s, which AWS Backup refuses",
                                    rule.path("ruleName").asText(), AwsCron.describe(minute), AwsCron.describe(minute + late))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void theWindowCheckRefusesAnAroundTheClockHourlySchedule() {
        var blocked = AwsCron.blockedMinutes("sun:07:00-sun:09:00", "05:00-06:30");
        var everyHour = AwsCron.parse("cron(0 * ? * * *)");
        int refused = 0;
        for (int minute = 0; minute < AwsCron.MINUTES_PER_WEEK; minute++) {
            refused += everyHour.matches(minute) && blocked.get(minute) ? 1 : 0;
        }
        // 04:00, 05:00, 06:00 every day, and Sunday 07:00 and 08:00
        assertThat(refused).isEqualTo(7 * 3 + 2);
        assertThat(AwsCron.describe(6 * 24 * 60 + 7 * 60)).isEqualTo("Sun 07:00 UTC");
    }

    @Test
    void bothVaultsAreLockedInComplianceModeForThePlansRetention() {
        for (var vault : List.of("database-recovery-vault", "database-recovery-recovery-vault")) {
            var lock = production.resource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", vault + "-lock");
            assertThat(lock.input("backupVaultName").asText())
                    .isEqualTo(production.resource("aws:backup/vault:Vault", vault).input("name").asText());
            assertThat(lock.dependencies()).contains(production.resource("aws:backup/vault:Vault", vault).urn());
            assertThat(lock.input("minRetentionDays").asInt()).isEqualTo(30);
            assertThat(lock.input("maxRetentionDays").asInt()).isEqualTo(90);
            // compliance mode with a week's grace: after it, the lock can be neither changed nor removed
            assertThat(lock.input("changeableForDays").asInt()).isEqualTo(7);
            assertThat(lock.protect()).isTrue();
            // every argument forces a replacement; created first, the new lock would be deleted with the old one
            assertThat(lock.deleteBeforeReplace()).isTrue();
        }
    }

    @Test
    void aGovernanceLockHasNoGracePeriod() {
        var plan = Stacks.plan("staging", cfg -> Stacks.object(cfg, "database").put("backupPlan", true));
        var lock = plan.resource("aws:backup/vaultLockConfiguration:VaultLockConfiguration", "database-recovery-vault-lock");
        assertThat(lock.input("changeableForDays").isMissingNode()).isTrue();
        assertThat(lock.input("minRetentionDays").asInt()).isEqualTo(30);
    }

    @Test
    void vaultPoliciesDenyDeletingRecoveryPointsToEveryoneButTheBreakGlassRole() throws Exception {
        for (var vault : List.of("database-recovery-vault", "database-recovery-recovery-vault")) {
            var policy = production.resource("aws:backup/vaultPolicy:VaultPolicy", vault + "-policy");
            assertThat(policy.input("backupVaultName").asText())
                    .isEqualTo(production.resource("aws:backup/vault:Vault", vault).input("name").asText());
            var statement = JSON.readTree(policy.input("policy").asText()).path("Statement").get(0);
            assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
            assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo("*");
            assertThat(statement.path("Action").toString())
                    .isEqualTo("[\"backup:DeleteRecoveryPoint\",\"backup:UpdateRecoveryPointLifecycle\"]");
            assertThat(statement.path("Condition").path("ArnNotEquals").path("aws:PrincipalArn").asText())
                    .isEqualTo("arn:aws:iam::777788889999:role/break-glass");
            assertThat(policy.protect()).isTrue();
        }
        var nobody = Stacks.plan("production", cfg -> ((com.fasterxml.jackson.databind.node.ObjectNode) Stacks.object(cfg, "database")
                .get("backupVault")).remove("breakGlassRoleArn"));
        var statement = JSON.readTree(nobody.resource("aws:backup/vaultPolicy:VaultPolicy", "database-recovery-vault-policy")
                .input("policy").asText()).path("Statement").get(0);
        assertThat(statement.has("Condition")).isFalse();
    }

    @Test
    void copiesEveryBackupToTheBackupAccountWhenTheStackFileNamesItsVault() {
        var copyVault = "arn:aws:backup:us-east-1:210987654321:backup-vault:multiship-production";
        var plan = Stacks.plan("production", cfg -> ((com.fasterxml.jackson.databind.node.ObjectNode) Stacks.object(cfg, "database")
                .get("backupVault")).put("copyVaultArn", copyVault));
        var rules = plan.resource("aws:backup/plan:Plan", "database-recovery-plan").input("rules");
        for (var rule : rules) {
            assertThat(rule.path("copyActions")).hasSize(2);
            var copy = rule.path("copyActions").get(1);
            assertThat(copy.path("destinationVaultArn").asText()).isEqualTo(copyVault);
            assertThat(copy.path("lifecycle").path("deleteAfter").asInt()).isEqualTo(rule.path("lifecycle").path("deleteAfter").asInt());
        }
    }

    @Test
    void replicationOfAutomatedBackupsIsProtectedAndStoppedBeforeItIsReplaced() {
        var replication = production.resource(
                "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "database-recovery-pitr-replication");
        assertThat(replication.protect()).isTrue();
        assertThat(replication.deleteBeforeReplace()).isTrue();
    }

    @Test
    void selectsTheDatabaseByArnWithTheBackupRole() {
        var selection = production.resource("aws:backup/selection:Selection", "database-recovery-selection");
        assertThat(selection.input("resources").get(0).asText())
                .isEqualTo(production.output("aws:rds/instance:Instance", "database-instance", "arn"));
        assertThat(selection.input("iamRoleArn").asText())
                .isEqualTo(production.output("aws:iam/role:Role", "database-recovery-backup-role", "arn"));
    }

    @Test
    void replicatesAutomatedBackupsToTheRecoveryRegionWithItsKey() {
        var replication = production.resource(
                "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "database-recovery-pitr-replication");
        assertThat(replication.input("sourceDbInstanceArn").asText())
                .isEqualTo(production.output("aws:rds/instance:Instance", "database-instance", "arn"));
        assertThat(replication.input("kmsKeyId").asText()).startsWith("arn:aws:kms:us-west-2:");
        assertThat(replication.input("retentionPeriod").asInt()).isEqualTo(35);
    }

    @Test
    void testsARestoreMonthlyInsideThePlatformNetwork() {
        var plan = production.resource("aws:backup/restoreTestingPlan:RestoreTestingPlan", "database-recovery-restore-test");
        assertThat(plan.input("scheduleExpression").asText()).isEqualTo("cron(0 12 1 * ? *)");
        assertThat(plan.input("recoveryPointSelection.recoveryPointTypes").get(0).asText()).isEqualTo("SNAPSHOT");
        var selection = production.resource("aws:backup/restoreTestingSelection:RestoreTestingSelection",
                "database-recovery-restore-test-selection");
        assertThat(selection.input("protectedResourceType").asText()).isEqualTo("RDS");
        assertThat(selection.input("restoreMetadataOverrides.dbSubnetGroupName").asText()).isEqualTo("multiship-production");
    }

    @Test
    void productionKeysAndVaultsAreProtectedEachOnItsOwn() {
        for (var name : new String[] {"database-recovery-vault-key", "database-recovery-recovery-key"}) {
            assertThat(production.resource("aws:kms/key:Key", name).protect()).as(name).isTrue();
        }
        for (var name : new String[] {"database-recovery-vault", "database-recovery-recovery-vault"}) {
            assertThat(production.resource("aws:backup/vault:Vault", name).protect()).as(name).isTrue();
        }
    }
}
