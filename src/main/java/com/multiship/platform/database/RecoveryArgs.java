package com.multiship.platform.database;

import com.multiship.platform.config.DatabaseSettings;
import com.pulumi.aws.Provider;
import com.pulumi.core.Output;

import java.util.Optional;

/**
 * @param identifier        the database identifier; names the vaults, the plan and the restore test
 * @param settings          the stack file's database settings
 * @param databaseArn       the instance AWS Backup protects and whose automated backups are replicated
 * @param subnetGroupName   where restore tests create their throw-away instance (never the default VPC)
 * @param securityGroupId   the security group of that throw-away instance
 * @param recoveryProvider  the AWS provider of the recovery region, when the stack file names one
 * @param protect           production: keys and vaults are protected from deletion by Pulumi
 */
public record RecoveryArgs(
        String identifier,
        DatabaseSettings settings,
        Output<String> databaseArn,
        Output<String> subnetGroupName,
        Output<String> securityGroupId,
        Optional<Provider> recoveryProvider,
        boolean protect) {}
