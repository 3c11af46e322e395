package com.multiship.platform.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform:database} and {@code platform:alerts}: environment rules and recovery objectives, by exact message. */
class DatabaseSettingsTest {

    private static Consumer<ObjectNode> database(Consumer<ObjectNode> edit) {
        return cfg -> edit.accept(Stacks.object(cfg, "database"));
    }

    @Test
    void failsProductionRpoWithoutPointInTimeRecovery() {
        var problems = Stacks.problems("production", database(db -> db.put("pointInTimeRecovery", false)
                .put("readReplica", false).put("crossRegionBackupReplication", false)));
        assertThat(problems).contains("platform:database.pointInTimeRecovery must be true in production (it provides the daily"
                + " snapshots), got false (Pulumi.production.yaml)");
    }

    @Test
    void failsStagingRpoWithoutPointInTimeRecoveryByObjective() {
        var problems = Stacks.problems("staging", database(db -> db.put("pointInTimeRecovery", false).put("rpoMinutes", 30)
                .put("recoveryRegion", "us-west-2").put("backupPlan", true).put("crossRegionBackupReplication", false)));
        // In staging the environment rule names the key first; a dev stack shows the objective's own wording.
        assertThat(problems).contains("platform:database.pointInTimeRecovery must be true in staging (it provides the daily"
                + " snapshots), got false (Pulumi.staging.yaml)");
        var dev = Stacks.problems("dev", database(db -> db.put("pointInTimeRecovery", false).put("rpoMinutes", 30)
                .put("recoveryRegion", "us-west-2").put("backupPlan", true)));
        assertThat(dev).containsExactly("platform:database.pointInTimeRecovery must be true to meet rpoMinutes 30 (without it"
                + " the newest copy is the last hourly backup, up to 60 minutes old), got false (Pulumi.dev.yaml)");
    }

    @Test
    void failsRpoWithNoBackupAtAll() {
        var problems = Stacks.problems("dev", database(db -> db.put("pointInTimeRecovery", false).put("rpoMinutes", 240)
                .put("recoveryRegion", "us-west-2")));
        assertThat(problems).containsExactly("platform:database.backupPlan must be true to meet rpoMinutes 240 (with neither it"
                + " nor pointInTimeRecovery there is no backup), got false (Pulumi.dev.yaml)");
    }

    @Test
    void failsProductionWithoutSecondRegionCopy() {
        var problems = Stacks.problems("production", database(db -> {
            db.remove("recoveryRegion");
            db.remove("crossRegionBackupReplication");
        }));
        assertThat(problems).containsExactly("platform:database.recoveryRegion must be a second AWS region to meet rpoMinutes 15"
                + " (without a copy in another region, a regional outage loses the data), got nothing (the key is missing)"
                + " (Pulumi.production.yaml)");
    }

    @Test
    void failsProductionRpoWithHourlyCopiesOnly() {
        var problems = Stacks.problems("production", database(db -> db.put("crossRegionBackupReplication", false)));
        assertThat(problems).containsExactly("platform:database.crossRegionBackupReplication must be true to meet rpoMinutes 15"
                + " in us-west-2 (the copied hourly backups are up to 60 minutes old), got false (Pulumi.production.yaml)");
    }

    @Test
    void failsRecoveryRegionEqualToStackRegion() {
        var problems = Stacks.problems("production", database(db -> db.put("recoveryRegion", "us-east-1")));
        assertThat(problems).containsExactly("platform:database.recoveryRegion must be a region other than aws:region"
                + " (us-east-1): a copy in the same region does not survive its outage, got \"us-east-1\" (Pulumi.production.yaml)");
    }

    @Test
    void failsProductionObjectivesLooserThanRequirements() {
        var problems = Stacks.problems("production", database(db -> db.put("rpoMinutes", 60).put("rtoMinutes", 240)));
        assertThat(problems).containsExactly(
                "platform:database.rpoMinutes must be at most 15 in production (the requirements' recovery point objective),"
                        + " got 60 (Pulumi.production.yaml)",
                "platform:database.rtoMinutes must be at most 60 in production (the requirements' recovery time objective),"
                        + " got 240 (Pulumi.production.yaml)");
    }

    @Test
    void failsProductionWithoutObjectives() {
        var problems = Stacks.problems("production", database(db -> {
            db.remove("rpoMinutes");
            db.remove("rtoMinutes");
        }));
        assertThat(problems).containsExactly(
                "platform:database.rpoMinutes must be at most 15 in production (the requirements' recovery point objective),"
                        + " got nothing (the key is missing) (Pulumi.production.yaml)",
                "platform:database.rtoMinutes must be at most 60 in production (the requirements' recovery time objective),"
                        + " got nothing (the key is missing) (Pulumi.production.yaml)");
    }

    @Test
    void failsRpoTighterThanTransactionLogShipping() {
        var problems = Stacks.problems("production", database(db -> db.put("rpoMinutes", 1)));
        assertThat(problems).containsExactly("platform:database.rpoMinutes must be a whole number from 5 to 10080, got 1"
                + " (Pulumi.production.yaml)");
    }

    @Test
    void failsRtoWithoutStandby() {
        var problems = Stacks.problems("production", database(db -> db.put("multiAz", false)));
        assertThat(problems).containsExactly("platform:database.multiAz must be true to meet rtoMinutes 60 (without a standby a"
                + " zone failure means a restore, planned at 120 minutes), got false (Pulumi.production.yaml)");
    }

    @Test
    void failsRtoWithoutRestoreTesting() {
        var problems = Stacks.problems("production", database(db -> db.put("restoreTesting", false)));
        assertThat(problems).containsExactly("platform:database.restoreTesting must be true to meet rtoMinutes 60 (a restore"
                + " that was never tested has no known duration), got false (Pulumi.production.yaml)");
    }

    @Test
    void failsRtoWithoutRecoveryRegion() {
        var problems = Stacks.problems("staging", database(db -> db.put("rtoMinutes", 240).put("backupPlan", true)
                .put("restoreTesting", true)));
        assertThat(problems).containsExactly("platform:database.recoveryRegion must be a second AWS region to meet rtoMinutes 240"
                + " (a regional outage is otherwise unrecoverable), got nothing (the key is missing) (Pulumi.staging.yaml)");
    }

    @Test
    void failsProductionProtectionsOff() {
        var problems = Stacks.problems("production", database(db -> db.put("deletionProtection", false)
                .put("backupRetentionDays", 7).put("finalSnapshot", false).put("instanceClass", "db.t4g.large")));
        assertThat(problems).containsExactly(
                "platform:database.finalSnapshot must be true in production (deleting the instance must leave a snapshot),"
                        + " got false (Pulumi.production.yaml)",
                "platform:database.backupRetentionDays must be from 30 to 35 in production (long point-in-time recovery),"
                        + " got 7 (Pulumi.production.yaml)",
                "platform:database.deletionProtection must be true in production, got false (Pulumi.production.yaml)",
                "platform:database.instanceClass must be a non-burstable class in production, such as db.r6g.large (burstable"
                        + " CPU credits run out under load), got \"db.t4g.large\" (Pulumi.production.yaml)");
    }

    @Test
    void failsProductionWithoutBackupPlan() {
        var problems = Stacks.problems("production", database(db -> db.put("backupPlan", false)));
        assertThat(problems).contains("platform:database.backupPlan must be true in production (hourly backups kept 30 days"
                + " and daily kept 90 days), got false (Pulumi.production.yaml)");
    }

    @Test
    void failsStagingShortRetentionAndNoMonitoring() {
        var problems = Stacks.problems("staging", database(db -> db.put("backupRetentionDays", 3)
                .put("performanceInsights", false).put("monitoringIntervalSeconds", 0)));
        assertThat(problems).containsExactly(
                "platform:database.backupRetentionDays must be from 7 to 35 in staging, got 3 (Pulumi.staging.yaml)",
                "platform:database.performanceInsights must be true in staging (full monitoring), got false (Pulumi.staging.yaml)",
                "platform:database.monitoringIntervalSeconds must be one of 1, 5, 10, 15, 30, 60 in staging (full monitoring"
                        + " needs enhanced monitoring), got 0 (Pulumi.staging.yaml)");
    }

    @Test
    void failsInconsistentFlags() {
        var problems = Stacks.problems("dev", database(db -> db.put("pointInTimeRecovery", false).put("readReplica", true)
                .put("restoreTesting", true).put("crossRegionBackupReplication", true)));
        assertThat(problems).containsExactly(
                "platform:database.readReplica must be false when pointInTimeRecovery is false (RDS needs automated backups on"
                        + " a replica's source), got true (Pulumi.dev.yaml)",
                "platform:database.restoreTesting must be false when backupPlan is false (restore tests restore AWS Backup"
                        + " snapshots), got true (Pulumi.dev.yaml)",
                "platform:database.crossRegionBackupReplication must be false without a recoveryRegion and pointInTimeRecovery"
                        + " (it replicates the automated backups there), got true (Pulumi.dev.yaml)");
    }

    @Test
    void failsEngineVersionWrittenAsNumberAndUnknownKey() {
        var problems = Stacks.problems("dev", database(db -> db.put("engineVersion", 16.4).put("multiAZ", true)));
        assertThat(problems).contains(
                "platform:database.engineVersion must be a PostgreSQL major version RDS offers, written as a string such as"
                        + " \"17\" (RDS applies the minor versions; a pinned minor would be downgraded at the next update),"
                        + " got 16.4 (Pulumi.dev.yaml)");
        assertThat(problems).anyMatch(p -> p.startsWith("platform:database.multiAZ is not a known setting") && p.contains("did you mean multiAz?"));
    }

    @Test
    void failsProductionWithoutAlertSubscribers() {
        var problems = Stacks.problems("production", cfg -> cfg.remove("platform:alerts"));
        assertThat(problems).containsExactly("platform:alerts.emails must be at least one e-mail address in production (alarms"
                + " must reach someone), got [] (Pulumi.production.yaml)");
    }

    @Test
    void failsBadEmail() {
        var problems = Stacks.problems("staging", cfg -> ((ObjectNode) cfg.get("platform:alerts")).putArray("emails").add("oncall"));
        assertThat(problems).containsExactly("platform:alerts.emails[0] must be an e-mail address such as oncall@multiship.com,"
                + " got \"oncall\" (Pulumi.staging.yaml)");
    }

    @Test
    void failsRestoreTimeWithoutSource() {
        var problems = Stacks.problems("dev", database(db -> db.put("restoreTime", "2025-03-01T10:15:00Z")));
        assertThat(problems).containsExactly("platform:database.restoreTime must be set only together with"
                + " restoreFromAutomatedBackupsArn, got \"2025-03-01T10:15:00Z\" (Pulumi.dev.yaml)");
    }

    @Test
    void derivesTheParameterGroupFamilyFromTheMajorVersion() {
        var settings = new DatabaseSettings("17", java.util.Optional.empty(), "db.r6g.large", 20, "multiship", 200, 500, true, true, true, true, 35,
                true, java.util.Optional.empty(), false, false, false, true, 60, 7, 365, java.util.OptionalInt.empty(),
                java.util.OptionalInt.empty(), 70, 10, 80, 60, java.util.Optional.empty(), java.util.Optional.empty(),
                new BackupVaultSettings(BackupVaultSettings.LockMode.GOVERNANCE, java.util.OptionalInt.empty(),
                        java.util.Optional.empty(), java.util.Optional.empty()));
        assertThat(settings.parameterGroupFamily()).isEqualTo("postgres17");
        assertThat(settings.effectiveRetentionDays()).isEqualTo(35);
    }

    @Test
    void keepsPostgresLogsForItsOwnRetentionNotTheClusters() {
        var plan = Stacks.plan("production", c -> Stacks.object(c, "cluster").put("logRetentionDays", 731));
        assertThat(plan.resource("aws:cloudwatch/logGroup:LogGroup", "database-postgresql-logs").input("retentionInDays").asInt())
                .isEqualTo(365);
        assertThat(Stacks.plan("dev").resource("aws:cloudwatch/logGroup:LogGroup", "database-postgresql-logs")
                .input("retentionInDays").asInt()).isEqualTo(30);
    }

    @Test
    void failsOnALogRetentionCloudWatchDoesNotAccept() {
        assertThat(Stacks.problems("staging", database(db -> db.put("logRetentionDays", 45)))).containsExactly(
                "platform:database.logRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 45 (Pulumi.staging.yaml)");
    }

    private static Consumer<ObjectNode> backupVault(Consumer<ObjectNode> edit) {
        return cfg -> {
            var database = Stacks.object(cfg, "database");
            var vault = database.has("backupVault") ? (ObjectNode) database.get("backupVault") : database.putObject("backupVault");
            edit.accept(vault);
        };
    }

    @Test
    void failsAReplicaLagAlarmThatAQuietNightWouldTrip() {
        var problems = Stacks.problems("production", database(db -> db.put("replicaLagAlarmSeconds", 0.1)));
        assertThat(problems).containsExactly("platform:database.replicaLagAlarmSeconds must be a number from 10 to 3600,"
                + " got 0.1 (Pulumi.production.yaml)");
    }

    @Test
    void failsAGovernanceVaultLockInProduction() {
        var problems = Stacks.problems("production", backupVault(vault -> vault.put("lockMode", "governance").remove("lockGraceDays")));
        assertThat(problems).containsExactly("platform:database.backupVault.lockMode must be compliance in production (a"
                + " governance lock can be removed by anyone allowed backup:DeleteBackupVaultLockConfiguration, and the"
                + " recovery points deleted after it), got \"governance\" (Pulumi.production.yaml)");
    }

    @Test
    void failsAGracePeriodOnAGovernanceLock() {
        var problems = Stacks.problems("staging", cfg -> {
            Stacks.object(cfg, "database").put("backupPlan", true);
            backupVault(vault -> vault.put("lockMode", "governance").put("lockGraceDays", 7)).accept(cfg);
        });
        assertThat(problems).containsExactly("platform:database.backupVault.lockGraceDays must be set only with lockMode"
                + " compliance (a governance lock has no grace period), got 7 (Pulumi.staging.yaml)");
    }

    @Test
    void failsAGracePeriodShorterThanAwsAccepts() {
        var problems = Stacks.problems("production", backupVault(vault -> vault.put("lockGraceDays", 1)));
        assertThat(problems).containsExactly("platform:database.backupVault.lockGraceDays must be a whole number from 3"
                + " to 365, got 1 (Pulumi.production.yaml)");
    }

    @Test
    void failsAnUnknownLockModeAndMalformedArns() {
        var problems = Stacks.problems("production", backupVault(vault -> vault.put("lockMode", "strict")
                .put("breakGlassRoleArn", "break-glass").put("copyVaultArn", "arn:aws:s3:::backups")));
        assertThat(problems).containsExactly(
                "platform:database.backupVault.lockMode must be one of governance, compliance, got \"strict\" (Pulumi.production.yaml)",
                "platform:database.backupVault.breakGlassRoleArn must be an IAM role ARN such as"
                        + " arn:aws:iam::123456789012:role/break-glass, got \"break-glass\" (Pulumi.production.yaml)",
                "platform:database.backupVault.copyVaultArn must be a backup vault ARN such as"
                        + " arn:aws:backup:us-east-1:210987654321:backup-vault:multiship-production, got \"arn:aws:s3:::backups\""
                        + " (Pulumi.production.yaml)");
    }

    @Test
    void failsVaultSettingsWithoutABackupPlan() {
        var problems = Stacks.problems("staging", backupVault(vault -> vault.put("lockMode", "governance")));
        assertThat(problems).containsExactly("platform:database.backupVault must be set only when backupPlan is true (there"
                + " is no vault without it), got {\"lockMode\":\"governance\"} (Pulumi.staging.yaml)");
    }
}
