package com.multiship.platform.database;

import com.multiship.platform.config.DatabaseSettings;
import com.multiship.platform.iam.PolicyDocument;
import com.pulumi.aws.Provider;
import com.pulumi.aws.backup.Plan;
import com.pulumi.aws.backup.PlanArgs;
import com.pulumi.aws.backup.RestoreTestingPlan;
import com.pulumi.aws.backup.RestoreTestingPlanArgs;
import com.pulumi.aws.backup.RestoreTestingSelection;
import com.pulumi.aws.backup.RestoreTestingSelectionArgs;
import com.pulumi.aws.backup.Selection;
import com.pulumi.aws.backup.SelectionArgs;
import com.pulumi.aws.backup.Vault;
import com.pulumi.aws.backup.VaultArgs;
import com.pulumi.aws.backup.inputs.PlanRuleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionLifecycleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleLifecycleArgs;
import com.pulumi.aws.backup.inputs.RestoreTestingPlanRecoveryPointSelectionArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.rds.InstanceAutomatedBackupsReplication;
import com.pulumi.aws.rds.InstanceAutomatedBackupsReplicationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Backups beyond RDS's own: an AWS Backup vault and plan (snapshot rules, hourly kept 30 days and daily kept 90
 * days; not continuous backup, so RDS keeps its own point-in-time recovery and nothing drifts), copies to a vault in
 * the recovery region under that region's own key, replication of the automated backups (point-in-time recovery)
 * to the recovery region, and a monthly restore test. Everything in the recovery region is declared through that
 * region's provider.
 */
public final class Recovery extends ComponentResource {
    /*
     * AWS Backup cannot start an RDS backup in the hour before or during the instance's maintenance window ("Backup
     * plan options and configuration", AWS Backup Developer Guide), and a snapshot cannot be taken while RDS runs its
     * automated backup. A job may start up to its 60-minute start window late, so no schedule starts within an hour
     * of 04:00-06:30 UTC daily (the hour before the 05:00-06:30 backup window, and the window) or of Sunday
     * 06:00-09:00 (the hour before the 07:00-09:00 maintenance window, and the window). Point-in-time recovery
     * covers those hours: the RPO does not rest on hourly snapshots. RecoveryTest checks every minute of a week.
     */
    static final String HOURLY_MONDAY_TO_SATURDAY = "cron(0 0-3,7-23 ? * MON-SAT *)";
    static final String HOURLY_SUNDAY = "cron(0 0-3,9-23 ? * SUN *)";
    static final String DAILY = "cron(0 3 ? * * *)";
    /** The first day of each month at 12:00 UTC, away from the backup and maintenance windows. */
    static final String MONTHLY = "cron(0 12 1 * ? *)";
    private static final String MANAGED_POLICY = "arn:aws:iam::aws:policy/service-role/";

    private final Optional<Output<String>> vaultName;
    private final Optional<Output<String>> recoveryVaultName;

    public Recovery(String name, RecoveryArgs args, ComponentResourceOptions options) {
        super("platform:database:Recovery", name, null, options);
        var settings = args.settings();
        var child = CustomResourceOptions.builder().parent(this).build();
        var stateful = CustomResourceOptions.builder().parent(this).protect(args.protect()).build();

        Optional<Key> recoveryKey = args.recoveryProvider().map(provider -> new Key(name + "-recovery-key", KeyArgs.builder()
                .description("Backup copies and replicated automated backups of " + args.identifier())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), inRecoveryRegion(provider, args.protect())));

        if (settings.crossRegionBackupReplication() && recoveryKey.isPresent()) {
            // Every argument forces a replacement (ForceNew in the Terraform provider, which has no update), and RDS
            // replicates an instance's backups to a region once: the old replication must stop before a new one starts.
            new InstanceAutomatedBackupsReplication(name + "-pitr-replication", InstanceAutomatedBackupsReplicationArgs.builder()
                    .sourceDbInstanceArn(args.databaseArn())
                    .kmsKeyId(recoveryKey.get().arn())
                    .retentionPeriod(settings.backupRetentionDays())
                    .build(), CustomResourceOptions.builder().parent(this).provider(args.recoveryProvider().get())
                    .protect(args.protect()).deleteBeforeReplace(true).build());
        }

        if (!settings.backupPlan()) {
            this.vaultName = Optional.empty();
            this.recoveryVaultName = Optional.empty();
            registerOutputs(Map.of());
            return;
        }
        var vaultKey = new Key(name + "-vault-key", KeyArgs.builder()
                .description("AWS Backup vault of " + args.identifier())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), stateful);
        var vault = new Vault(name + "-vault", VaultArgs.builder()
                .name(args.identifier())
                .kmsKeyArn(vaultKey.arn())
                .build(), stateful);
        this.vaultName = Optional.of(vault.name());
        Optional<Vault> recoveryVault = recoveryKey.map(key -> new Vault(name + "-recovery-vault", VaultArgs.builder()
                .name(args.identifier() + "-recovery")
                .kmsKeyArn(key.arn())
                .build(), inRecoveryRegion(args.recoveryProvider().get(), args.protect())));
        this.recoveryVaultName = recoveryVault.map(Vault::name);
        var vaults = settings.backupVault();
        VaultGuards.declare(name + "-vault", vault, vaults, Optional.empty(), args.protect(), this);
        recoveryVault.ifPresent(target -> VaultGuards.declare(name + "-recovery-vault", target, vaults,
                args.recoveryProvider(), args.protect(), this));

        var role = new Role(name + "-backup-role", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.assumeRoleByService("backup.amazonaws.com"))
                .build(), child);
        for (var policy : List.of("AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores")) {
            new RolePolicyAttachment(name + "-backup-role-" + policy, RolePolicyAttachmentArgs.builder()
                    .role(role.name())
                    .policyArn(MANAGED_POLICY + policy)
                    .build(), child);
        }

        var plan = new Plan(name + "-plan", PlanArgs.builder()
                .name(args.identifier())
                .rules(rule("hourly", HOURLY_MONDAY_TO_SATURDAY, DatabaseSettings.HOURLY_BACKUP_DAYS, 60, 120, vault,
                                recoveryVault, vaults.copyVaultArn()),
                        rule("hourly-sunday", HOURLY_SUNDAY, DatabaseSettings.HOURLY_BACKUP_DAYS, 60, 120, vault,
                                recoveryVault, vaults.copyVaultArn()),
                        rule("daily", DAILY, DatabaseSettings.DAILY_BACKUP_DAYS, 60, 360, vault, recoveryVault,
                                vaults.copyVaultArn()))
                .build(), child);
        new Selection(name + "-selection", SelectionArgs.builder()
                .name(args.identifier() + "-database")
                .planId(plan.id())
                .iamRoleArn(role.arn())
                .resources(args.databaseArn().applyValue(List::of))
                .build(), child);

        if (settings.restoreTesting()) {
            var testName = args.identifier().replace('-', '_') + "_monthly";
            var testPlan = new RestoreTestingPlan(name + "-restore-test", RestoreTestingPlanArgs.builder()
                    .name(testName)
                    .scheduleExpression(MONTHLY)
                    .startWindowHours(8)
                    .recoveryPointSelection(RestoreTestingPlanRecoveryPointSelectionArgs.builder()
                            .algorithm("LATEST_WITHIN_WINDOW")
                            .includeVaults(vault.arn().applyValue(List::of))
                            .recoveryPointTypes("SNAPSHOT")
                            .selectionWindowDays(7)
                            .build())
                    .build(), child);
            new RestoreTestingSelection(name + "-restore-test-selection", RestoreTestingSelectionArgs.builder()
                    .name(testName + "_database")
                    .restoreTestingPlanName(testPlan.name())
                    .protectedResourceType("RDS")
                    .protectedResourceArns(args.databaseArn().applyValue(List::of))
                    .iamRoleArn(role.arn())
                    // The restored instance lands in the platform's private subnets, never in a default VPC.
                    .restoreMetadataOverrides(Output.tuple(args.subnetGroupName(), args.securityGroupId()).applyValue(t ->
                            Map.of("dbSubnetGroupName", t.t1, "vpcSecurityGroupIds", "[\"" + t.t2 + "\"]")))
                    .validationWindowHours(1)
                    .build(), child);
        }
        registerOutputs(Map.of("vaultName", vault.name()));
    }

    private static PlanRuleArgs rule(String ruleName, String schedule, int keepDays, int startMinutes, int completionMinutes,
                                     Vault vault, Optional<Vault> recoveryVault, Optional<String> copyVaultArn) {
        var copies = new ArrayList<PlanRuleCopyActionArgs>();
        recoveryVault.ifPresent(target -> copies.add(PlanRuleCopyActionArgs.builder()
                .destinationVaultArn(target.arn())
                .lifecycle(PlanRuleCopyActionLifecycleArgs.builder().deleteAfter(keepDays).build())
                .build()));
        copyVaultArn.ifPresent(target -> copies.add(PlanRuleCopyActionArgs.builder()
                .destinationVaultArn(target)
                .lifecycle(PlanRuleCopyActionLifecycleArgs.builder().deleteAfter(keepDays).build())
                .build()));
        return PlanRuleArgs.builder()
                .ruleName(ruleName)
                .targetVaultName(vault.name())
                .schedule(schedule)
                .startWindow(startMinutes)
                .completionWindow(completionMinutes)
                .enableContinuousBackup(false)
                .lifecycle(PlanRuleLifecycleArgs.builder().deleteAfter(keepDays).build())
                .copyActions(copies)
                .build();
    }

    private CustomResourceOptions inRecoveryRegion(Provider provider, boolean protect) {
        return CustomResourceOptions.builder().parent(this).provider(provider).protect(protect).build();
    }

    /** The backup vault in the stack's region, when there is a backup plan. */
    public Optional<Output<String>> vaultName() {
        return vaultName;
    }

    /** The vault holding the copies in the recovery region, when there is one. */
    public Optional<Output<String>> recoveryVaultName() {
        return recoveryVaultName;
    }
}
