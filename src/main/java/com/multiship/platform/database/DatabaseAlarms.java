package com.multiship.platform.database;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * CloudWatch alarms on the database, notifying the stack's alert topic when they fire and when they clear: CPU,
 * free storage, connections and, where there is a read replica, replica lag. Sustained conditions only (five
 * one-minute periods, as the requirements' rollback triggers count; three five-minute periods for replica lag), so
 * that a single spike or a quiet night pages nobody.
 */
public final class DatabaseAlarms extends ComponentResource {
    static final double BYTES_PER_GIB = 1024d * 1024 * 1024;
    static final int REPLICA_LAG_PERIOD_SECONDS = 300;
    static final int REPLICA_LAG_PERIODS = 3;

    public DatabaseAlarms(String name, DatabaseAlarmsArgs args, ComponentResourceOptions options) {
        super("platform:database:DatabaseAlarms", name, null, options);
        var settings = args.settings();
        alarm(name, "cpu", args, args.instanceIdentifier(), "CPUUtilization", "Average", "GreaterThanThreshold",
                settings.cpuAlarmPercent(), 60, 5, "CPU above " + settings.cpuAlarmPercent() + " % for 5 minutes");
        double freeBytes = settings.storageGib() * BYTES_PER_GIB * settings.freeStorageAlarmPercent() / 100;
        alarm(name, "free-storage", args, args.instanceIdentifier(), "FreeStorageSpace", "Minimum", "LessThanThreshold",
                freeBytes, 300, 1, "less than " + settings.freeStorageAlarmPercent() + " % of " + settings.storageGib()
                        + " GiB free");
        double connections = Math.floor(settings.maxConnections() * settings.connectionsAlarmPercent() / 100d);
        alarm(name, "connections", args, args.instanceIdentifier(), "DatabaseConnections", "Maximum",
                "GreaterThanThreshold", connections, 60, 5, "more than " + (long) connections + " connections ("
                        + settings.connectionsAlarmPercent() + " % of max_connections " + settings.maxConnections() + ") for 5 minutes");
        // For PostgreSQL, ReplicaLag is now() - pg_last_xact_replay_timestamp() on the replica (RDS User Guide,
        // "Monitoring and tuning the replication process"): it also grows while the primary commits nothing. The
        // minimum over 5 minutes stays low as long as one transaction is replayed in each 5 minutes; a replica that is
        // really behind keeps it high for all three periods.
        args.replicaIdentifier().ifPresent(replica -> alarm(name, "replica-lag", args, replica, "ReplicaLag", "Minimum",
                "GreaterThanThreshold", settings.replicaLagAlarmSeconds(), REPLICA_LAG_PERIOD_SECONDS, REPLICA_LAG_PERIODS,
                "read replica more than " + fmt(settings.replicaLagAlarmSeconds()) + " s behind for "
                        + REPLICA_LAG_PERIOD_SECONDS * REPLICA_LAG_PERIODS / 60 + " minutes (lowest ReplicaLag of each 5 minutes)"));
        registerOutputs(Map.of());
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.valueOf(seconds);
    }

    private void alarm(String name, String role, DatabaseAlarmsArgs args, Output<String> instance, String metric, String statistic,
                       String comparison, double threshold, int periodSeconds, int periods, String description) {
        new MetricAlarm(name + "-" + role, MetricAlarmArgs.builder()
                .name(args.identifier() + "-" + role)
                .alarmDescription(args.identifier() + ": " + description)
                .namespace("AWS/RDS")
                .metricName(metric)
                .dimensions(instance.applyValue(id -> Map.of("DBInstanceIdentifier", id)))
                .statistic(statistic)
                .comparisonOperator(comparison)
                .threshold(threshold)
                .period(periodSeconds)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData("missing")
                .alarmActions(args.topicArn().applyValue(java.util.List::of))
                .okActions(args.topicArn().applyValue(java.util.List::of))
                .build(), CustomResourceOptions.builder().parent(this).build());
    }
}
