package com.multiship.platform.database;

import com.multiship.platform.config.BackupVaultSettings;
import com.multiship.platform.config.DatabaseSettings;
import com.pulumi.aws.Provider;
import com.pulumi.aws.backup.Vault;
import com.pulumi.aws.backup.VaultLockConfiguration;
import com.pulumi.aws.backup.VaultLockConfigurationArgs;
import com.pulumi.aws.backup.VaultPolicy;
import com.pulumi.aws.backup.VaultPolicyArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.Optional;

/** What keeps a backup vault's recovery points from being deleted early: its Vault Lock and its access policy. */
final class VaultGuards {
    private VaultGuards() {}

    /**
     * Backup Vault Lock and the access policy of one vault. The lock's minimum is the shortest retention the plan
     * gives (a job asking less would fail), its maximum the longest. Every lock argument forces a replacement, and a
     * replacement created first would be removed by the old lock's deletion (DeleteBackupVaultLockConfiguration acts
     * on the vault): the old lock goes first, which AWS refuses once a compliance lock is final.
     */
    static void declare(String name, Vault vault, BackupVaultSettings settings, Optional<Provider> provider, boolean protect,
                        Resource parent) {
        var lock = VaultLockConfigurationArgs.builder()
                .backupVaultName(vault.name())
                .minRetentionDays(DatabaseSettings.HOURLY_BACKUP_DAYS)
                .maxRetentionDays(DatabaseSettings.DAILY_BACKUP_DAYS);
        settings.lockGraceDays().ifPresent(lock::changeableForDays);
        var lockOptions = CustomResourceOptions.builder().parent(parent).protect(protect).deleteBeforeReplace(true);
        var policyOptions = CustomResourceOptions.builder().parent(parent).protect(protect);
        provider.ifPresent(p -> {
            lockOptions.provider(p);
            policyOptions.provider(p);
        });
        new VaultLockConfiguration(name + "-lock", lock.build(), lockOptions.build());
        new VaultPolicy(name + "-policy", VaultPolicyArgs.builder()
                .backupVaultName(vault.name())
                .policy(VaultAccessPolicy.json(settings.breakGlassRoleArn()))
                .build(), policyOptions.build());
    }

}
