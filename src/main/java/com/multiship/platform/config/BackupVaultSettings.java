package com.multiship.platform.config;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How the AWS Backup vaults guard their recovery points ({@code platform:database.backupVault}); read only when
 * {@code backupPlan} is true.
 *
 * @param lockMode          Backup Vault Lock mode of both vaults (minimum retention 30 days, the hourly rule's;
 *                          maximum 90, the daily rule's). {@code compliance}: after the grace period nobody, the
 *                          root user and AWS included, can remove the lock or delete a recovery point before its
 *                          retention ends. {@code governance}: anyone allowed {@code backup:DeleteBackupVaultLockConfiguration}
 *                          can remove it. Default compliance in production (required there), governance elsewhere
 * @param lockGraceDays     compliance only: the days after the lock is first applied during which it can still be
 *                          changed or removed (AWS's ChangeableForDays, at least 3). Default 7: one week, with one
 *                          Sunday maintenance window, to see every backup and copy job succeed before it is final
 * @param breakGlassRoleArn the one IAM role the vault access policies let delete recovery points or change their
 *                          lifecycle (within the lock's limits); default none: nobody may
 * @param copyVaultArn      a backup vault in a separate backup account that receives a copy of every backup, such
 *                          as {@code arn:aws:backup:us-east-1:210987654321:backup-vault:multiship-production};
 *                          default none. Its account must accept the copies (docs/data.md, "Copies to a backup account")
 */
public record BackupVaultSettings(LockMode lockMode, OptionalInt lockGraceDays, Optional<String> breakGlassRoleArn,
                                  Optional<String> copyVaultArn) {
    /** AWS Backup refuses a ChangeableForDays under 3 (a 72-hour cooling-off period). */
    public static final int MIN_GRACE_DAYS = 3;
    static final int DEFAULT_GRACE_DAYS = 7;
    static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$");
    static final Pattern VAULT_ARN = Pattern.compile("^arn:aws[a-z-]*:backup:[a-z0-9-]+:\\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}$");

    /** Backup Vault Lock modes; the stack file writes the id. */
    public enum LockMode {
        GOVERNANCE("governance"), COMPLIANCE("compliance");

        private final String id;

        LockMode(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    static BackupVaultSettings parse(SettingsNode database, Environment environment) {
        var node = database.objectOrDefaults("backupVault");
        boolean production = environment.isProduction();
        var mode = node.oneOf("lockMode", LockMode.class, LockMode::id, production ? LockMode.COMPLIANCE : LockMode.GOVERNANCE);
        if (production && mode == LockMode.GOVERNANCE && node.valid("lockMode")) {
            node.invalid("lockMode", mode.id(), "compliance in production (a governance lock can be removed by anyone"
                    + " allowed backup:DeleteBackupVaultLockConfiguration, and the recovery points deleted after it)");
        }
        var grace = OptionalInt.empty();
        if (mode == LockMode.COMPLIANCE) {
            grace = OptionalInt.of(node.integer("lockGraceDays", MIN_GRACE_DAYS, 365, DEFAULT_GRACE_DAYS));
        } else if (node.has("lockGraceDays")) {
            node.invalid("lockGraceDays", node.raw("lockGraceDays"),
                    "set only with lockMode compliance (a governance lock has no grace period)");
        }
        var breakGlass = node.optionalString("breakGlassRoleArn", ROLE_ARN,
                "an IAM role ARN such as arn:aws:iam::123456789012:role/break-glass");
        var copy = node.optionalString("copyVaultArn", VAULT_ARN,
                "a backup vault ARN such as arn:aws:backup:us-east-1:210987654321:backup-vault:multiship-production");
        node.finish();
        return new BackupVaultSettings(mode, grace, breakGlass, copy);
    }
}
