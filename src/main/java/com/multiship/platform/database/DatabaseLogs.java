package com.multiship.platform.database;

import com.multiship.platform.logging.LogStorage;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * The CloudWatch log groups an RDS instance exports to. RDS writes to {@code /aws/rds/instance/<identifier>/<log>}
 * and, when that group does not exist, creates it itself with no retention (kept forever) and no customer key.
 * Declared before the instance, each export has its group with the stack's retention, the log key and, in
 * production, protection: the PostgreSQL log carries statement text.
 */
final class DatabaseLogs {
    /** The logs every instance (primary and replica) exports: the server log and the major-version upgrade log. */
    static final List<String> EXPORTS = List.of("postgresql", "upgrade");

    private DatabaseLogs() {}

    /**
     * One log group per export of the instance {@code identifier}, named {@code <name>-<log>-logs} (the primary
     * keeps its original {@code database-postgresql-logs}).
     */
    static List<Resource> declare(String name, String identifier, int retentionDays, LogStorage storage, Resource parent) {
        var groups = new ArrayList<Resource>();
        for (var log : EXPORTS) {
            groups.add(new LogGroup(name + "-" + log + "-logs", LogGroupArgs.builder()
                    .name("/aws/rds/instance/" + identifier + "/" + log)
                    .retentionInDays(retentionDays)
                    .kmsKeyId(storage.keyArn())
                    .build(), storage.options(parent)));
        }
        return groups;
    }
}
