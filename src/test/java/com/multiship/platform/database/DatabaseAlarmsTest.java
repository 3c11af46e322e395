package com.multiship.platform.database;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Alarms on the database into the stack's alert topic, with thresholds from the stack file. */
class DatabaseAlarmsTest {
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

    @Test
    void productionAlarmsOnCpuStorageConnectionsAndReplicaLag() {
        var plan = Stacks.plan("production");
        var topic = plan.output("aws:sns/topic:Topic", "alerts-topic", "arn");
        var cpu = plan.resource(ALARM, "database-alarms-cpu");
        assertThat(cpu.input("metricName").asText()).isEqualTo("CPUUtilization");
        assertThat(cpu.input("threshold").asDouble()).isEqualTo(70);
        assertThat(cpu.input("dimensions.DBInstanceIdentifier").asText()).isEqualTo("multiship-production");
        assertThat(cpu.input("alarmActions").get(0).asText()).isEqualTo(topic);
        var storage = plan.resource(ALARM, "database-alarms-free-storage");
        assertThat(storage.input("comparisonOperator").asText()).isEqualTo("LessThanThreshold");
        assertThat(storage.input("threshold").asDouble()).isEqualTo(500 * 1024d * 1024 * 1024 * 0.10);
        assertThat(plan.resource(ALARM, "database-alarms-connections").input("threshold").asDouble()).isEqualTo(640);
        var lag = plan.resource(ALARM, "database-alarms-replica-lag");
        assertThat(lag.input("metricName").asText()).isEqualTo("ReplicaLag");
        assertThat(lag.input("dimensions.DBInstanceIdentifier").asText()).isEqualTo("multiship-production-replica");
    }

    /**
     * PostgreSQL's ReplicaLag is the time since the replica last replayed a transaction, so it climbs through every
     * quiet minute. The alarm means trouble: tens of seconds behind, for the lowest value of each of three 5-minute
     * periods (one replayed commit per 5 minutes keeps it quiet), never the 100 ms target itself.
     */
    @Test
    void replicaLagAlarmsOnlyOnASustainedLagOfTensOfSeconds() {
        var lag = Stacks.plan("production").resource(ALARM, "database-alarms-replica-lag");
        assertThat(lag.input("threshold").asDouble()).isEqualTo(60);
        assertThat(lag.input("statistic").asText()).isEqualTo("Minimum");
        assertThat(lag.input("period").asInt()).isEqualTo(300);
        assertThat(lag.input("evaluationPeriods").asInt()).isEqualTo(3);
        assertThat(lag.input("datapointsToAlarm").asInt()).isEqualTo(3);
        assertThat(lag.input("alarmDescription").asText()).isEqualTo("multiship-production: read replica more than 60 s"
                + " behind for 15 minutes (lowest ReplicaLag of each 5 minutes)");
    }

    @Test
    void noReplicaLagAlarmWithoutAReplica() {
        var plan = Stacks.plan("staging");
        assertThat(plan.ofType(ALARM)).extracting(r -> r.name()).filteredOn(n -> n.startsWith("database-alarms-"))
                .containsExactlyInAnyOrder("database-alarms-cpu", "database-alarms-free-storage", "database-alarms-connections");
    }

    @Test
    void thresholdsComeFromTheStackFile() {
        var plan = Stacks.plan("staging", cfg -> Stacks.object(cfg, "database").put("cpuAlarmPercent", 55));
        assertThat(plan.resource(ALARM, "database-alarms-cpu").input("threshold").asDouble()).isEqualTo(55);
    }
}
