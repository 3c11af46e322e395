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
        assertThat(lag.input("threshold").asDouble()).isEqualTo(0.1);
        assertThat(lag.input("dimensions.DBInstanceIdentifier").asText()).isEqualTo("multiship-production-replica");
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
