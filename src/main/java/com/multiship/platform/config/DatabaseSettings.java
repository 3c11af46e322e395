package com.multiship.platform.config;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The stack's PostgreSQL database on RDS, its backups and its recovery objectives ({@code platform:database}).
 *
 * <p>Environment rules and the recovery objectives are checked by {@link DatabaseRules}; defaults live here.
 *
 * @param engineVersion               the PostgreSQL major version, such as {@code "17"} (required): one under RDS standard
 *                                    support ({@link #STANDARD_SUPPORT_MAJORS}). RDS creates the instance on that major's
 *                                    default minor and applies later minors itself in the maintenance window
 *                                    (automatic minor upgrades); a pinned minor would make the next update try to
 *                                    downgrade. The parameter group family ({@code postgres17}) follows the major
 * @param previousEngineVersion       during a major-version upgrade only: the major being left, whose parameter group
 *                                    stays declared until the instance has moved off it (see the README's runbook).
 *                                    Default: none
 * @param instanceClass               RDS instance class such as {@code db.r6g.large} (required); burstable {@code db.t*}
 *                                    classes are refused in production
 * @param storageGib                  allocated gp3 storage; default 20
 * @param databaseName                the database the services use; default {@code multiship}
 * @param maxConnections              PostgreSQL {@code max_connections} (applied at the next reboot); the connections
 *                                    alarm is a percentage of it. Default 200
 * @param slowStatementMs             statements slower than this are logged ({@code log_min_duration_statement});
 *                                    default 500, the requirements' p95 latency target
 * @param multiAz                     a synchronous standby in a second zone; default true in production, false elsewhere
 * @param deletionProtection          RDS refuses to delete the instance; default true in production, false elsewhere
 * @param finalSnapshot               a snapshot is taken when the instance is deleted; default false in dev, true elsewhere
 * @param pointInTimeRecovery         RDS automated backups: a daily snapshot plus the transaction logs shipped every
 *                                    5 minutes, from which point-in-time recovery restores; false turns automated
 *                                    backups off entirely. Default true
 * @param backupRetentionDays         how long automated backups (the point-in-time window) are kept: default 1 in dev,
 *                                    7 in staging, 35 in production
 * @param backupPlan                  an AWS Backup plan: snapshots hourly kept 30 days and daily kept 90 days (copied to
 *                                    the recovery region when there is one); default true in production, false elsewhere
 * @param recoveryRegion              a second AWS region holding copies of the backups, from which the platform can be
 *                                    rebuilt; must differ from {@code aws:region}. Default: none
 * @param crossRegionBackupReplication RDS replicates the automated backups (point-in-time recovery) to the recovery
 *                                    region; default true when there is a recovery region and point-in-time recovery
 * @param restoreTesting              AWS Backup restores the newest snapshot into a throw-away instance every month;
 *                                    default true in production, false elsewhere
 * @param readReplica                 a read replica in the same region; default false
 * @param performanceInsights         Performance Insights (7 days, free tier); default false in dev, true elsewhere
 * @param monitoringIntervalSeconds   enhanced monitoring interval, 0 turns it off; default 0 in dev, 60 elsewhere
 * @param masterPasswordRotationDays  how often Secrets Manager rotates the RDS-managed master password; default 7
 * @param logRetentionDays            how long the exported PostgreSQL logs are kept in CloudWatch; default 30, 365 in
 *                                    production (a CloudWatch Logs retention value)
 * @param rpoMinutes                  recovery point objective; required in production (at most 15), default none elsewhere
 * @param rtoMinutes                  recovery time objective; required in production (at most 60), default none elsewhere
 * @param cpuAlarmPercent             CPU alarm threshold; default 70 (the requirements' CPU target)
 * @param freeStorageAlarmPercent     free-storage alarm when less than this share of storageGib is left; default 10
 * @param connectionsAlarmPercent     connections alarm at this share of maxConnections; default 80 (connection pool target)
 * @param replicaLagAlarmSeconds      the replica-lag alarm fires when the read replica's ReplicaLag stays above this
 *                                    many seconds for 15 minutes (its minimum in each of three 5-minute periods). For
 *                                    PostgreSQL, ReplicaLag is the time since the last replayed transaction, so it
 *                                    also grows while the primary is idle: 10 to 3600, default 60. The 100 ms target
 *                                    is watched on the dashboard and with pg_stat_replication (README, "Replica lag")
 * @param restoreFromAutomatedBackupsArn only when the instance is first created: restore it from these automated
 *                                    backups (for example those replicated to the recovery region) instead of creating
 *                                    an empty database. Ignored afterwards, so adding or removing it never replaces a
 *                                    database. Default: none (a new, empty database)
 * @param restoreTime                 with restoreFromAutomatedBackupsArn: the point in time (RFC 3339, UTC); default the
 *                                    latest restorable time
 * @param backupVault                 the vaults' lock, access policy and copy to a backup account
 *                                    ({@link BackupVaultSettings}); only with backupPlan
 */
public record DatabaseSettings(
        String engineVersion,
        Optional<String> previousEngineVersion,
        String instanceClass,
        int storageGib,
        String databaseName,
        int maxConnections,
        int slowStatementMs,
        boolean multiAz,
        boolean deletionProtection,
        boolean finalSnapshot,
        boolean pointInTimeRecovery,
        int backupRetentionDays,
        boolean backupPlan,
        Optional<String> recoveryRegion,
        boolean crossRegionBackupReplication,
        boolean restoreTesting,
        boolean readReplica,
        boolean performanceInsights,
        int monitoringIntervalSeconds,
        int masterPasswordRotationDays,
        int logRetentionDays,
        OptionalInt rpoMinutes,
        OptionalInt rtoMinutes,
        int cpuAlarmPercent,
        int freeStorageAlarmPercent,
        int connectionsAlarmPercent,
        double replicaLagAlarmSeconds,
        Optional<String> restoreFromAutomatedBackupsArn,
        Optional<String> restoreTime,
        BackupVaultSettings backupVault) {

    /** Hourly AWS Backup snapshots are kept this many days. */
    public static final int HOURLY_BACKUP_DAYS = 30;
    /** Daily AWS Backup snapshots are kept this many days. */
    public static final int DAILY_BACKUP_DAYS = 90;
    /** Below this, the idle primary's growing ReplicaLag (time since the last replayed transaction) would page. */
    static final double MIN_REPLICA_LAG_ALARM_SECONDS = 10;

    static final Pattern ENGINE_VERSION = Pattern.compile("^\\d{1,2}$");
    /**
     * PostgreSQL majors under RDS standard support on the day checked, from the RDS for PostgreSQL release calendar
     * (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html), checked
     * 2026-12-02: 13 left standard support on 2026-02-28 (a new instance on it is enrolled in paid Extended Support);
     * 14 is in standard support until 2027-02-28. In a real preview {@code aws.rds.getEngineVersion} confirms the major
     * with RDS itself (database/Database).
     */
    public static final java.util.List<String> STANDARD_SUPPORT_MAJORS = java.util.List.of("14", "15", "16", "17", "18");
    static final Pattern INSTANCE_CLASS = Pattern.compile("^db\\.[a-z0-9]+\\.[a-z0-9]+$");
    static final Pattern DATABASE_NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    static final Pattern AUTOMATED_BACKUPS_ARN = Pattern.compile("^arn:aws[a-z-]*:rds:[a-z0-9-]+:\\d{12}:auto-backup:ab-[a-z0-9]+$");
    static final Pattern RFC3339_UTC = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$");
    static final Set<Integer> MONITORING_INTERVALS = Set.of(0, 1, 5, 10, 15, 30, 60);

    /** The parameter group family of the engine version, such as {@code postgres17}. */
    public String parameterGroupFamily() {
        return family(engineVersion);
    }

    /** The parameter group family of a PostgreSQL major, such as {@code postgres17}. */
    public static String family(String major) {
        return "postgres" + major;
    }

    /** The retention RDS is given: 0 turns automated backups (and point-in-time recovery) off. */
    public int effectiveRetentionDays() {
        return pointInTimeRecovery ? backupRetentionDays : 0;
    }

    static DatabaseSettings parse(SettingsNode root, Environment environment, String region) {
        var node = root.object("database");
        boolean dev = environment == Environment.DEV;
        boolean production = environment.isProduction();
        var version = node.string("engineVersion", ENGINE_VERSION, "a PostgreSQL major version RDS offers, written as a"
                + " string such as \"17\" (RDS applies the minor versions; a pinned minor would be downgraded at the next update)");
        if (!version.isEmpty() && !STANDARD_SUPPORT_MAJORS.contains(version)) {
            node.invalid("engineVersion", version, "one of " + String.join(", ", STANDARD_SUPPORT_MAJORS) + " (PostgreSQL major"
                    + " versions under RDS standard support; an older one is created only into paid RDS Extended Support)");
        }
        var previous = node.optionalString("previousEngineVersion", ENGINE_VERSION, "the PostgreSQL major version being"
                + " upgraded from, written as a string such as \"16\"");
        if (previous.isPresent() && !version.isEmpty() && Integer.parseInt(previous.get()) >= Integer.parseInt(version)) {
            node.invalid("previousEngineVersion", previous.get(), "a major version below engineVersion (" + version + ")");
        }
        var instanceClass = node.string("instanceClass", INSTANCE_CLASS, "an RDS instance class such as db.r6g.large");
        int storage = node.integer("storageGib", 20, 65536, 20);
        var databaseName = node.string("databaseName", DATABASE_NAME,
                "a PostgreSQL database name (lower case letters, digits and _)", "multiship");
        int maxConnections = node.integer("maxConnections", 20, 5000, 200);
        int slowMs = node.integer("slowStatementMs", 0, 60000, 500);
        boolean multiAz = node.bool("multiAz", production);
        boolean deletionProtection = node.bool("deletionProtection", production);
        boolean finalSnapshot = node.bool("finalSnapshot", !dev);
        boolean pitr = node.bool("pointInTimeRecovery", true);
        int retention = node.integer("backupRetentionDays", 1, 35, production ? 35 : dev ? 1 : 7);
        boolean backupPlan = node.bool("backupPlan", production);
        var recoveryRegion = node.optionalString("recoveryRegion", SettingsNode.ANY_TEXT, AwsRegions.ALLOWED + ", such as us-west-2");
        if (recoveryRegion.isPresent() && !AwsRegions.exists(recoveryRegion.get())) {
            node.invalid("recoveryRegion", recoveryRegion.get(), AwsRegions.ALLOWED + ", such as us-west-2");
        }
        boolean replication = node.bool("crossRegionBackupReplication", recoveryRegion.isPresent() && pitr);
        boolean restoreTesting = node.bool("restoreTesting", production);
        boolean readReplica = node.bool("readReplica", false);
        boolean insights = node.bool("performanceInsights", !dev);
        int monitoring = node.integerOneOf("monitoringIntervalSeconds", MONITORING_INTERVALS, dev ? 0 : 60);
        int rotationDays = node.integer("masterPasswordRotationDays", 1, 365, 7);
        int logRetentionDays = node.integerOneOf("logRetentionDays", NetworkSettings.LOG_RETENTION_DAYS,
                environment.isProduction() ? 365 : 30);
        var rpo = objective(node, "rpoMinutes");
        var rto = objective(node, "rtoMinutes");
        int cpu = node.integer("cpuAlarmPercent", 1, 100, 70);
        int storageAlarm = node.integer("freeStorageAlarmPercent", 1, 50, 10);
        int connections = node.integer("connectionsAlarmPercent", 1, 100, 80);
        double lag = node.decimal("replicaLagAlarmSeconds", MIN_REPLICA_LAG_ALARM_SECONDS, 3600, 60);
        var restoreFrom = node.optionalString("restoreFromAutomatedBackupsArn", AUTOMATED_BACKUPS_ARN,
                "the ARN of RDS automated backups, such as arn:aws:rds:us-west-2:123456789012:auto-backup:ab-abc123");
        var restoreTime = node.optionalString("restoreTime", RFC3339_UTC, "a UTC time such as 2025-03-01T10:15:00Z");
        if (restoreTime.isPresent() && restoreFrom.isEmpty()) {
            node.invalid("restoreTime", restoreTime.get(), "set only together with restoreFromAutomatedBackupsArn");
        }

        if (!backupPlan && node.has("backupVault")) {
            node.invalid("backupVault", node.raw("backupVault"), "set only when backupPlan is true (there is no vault without it)");
        }
        var backupVault = BackupVaultSettings.parse(node, environment);

        var settings = new DatabaseSettings(version, previous, instanceClass, storage, databaseName, maxConnections, slowMs, multiAz,
                deletionProtection, finalSnapshot, pitr, retention, backupPlan, recoveryRegion, replication, restoreTesting,
                readReplica, insights, monitoring, rotationDays, logRetentionDays, rpo, rto, cpu, storageAlarm, connections, lag, restoreFrom,
                restoreTime, backupVault);
        new DatabaseRules(node, environment, region).check(settings);
        node.finish();
        return settings;
    }

    /** A recovery objective in minutes, or none when absent or invalid (then already reported). */
    private static OptionalInt objective(SettingsNode node, String key) {
        int minutes = node.integer(key, 5, 10080, -1);
        return minutes < 0 ? OptionalInt.empty() : OptionalInt.of(minutes);
    }
}
