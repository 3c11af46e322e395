package com.multiship.platform.database;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** AWS Backup, cross-region copies and replication, restore tests: production's recovery. */
class RecoveryTest {
    private static final String PRIMARY = "urn:pulumi:production::platform::pulumi:pulumi:Stack$pulumi:providers:aws::aws-us-east-1";
    private static final String RECOVERY = "urn:pulumi:production::platform::pulumi:pulumi:Stack$pulumi:providers:aws::aws-us-west-2";
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
        for (var name : new String[] {"database-recovery-recovery-key", "database-recovery-recovery-vault",
                "database-recovery-pitr-replication"}) {
            var resource = production.resources().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
            assertThat(resource.provider()).as(name).isEqualTo(RECOVERY);
        }
        assertThat(production.resource("aws:backup/vault:Vault", "database-recovery-vault").provider()).isEqualTo(PRIMARY);
        assertThat(production.resources().stream().filter(r -> RECOVERY.equals(r.provider())).map(r -> r.name()))
                .containsExactlyInAnyOrder("database-recovery-recovery-key", "database-recovery-recovery-vault",
                        "database-recovery-pitr-replication");
    }

    @Test
    void backupPlanTakesHourlyAndDailySnapshotsCopiedToTheRecoveryVault() {
        var rules = production.resource("aws:backup/plan:Plan", "database-recovery-plan").input("rules");
        assertThat(rules).hasSize(2);
        var hourly = rules.get(0);
        assertThat(hourly.path("schedule").asText()).isEqualTo("cron(0 * ? * * *)");
        assertThat(hourly.path("lifecycle").path("deleteAfter").asInt()).isEqualTo(30);
        assertThat(hourly.path("enableContinuousBackup").asBoolean()).isFalse();
        assertThat(hourly.path("copyActions").get(0).path("destinationVaultArn").asText())
                .isEqualTo(production.output("aws:backup/vault:Vault", "database-recovery-recovery-vault", "arn"))
                .startsWith("arn:aws:backup:us-west-2:");
        assertThat(hourly.path("copyActions").get(0).path("lifecycle").path("deleteAfter").asInt()).isEqualTo(30);
        var daily = rules.get(1);
        assertThat(daily.path("lifecycle").path("deleteAfter").asInt()).isEqualTo(90);
        assertThat(daily.path("enableContinuousBackup").asBoolean()).isFalse();
        assertThat(daily.path("copyActions").get(0).path("lifecycle").path("deleteAfter").asInt()).isEqualTo(90);
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
