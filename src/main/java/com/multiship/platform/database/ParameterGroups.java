package com.multiship.platform.database;

import com.multiship.platform.config.DatabaseSettings;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * The database parameter group. Its logical name and physical name prefix carry the engine family
 * ({@code postgres16}): a major-version upgrade in the stack file declares a new group next to the old one, the
 * instance moves to it, and only then is the old group (no longer in use) deleted. One group with a changed family
 * would have to be replaced while the instance still uses it, which RDS refuses.
 */
final class ParameterGroups {
    private ParameterGroups() {}

    /** The parameters: TLS required, slow statements logged, connections bounded (applied at the next reboot). */
    static List<ParameterGroupParameterArgs> parameters(DatabaseSettings settings) {
        return List.of(
                parameter("rds.force_ssl", "1", "immediate"),
                parameter("log_min_duration_statement", String.valueOf(settings.slowStatementMs()), "immediate"),
                parameter("max_connections", String.valueOf(settings.maxConnections()), "pending-reboot"));
    }

    static ParameterGroup declare(String name, String identifier, DatabaseSettings settings, Resource parent) {
        var family = settings.parameterGroupFamily();
        return new ParameterGroup(name + "-params-" + family, ParameterGroupArgs.builder()
                .namePrefix(identifier + "-" + family + "-")
                .family(family)
                .description("TLS only, slow statements logged; " + identifier)
                .parameters(parameters(settings))
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    private static ParameterGroupParameterArgs parameter(String name, String value, String applyMethod) {
        return ParameterGroupParameterArgs.builder().name(name).value(value).applyMethod(applyMethod).build();
    }
}
