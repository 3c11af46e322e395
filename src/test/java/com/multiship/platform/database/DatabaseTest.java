package com.multiship.platform.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RDS instance, its network, parameters and protection, per environment, as the engine would receive them. */
class DatabaseTest {
    static final String INSTANCE = "aws:rds/instance:Instance";
    private static Plan dev;
    private static Plan staging;
    private static Plan production;

    @BeforeAll
    static void plans() {
        dev = Stacks.plan("dev");
        staging = Stacks.plan("staging");
        production = Stacks.plan("production");
    }

    private static PlannedResource instance(Plan plan) {
        return plan.resource(INSTANCE, "database-instance");
    }

    @Test
    void devIsCheapAndEphemeral() {
        var db = instance(dev);
        assertThat(db.input("multiAz").asBoolean()).isFalse();
        assertThat(db.input("deletionProtection").asBoolean()).isFalse();
        assertThat(db.input("skipFinalSnapshot").asBoolean()).isTrue();
        assertThat(db.input("finalSnapshotIdentifier").isMissingNode()).isTrue();
        assertThat(db.input("deleteAutomatedBackups").asBoolean()).isTrue();
        assertThat(db.input("backupRetentionPeriod").asInt()).isEqualTo(1);
        assertThat(db.input("performanceInsightsEnabled").asBoolean()).isFalse();
        assertThat(db.input("monitoringInterval").asInt()).isZero();
        assertThat(db.protect()).isFalse();
        assertThat(dev.ofType("aws:backup/plan:Plan")).isEmpty();
        assertThat(dev.ofType("aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication")).isEmpty();
    }

    @Test
    void stagingKeepsDailySnapshotsAWeekAndAFinalSnapshot() {
        var db = instance(staging);
        assertThat(db.input("backupRetentionPeriod").asInt()).isGreaterThanOrEqualTo(7);
        assertThat(db.input("skipFinalSnapshot").asBoolean()).isFalse();
        assertThat(db.input("finalSnapshotIdentifier").asText()).isEqualTo("multiship-staging-final");
        assertThat(db.input("deleteAutomatedBackups").asBoolean()).isFalse();
        assertThat(db.input("performanceInsightsEnabled").asBoolean()).isTrue();
        assertThat(db.input("monitoringInterval").asInt()).isEqualTo(60);
        assertThat(db.input("monitoringRoleArn").asText()).contains("database-monitoring-role");
        assertThat(db.protect()).isFalse();
    }

    @Test
    void productionIsMultiAzProtectedWithLongPointInTimeRecovery() {
        var db = instance(production);
        assertThat(db.input("multiAz").asBoolean()).isTrue();
        assertThat(db.input("deletionProtection").asBoolean()).isTrue();
        assertThat(db.input("backupRetentionPeriod").asInt()).isEqualTo(35);
        assertThat(db.input("skipFinalSnapshot").asBoolean()).isFalse();
        assertThat(db.input("finalSnapshotIdentifier").asText()).isEqualTo("multiship-production-final");
        assertThat(db.input("deleteAutomatedBackups").asBoolean()).isFalse();
        assertThat(db.input("copyTagsToSnapshot").asBoolean()).isTrue();
        assertThat(db.protect()).isTrue();
        assertThat(production.resource("aws:kms/key:Key", "database-key").protect()).isTrue();
        assertThat(production.resource("aws:kms/key:Key", "secrets-key").protect()).isTrue();
    }

    @Test
    void everyEnvironmentEncryptsRequiresIamAuthAndNeverExposesTheDatabase() {
        for (var plan : List.of(dev, staging, production)) {
            var db = instance(plan);
            assertThat(db.input("publiclyAccessible").asBoolean()).isFalse();
            assertThat(db.input("storageEncrypted").asBoolean()).isTrue();
            assertThat(db.input("kmsKeyId").asText()).isEqualTo(plan.output("aws:kms/key:Key", "database-key", "arn"));
            assertThat(db.input("iamDatabaseAuthenticationEnabled").asBoolean()).isTrue();
            assertThat(db.input("manageMasterUserPassword").asBoolean()).isTrue();
            assertThat(db.input("masterUserSecretKmsKeyId").asText()).isEqualTo(plan.output("aws:kms/key:Key", "database-key", "arn"));
            assertThat(db.input("password").isMissingNode()).isTrue();
            assertThat(db.input("maintenanceWindow").asText()).isEqualTo("sun:07:00-sun:09:00");
            assertThat(db.input("backupWindow").asText()).isEqualTo("05:00-06:30");
            assertThat(db.input("enabledCloudwatchLogsExports").toString()).contains("\"postgresql\"");
            assertThat(db.input("dbSubnetGroupName").asText()).isEqualTo("multiship-" + plan.stack())
                    .isEqualTo(plan.output("aws:rds/subnetGroup:SubnetGroup", "database-subnets", "name"));
            assertThat(plan.resource("aws:kms/key:Key", "database-key").input("enableKeyRotation").asBoolean()).isTrue();
        }
    }

    @Test
    void subnetGroupUsesOnlyThePrivateSubnets() {
        var subnets = production.resource("aws:rds/subnetGroup:SubnetGroup", "database-subnets").input("subnetIds");
        assertThat(subnets).hasSize(3);
        var privateSubnetIds = production.ofType("aws:ec2/subnet:Subnet").stream()
                .filter(s -> s.name().startsWith("network-subnet-private-")).map(s -> s.id()).toList();
        assertThat(subnets).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(privateSubnetIds);
    }

    @Test
    void admitsPostgresOnlyFromTheClusterSecurityGroup() {
        var rules = production.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").stream()
                .filter(r -> r.input("securityGroupId").asText()
                        .equals(production.output("aws:ec2/securityGroup:SecurityGroup", "database-sg", "id"))).toList();
        assertThat(rules).hasSize(1);
        var rule = rules.get(0);
        assertThat(rule.input("referencedSecurityGroupId").asText())
                .isEqualTo(production.output("aws:eks/cluster:Cluster", "cluster-eks", "vpcConfig.clusterSecurityGroupId"));
        assertThat(rule.input("ipProtocol").asText()).isEqualTo("tcp");
        assertThat(rule.input("fromPort").asInt()).isEqualTo(5432);
        assertThat(rule.input("toPort").asInt()).isEqualTo(5432);
        assertThat(rule.input("cidrIpv4").isMissingNode()).isTrue();
        var group = production.resource("aws:ec2/securityGroup:SecurityGroup", "database-sg");
        assertThat(group.input("ingress").isMissingNode() || group.input("ingress").isEmpty()).isTrue();
    }

    @Test
    void parameterGroupRequiresTlsAndFollowsTheMajorVersion() {
        var group = production.resource("aws:rds/parameterGroup:ParameterGroup", "database-params-postgres17");
        assertThat(group.input("family").asText()).isEqualTo("postgres17");
        assertThat(group.input("namePrefix").asText()).isEqualTo("multiship-production-postgres17-");
        assertThat(group.input("parameters").toString()).contains("{\"applyMethod\":\"immediate\",\"name\":\"rds.force_ssl\",\"value\":\"1\"}")
                .contains("\"name\":\"log_min_duration_statement\",\"value\":\"500\"");
        assertThat(group.deleteBeforeReplace()).isFalse();
        assertThat(instance(production).input("parameterGroupName").asText())
                .isEqualTo(production.output("aws:rds/parameterGroup:ParameterGroup", "database-params-postgres17", "name"));

        // A major upgrade keeps the group being left until the instance has moved off it (InvalidDBParameterGroupState)
        var upgrading = Stacks.plan("dev", cfg -> Stacks.object(cfg, "database").put("engineVersion", "18")
                .put("previousEngineVersion", "17"));
        assertThat(upgrading.resource("aws:rds/parameterGroup:ParameterGroup", "database-params-postgres18")
                .input("family").asText()).isEqualTo("postgres18");
        assertThat(upgrading.resource("aws:rds/parameterGroup:ParameterGroup", "database-params-postgres17")
                .input("family").asText()).isEqualTo("postgres17");
        assertThat(instance(upgrading).input("parameterGroupName").asText())
                .isEqualTo(upgrading.output("aws:rds/parameterGroup:ParameterGroup", "database-params-postgres18", "name"));
        assertThat(instance(upgrading).input("engineVersion").asText()).isEqualTo("18");
        assertThat(instance(upgrading).input("allowMajorVersionUpgrade").asBoolean()).isTrue();
        // the replica keeps the group of the engine it still runs until RDS has upgraded it with its source
        var replicaUpgrading = Stacks.plan("production", cfg -> Stacks.object(cfg, "database").put("engineVersion", "18")
                .put("previousEngineVersion", "17"));
        assertThat(replicaUpgrading.resource("aws:rds/instance:Instance", "database-replica").input("parameterGroupName").asText())
                .isEqualTo(replicaUpgrading.output("aws:rds/parameterGroup:ParameterGroup", "database-params-postgres17", "name"));
        var upgraded = Stacks.plan("dev", cfg -> Stacks.object(cfg, "database").put("engineVersion", "18"));
        assertThat(upgraded.ofType("aws:rds/parameterGroup:ParameterGroup")).hasSize(1);
    }

    @Test
    void masterPasswordRotationScheduleIsCode() {
        var rotation = production.resource("aws:secretsmanager/secretRotation:SecretRotation", "database-master-secret-rotation");
        assertThat(rotation.input("secretId").asText())
                .isEqualTo(production.output(INSTANCE, "database-instance", "masterUserSecrets.0.secretArn"));
        assertThat(rotation.input("rotationRules.scheduleExpression").asText()).isEqualTo("rate(7 days)");
        assertThat(rotation.input("rotationLambdaArn").isMissingNode()).isTrue();
    }

    @Test
    void restoresFromReplicatedBackupsOnlyAtCreation() {
        var arn = "arn:aws:rds:us-west-2:777788889999:auto-backup:ab-abc123";
        var plan = Stacks.plan("dev", cfg -> Stacks.object(cfg, "database").put("restoreFromAutomatedBackupsArn", arn));
        var db = instance(plan);
        assertThat(db.input("restoreToPointInTime.sourceDbInstanceAutomatedBackupsArn").asText()).isEqualTo(arn);
        assertThat(db.input("restoreToPointInTime.useLatestRestorableTime").asBoolean()).isTrue();
        assertThat(db.ignoreChanges()).contains("restoreToPointInTime");
        assertThat(instance(dev).input("restoreToPointInTime").isMissingNode()).isTrue();
    }

    @Test
    void readReplicaOnlyWhereTheStackFileAsksForOne() {
        var replica = production.resource(INSTANCE, "database-replica");
        assertThat(replica.input("replicateSourceDb").asText()).isEqualTo("multiship-production");
        assertThat(replica.input("publiclyAccessible").asBoolean()).isFalse();
        assertThat(staging.ofType(INSTANCE)).hasSize(1);
    }

    @Test
    void readReplicaIsEncryptedAndDeletionProtectedLikeItsSource() {
        var replica = production.resource(INSTANCE, "database-replica");
        assertThat(replica.input("storageEncrypted").asBoolean()).isTrue();
        assertThat(replica.input("kmsKeyId").asText()).isEqualTo(instance(production).input("kmsKeyId").asText());
        assertThat(replica.input("deletionProtection").asBoolean()).isTrue();
        // RDS refuses a final snapshot of a replica and creates replicas with backups off: the source keeps them.
        assertThat(replica.input("skipFinalSnapshot").asBoolean()).isTrue();
        assertThat(replica.input("backupRetentionPeriod").asInt()).isZero();
    }

    /**
     * RDS writes each exported log to /aws/rds/instance/<identifier>/<log>, creating the group itself (no retention,
     * no key) when it does not exist yet: every export of every instance, replica included, has its group declared,
     * with a retention, and the instance waits for it.
     */
    @Test
    void everyExportedLogHasItsLogGroupWithRetentionBeforeTheInstance() {
        for (var plan : List.of(dev, staging, production)) {
            var groups = plan.ofType("aws:cloudwatch/logGroup:LogGroup");
            var instances = plan.ofType(INSTANCE);
            assertThat(instances).isNotEmpty();
            for (var instance : instances) {
                var exports = instance.input("enabledCloudwatchLogsExports");
                assertThat(exports).isNotEmpty();
                for (var log : exports) {
                    var name = "/aws/rds/instance/" + instance.input("identifier").asText() + "/" + log.asText();
                    var group = groups.stream().filter(g -> g.input("name").asText().equals(name)).findFirst();
                    assertThat(group).as(plan.stack() + ": " + name).isPresent();
                    assertThat(group.get().input("retentionInDays").asInt()).as(name).isPositive();
                    assertThat(instance.dependencies()).as(name).contains(group.get().urn());
                }
            }
        }
    }

    @Test
    void instancesWaitForTheMonitoringRolesPolicyAttachment() {
        var attachment = production.resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "database-monitoring-role-policy");
        assertThat(instance(production).dependencies()).contains(attachment.urn());
        assertThat(production.resource(INSTANCE, "database-replica").dependencies()).contains(attachment.urn());
    }
}
