package com.multiship.platform.database;

import com.multiship.platform.config.DatabaseSettings;
import com.multiship.platform.logging.LogStorage;
import com.pulumi.core.Output;

import java.util.List;

/**
 * @param identifier            the RDS instance identifier, such as {@code multiship-production}; also the prefix of the
 *                              subnet group, parameter groups, final snapshot and key alias
 * @param settings              the stack file's database settings
 * @param vpcId                 the VPC the database lives in
 * @param privateSubnetIds      the private subnets of the subnet group (one per zone)
 * @param clientSecurityGroupId the only security group admitted on 5432: the cluster's (nodes and pods)
 * @param logRetentionDays      retention of the exported PostgreSQL logs
 * @param region                the stack's region: the monitoring role trusts RDS for this region's instances only
 * @param stackFile             the stack file an engine-version problem names
 * @param protect               production: the instance and its key are protected from deletion by Pulumi
 * @param logs                  the key and protection of the exported-log groups (the PostgreSQL log has statement text)
 */
public record DatabaseArgs(
        String identifier,
        DatabaseSettings settings,
        Output<String> vpcId,
        Output<List<String>> privateSubnetIds,
        Output<String> clientSecurityGroupId,
        int logRetentionDays,
        String region,
        String stackFile,
        boolean protect,
        LogStorage logs) {}
