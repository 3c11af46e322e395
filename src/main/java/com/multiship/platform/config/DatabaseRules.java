package com.multiship.platform.config;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The rules a database configuration must follow: what each environment requires, and what the stated recovery
 * objectives need. A key is reported once, by the first rule it breaks, so that each message says one thing to fix.
 *
 * <p>Why the objectives need what they need (figures from AWS's documentation):
 * <ul>
 *   <li>RDS ships transaction logs every 5 minutes, so point-in-time recovery restores to within about 5 minutes;
 *       without it the newest copy is the last hourly AWS Backup snapshot (or, with neither, nothing);</li>
 *   <li>a region outage leaves only what was copied to another region: the hourly copies are up to an hour old, the
 *       replicated automated backups keep point-in-time recovery there;</li>
 *   <li>a Multi-AZ standby takes over in one to two minutes; without it a zone failure means a restore, planned here
 *       at {@value #RESTORE_PLANNING_MINUTES} minutes;</li>
 *   <li>a restore whose duration was never measured cannot be promised within an RTO: restores are tested monthly.</li>
 * </ul>
 */
final class DatabaseRules {
    /** Point-in-time recovery restores to within this many minutes (transaction logs are shipped every 5 minutes). */
    static final int PITR_RPO_MINUTES = 5;
    /** The newest AWS Backup snapshot is at most this old. */
    static final int HOURLY_BACKUP_RPO_MINUTES = 60;
    /** What a restore into a new instance, plus pointing the services at it, is planned to take. */
    static final int RESTORE_PLANNING_MINUTES = 120;
    /** The requirements' production objectives. */
    static final int PRODUCTION_RPO_MINUTES = 15;
    static final int PRODUCTION_RTO_MINUTES = 60;

    private final SettingsNode node;
    private final Environment environment;
    private final String region;
    private final Set<String> reported = new HashSet<>();

    DatabaseRules(SettingsNode node, Environment environment, String region) {
        this.node = node;
        this.environment = environment;
        this.region = region;
    }

    void check(DatabaseSettings db) {
        environmentRules(db);
        consistency(db);
        var rpo = db.rpoMinutes().isPresent() || !environment.isProduction() ? db.rpoMinutes() : OptionalInt.of(PRODUCTION_RPO_MINUTES);
        var rto = db.rtoMinutes().isPresent() || !environment.isProduction() ? db.rtoMinutes() : OptionalInt.of(PRODUCTION_RTO_MINUTES);
        rpo.ifPresent(minutes -> recoveryPoint(db, minutes));
        rto.ifPresent(minutes -> recoveryTime(db, minutes));
    }

    private void environmentRules(DatabaseSettings db) {
        var env = environment.id();
        if (environment == Environment.DEV) {
            return;
        }
        if (!db.pointInTimeRecovery()) {
            fail("pointInTimeRecovery", false, "true in " + env + " (it provides the daily snapshots)");
        }
        if (db.backupRetentionDays() < 7) {
            fail("backupRetentionDays", db.backupRetentionDays(), "from 7 to 35 in " + env);
        }
        if (!db.finalSnapshot()) {
            fail("finalSnapshot", false, "true in " + env + " (deleting the instance must leave a snapshot)");
        }
        if (!db.performanceInsights()) {
            fail("performanceInsights", false, "true in " + env + " (full monitoring)");
        }
        if (db.monitoringIntervalSeconds() == 0) {
            fail("monitoringIntervalSeconds", 0, "one of 1, 5, 10, 15, 30, 60 in " + env + " (full monitoring needs enhanced monitoring)");
        }
        if (!environment.isProduction()) {
            return;
        }
        if (db.rpoMinutes().isEmpty() && !node.has("rpoMinutes")) {
            fail("rpoMinutes", "nothing (the key is missing)", "at most " + PRODUCTION_RPO_MINUTES + " in production (the requirements' recovery point objective)");
        } else if (db.rpoMinutes().orElse(0) > PRODUCTION_RPO_MINUTES) {
            fail("rpoMinutes", db.rpoMinutes().getAsInt(), "at most " + PRODUCTION_RPO_MINUTES + " in production (the requirements' recovery point objective)");
        }
        if (db.rtoMinutes().isEmpty() && !node.has("rtoMinutes")) {
            fail("rtoMinutes", "nothing (the key is missing)", "at most " + PRODUCTION_RTO_MINUTES + " in production (the requirements' recovery time objective)");
        } else if (db.rtoMinutes().orElse(0) > PRODUCTION_RTO_MINUTES) {
            fail("rtoMinutes", db.rtoMinutes().getAsInt(), "at most " + PRODUCTION_RTO_MINUTES + " in production (the requirements' recovery time objective)");
        }
        if (db.pointInTimeRecovery() && db.backupRetentionDays() < 30) {
            fail("backupRetentionDays", db.backupRetentionDays(), "from 30 to 35 in production (long point-in-time recovery)");
        }
        if (!db.deletionProtection()) {
            fail("deletionProtection", false, "true in production");
        }
        if (!db.backupPlan()) {
            fail("backupPlan", false, "true in production (hourly backups kept 30 days and daily kept 90 days)");
        }
        if (db.instanceClass().startsWith("db.t")) {
            fail("instanceClass", db.instanceClass(), "a non-burstable class in production, such as db.r6g.large (burstable CPU credits run out under load)");
        }
    }

    private void consistency(DatabaseSettings db) {
        db.recoveryRegion().filter(region::equals).ifPresent(same ->
                fail("recoveryRegion", same, "a region other than aws:region (" + region + "): a copy in the same region does not survive its outage"));
        if (db.readReplica() && !db.pointInTimeRecovery()) {
            fail("readReplica", true, "false when pointInTimeRecovery is false (RDS needs automated backups on a replica's source)");
        }
        if (db.restoreTesting() && !db.backupPlan()) {
            fail("restoreTesting", true, "false when backupPlan is false (restore tests restore AWS Backup snapshots)");
        }
        if (db.crossRegionBackupReplication() && (db.recoveryRegion().isEmpty() || !db.pointInTimeRecovery())) {
            fail("crossRegionBackupReplication", true, "false without a recoveryRegion and pointInTimeRecovery (it replicates the automated backups there)");
        }
    }

    private void recoveryPoint(DatabaseSettings db, int rpo) {
        if (rpo < HOURLY_BACKUP_RPO_MINUTES && !db.pointInTimeRecovery()) {
            fail("pointInTimeRecovery", false, "true to meet rpoMinutes " + rpo
                    + " (without it the newest copy is the last hourly backup, up to 60 minutes old)");
        } else if (!db.pointInTimeRecovery() && !db.backupPlan()) {
            fail("backupPlan", false, "true to meet rpoMinutes " + rpo + " (with neither it nor pointInTimeRecovery there is no backup)");
        }
        if (db.recoveryRegion().isEmpty()) {
            fail("recoveryRegion", "nothing (the key is missing)", "a second AWS region to meet rpoMinutes " + rpo
                    + " (without a copy in another region, a regional outage loses the data)");
        } else if (db.pointInTimeRecovery() && !db.crossRegionBackupReplication()
                && (rpo < HOURLY_BACKUP_RPO_MINUTES || !db.backupPlan())) {
            // Without point-in-time recovery there is nothing to replicate: the rule above already named the fix.
            fail("crossRegionBackupReplication", false, "true to meet rpoMinutes " + rpo + " in " + db.recoveryRegion().get()
                    + (db.backupPlan() ? " (the copied hourly backups are up to 60 minutes old)" : " (nothing else is copied there)"));
        }
    }

    private void recoveryTime(DatabaseSettings db, int rto) {
        if (rto < RESTORE_PLANNING_MINUTES && !db.multiAz()) {
            fail("multiAz", false, "true to meet rtoMinutes " + rto + " (without a standby a zone failure means a restore, planned at "
                    + RESTORE_PLANNING_MINUTES + " minutes)");
        }
        if (!db.restoreTesting()) {
            fail("restoreTesting", false, "true to meet rtoMinutes " + rto + " (a restore that was never tested has no known duration)");
        }
        if (db.recoveryRegion().isEmpty()) {
            fail("recoveryRegion", "nothing (the key is missing)", "a second AWS region to meet rtoMinutes " + rto
                    + " (a regional outage is otherwise unrecoverable)");
        }
    }

    private void fail(String key, Object value, String allowed) {
        if (reported.add(key)) {
            if (value instanceof String text && text.startsWith("nothing")) {
                node.problems().invalid(node.key(key), text, allowed);
            } else {
                node.invalid(key, value, allowed);
            }
        }
    }
}
