package com.multiship.platform.database;

import com.multiship.platform.config.Problems;
import com.multiship.platform.iam.ServiceTrust;
import com.pulumi.aws.rds.RdsFunctions;
import com.pulumi.aws.rds.inputs.GetEngineVersionArgs;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.multiship.platform.iam.PolicyDocument;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.InstanceRestoreToPointInTimeArgs;
import com.pulumi.aws.rds.outputs.InstanceMasterUserSecret;
import com.pulumi.aws.secretsmanager.SecretRotation;
import com.pulumi.aws.secretsmanager.SecretRotationArgs;
import com.pulumi.aws.secretsmanager.inputs.SecretRotationRotationRulesArgs;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL on RDS: private subnets only, reachable on 5432 from the cluster's security group alone, storage and
 * Performance Insights encrypted with a rotating KMS key, TLS required, IAM database authentication, slow statements
 * and the PostgreSQL log exported to CloudWatch, and a master password that only RDS and Secrets Manager ever see.
 */
public final class Database extends ComponentResource {
    public static final int PORT = 5432;
    /** Sunday 02:00-04:00 US Eastern (winter time) in UTC, from the requirements. */
    public static final String MAINTENANCE_WINDOW = "sun:07:00-sun:09:00";
    /** Daily automated backups, ending before the maintenance window starts. */
    public static final String BACKUP_WINDOW = "05:00-06:30";
    /** The CA whose bundle clients pin for {@code sslmode=verify-full}. */
    public static final String CA_CERTIFICATE = "rds-ca-rsa2048-g1";
    static final String MASTER_USERNAME = "platform_admin";

    private final Instance instance;
    private final Output<String> masterSecretArn;
    private final Output<String> securityGroupId;
    private final Output<String> subnetGroupName;
    private final Optional<Instance> replica;

    public Database(String name, DatabaseArgs args, ComponentResourceOptions options) {
        super("platform:database:Database", name, null, options);
        var settings = args.settings();
        var child = CustomResourceOptions.builder().parent(this).build();
        var stateful = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();

        var key = new Key(name + "-key", KeyArgs.builder()
                .description("Storage, Performance Insights and master secret of " + args.identifier())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), stateful);
        new Alias(name + "-key-alias", AliasArgs.builder()
                .name("alias/" + args.identifier() + "-database")
                .targetKeyId(key.keyId())
                .build(), child);

        var subnets = new SubnetGroup(name + "-subnets", SubnetGroupArgs.builder()
                .name(args.identifier())
                .description("Private subnets of " + args.identifier())
                .subnetIds(args.privateSubnetIds())
                .build(), child);
        this.subnetGroupName = subnets.name();

        // No egress rule: the database answers connections and opens none. Named by prefix, so that a replacement (a new
        // VPC, or a description change, both ForceNew) comes up before the old group goes; the description never changes.
        var securityGroup = new SecurityGroup(name + "-sg", SecurityGroupArgs.builder()
                .namePrefix(args.identifier() + "-database-")
                .description("PostgreSQL of " + args.identifier() + ": the cluster only")
                .vpcId(args.vpcId())
                .build(), child);
        this.securityGroupId = securityGroup.id();
        new SecurityGroupIngressRule(name + "-sg-from-cluster", SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(securityGroup.id())
                .referencedSecurityGroupId(args.clientSecurityGroupId())
                .ipProtocol("tcp")
                .fromPort(PORT)
                .toPort(PORT)
                .description("PostgreSQL from the EKS cluster security group")
                .build(), child);

        var engine = engineFamily(args);
        var parameters = ParameterGroups.declare(name, args.identifier(), settings, engine, this);

        var logs = DatabaseLogs.declare(name, args.identifier(), args.logRetentionDays(), args.logs(), this);

        Output<String> monitoringRoleArn = null;
        if (settings.monitoringIntervalSeconds() > 0) {
            var role = new Role(name + "-monitoring-role", RoleArgs.builder()
                    .assumeRolePolicy(ServiceTrust.of(this, "monitoring.rds.amazonaws.com",
                            "arn:{partition}:rds:" + args.region() + ":{account}:db:" + args.identifier() + "*"))
                    .build(), child);
            var attachment = new RolePolicyAttachment(name + "-monitoring-role-policy", RolePolicyAttachmentArgs.builder()
                    .role(role.name())
                    .policyArn("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole")
                    .build(), child);
            // CreateDBInstance checks that the role may publish metrics: the instances wait for the policy attachment.
            monitoringRoleArn = Output.tuple(role.arn(), attachment.id()).applyValue(roleAndAttachment -> roleAndAttachment.t1);
        }

        var instanceArgs = InstanceArgs.builder()
                .identifier(args.identifier())
                .engine("postgres")
                // The major only: RDS picks the minor and upgrades it in the maintenance window; the provider keeps "17"
                // in state while engineVersionActual follows RDS, so a minor upgrade is never "drift" to be undone.
                .engineVersion(settings.engineVersion())
                .autoMinorVersionUpgrade(true)
                .allowMajorVersionUpgrade(true)
                .instanceClass(settings.instanceClass())
                .allocatedStorage(settings.storageGib())
                .storageType("gp3")
                .storageEncrypted(true)
                .kmsKeyId(key.arn())
                .dbName(settings.databaseName())
                .username(MASTER_USERNAME)
                .manageMasterUserPassword(true)
                .masterUserSecretKmsKeyId(key.arn())
                .iamDatabaseAuthenticationEnabled(true)
                .dbSubnetGroupName(subnets.name())
                .vpcSecurityGroupIds(Output.all(securityGroup.id()))
                .publiclyAccessible(false)
                .port(PORT)
                .caCertIdentifier(CA_CERTIFICATE)
                .parameterGroupName(parameters.primary().name())
                .multiAz(settings.multiAz())
                .backupRetentionPeriod(settings.effectiveRetentionDays())
                .backupWindow(BACKUP_WINDOW)
                .maintenanceWindow(MAINTENANCE_WINDOW)
                .copyTagsToSnapshot(true)
                .deletionProtection(settings.deletionProtection())
                .skipFinalSnapshot(!settings.finalSnapshot())
                .deleteAutomatedBackups(!settings.finalSnapshot())
                .enabledCloudwatchLogsExports(DatabaseLogs.EXPORTS)
                .performanceInsightsEnabled(settings.performanceInsights())
                .monitoringInterval(settings.monitoringIntervalSeconds());
        if (settings.finalSnapshot()) {
            instanceArgs.finalSnapshotIdentifier(args.identifier() + "-final");
        }
        if (settings.performanceInsights()) {
            instanceArgs.performanceInsightsKmsKeyId(key.arn()).performanceInsightsRetentionPeriod(7);
        }
        if (monitoringRoleArn != null) {
            instanceArgs.monitoringRoleArn(monitoringRoleArn);
        }
        settings.restoreFromAutomatedBackupsArn().ifPresent(source -> {
            var restore = InstanceRestoreToPointInTimeArgs.builder().sourceDbInstanceAutomatedBackupsArn(source);
            settings.restoreTime().ifPresentOrElse(restore::restoreTime, () -> restore.useLatestRestorableTime(true));
            instanceArgs.restoreToPointInTime(restore.build());
        });
        // A restore source matters only at creation: adding or removing it later must never replace the database.
        this.instance = new Instance(name + "-instance", instanceArgs.build(), CustomResourceOptions.builder()
                .parent(this).protect(args.protect()).dependsOn(logs).ignoreChanges("restoreToPointInTime").build());
        this.masterSecretArn = instance.masterUserSecrets().applyValue(secrets -> secrets.stream()
                .map(InstanceMasterUserSecret::secretArn).flatMap(Optional::stream).findFirst().orElse(""));

        // RDS rotates the master password it manages every 7 days unless told otherwise; the schedule is code here.
        new SecretRotation(name + "-master-secret-rotation", SecretRotationArgs.builder()
                .secretId(masterSecretArn)
                .rotateImmediately(false)
                .rotationRules(SecretRotationRotationRulesArgs.builder()
                        .scheduleExpression("rate(" + settings.masterPasswordRotationDays() + " days)")
                        .build())
                .build(), child);

        this.replica = settings.readReplica()
                ? Optional.of(replica(name, args, securityGroup, parameters, monitoringRoleArn, key))
                : Optional.empty();
        registerOutputs(Map.of("endpoint", instance.endpoint(), "masterSecretArn", masterSecretArn));
    }

    /**
     * The parameter group family RDS reports for the stack file's major version ({@code aws.rds.getEngineVersion}, at
     * every preview; offline from the dated fixture). A major RDS does not offer fails the invoke itself; one that RDS
     * offers under another family, or not as {@code available}, stops the program with a settings problem.
     */
    private Output<String> engineFamily(DatabaseArgs args) {
        var settings = args.settings();
        return RdsFunctions.getEngineVersion(GetEngineVersionArgs.builder()
                        .engine("postgres")
                        .version(settings.engineVersion())
                        .defaultOnly(true)
                        .build(), InvokeOptions.builder().parent(this).build())
                .applyValue(offered -> {
                    var problems = new Problems(args.stackFile());
                    if (!"available".equals(offered.status()) || !settings.parameterGroupFamily().equals(offered.parameterGroupFamily())) {
                        problems.invalid("platform:database.engineVersion", "\"" + settings.engineVersion() + "\"",
                                "a PostgreSQL major version RDS offers for new instances (RDS reports " + offered.versionActual()
                                        + " as " + offered.status() + ", family " + offered.parameterGroupFamily() + ")");
                    }
                    problems.throwIfAny();
                    return offered.parameterGroupFamily();
                });
    }

    /** A read replica in another zone of the same region: same class, parameters, network and monitoring. */
    private Instance replica(String name, DatabaseArgs args, SecurityGroup securityGroup,
                             ParameterGroups.Groups parameters, Output<String> monitoringRoleArn, Key key) {
        var settings = args.settings();
        var replicaArgs = InstanceArgs.builder()
                .identifier(args.identifier() + "-replica")
                .replicateSourceDb(instance.identifier())
                .instanceClass(settings.instanceClass())
                .storageType("gp3")
                // A same-region replica inherits its source's encryption; declaring it keeps the inputs what RDS
                // reports (no drift) and says so to the policy pack.
                .storageEncrypted(true)
                .kmsKeyId(key.arn())
                // Deleting the replica is an outage for readers: the same protection as the primary.
                .deletionProtection(settings.deletionProtection())
                .autoMinorVersionUpgrade(true)
                .iamDatabaseAuthenticationEnabled(true)
                .vpcSecurityGroupIds(Output.all(securityGroup.id()))
                .publiclyAccessible(false)
                .caCertIdentifier(CA_CERTIFICATE)
                .parameterGroupName(parameters.replica().name())
                .maintenanceWindow(MAINTENANCE_WINDOW)
                .backupRetentionPeriod(0)
                .skipFinalSnapshot(true)
                .enabledCloudwatchLogsExports(DatabaseLogs.EXPORTS)
                .performanceInsightsEnabled(settings.performanceInsights())
                .monitoringInterval(settings.monitoringIntervalSeconds());
        if (settings.performanceInsights()) {
            replicaArgs.performanceInsightsKmsKeyId(key.arn()).performanceInsightsRetentionPeriod(7);
        }
        if (monitoringRoleArn != null) {
            replicaArgs.monitoringRoleArn(monitoringRoleArn);
        }
        var logs = DatabaseLogs.declare(name + "-replica", args.identifier() + "-replica", args.logRetentionDays(), args.logs(), this);
        return new Instance(name + "-replica", replicaArgs.build(), CustomResourceOptions.builder().parent(this)
                .dependsOn(logs).build());
    }

    /** {@code host:port} of the primary. */
    public Output<String> endpoint() {
        return instance.endpoint();
    }

    /** The primary's host name, for connection strings. */
    public Output<String> address() {
        return instance.address();
    }

    public Output<Integer> port() {
        return instance.port();
    }

    public Output<String> arn() {
        return instance.arn();
    }

    /** The instance's resource id ({@code db-...}): the resource of {@code rds-db:connect} grants. */
    public Output<String> resourceId() {
        return instance.resourceId();
    }

    public Output<String> identifier() {
        return instance.identifier();
    }

    /** The Secrets Manager secret in which RDS keeps (and rotates) the master password. The ARN only, no value. */
    public Output<String> masterSecretArn() {
        return masterSecretArn;
    }

    public Output<String> securityGroupId() {
        return securityGroupId;
    }

    public Output<String> subnetGroupName() {
        return subnetGroupName;
    }

    /** The read replica's identifier, when the stack file asks for one. */
    public Optional<Output<String>> replicaIdentifier() {
        return replica.map(Instance::identifier);
    }
}
