package com.multiship.platform.database;

import com.multiship.platform.config.DatabaseSettings;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * The database parameter groups. Their logical names and physical name prefixes carry the engine family
 * ({@code postgres17}): a major-version upgrade declares the new family's group next to the old one, the instance moves
 * to it, and the old group stays declared ({@code previousEngineVersion}) until the instance has left it: RDS refuses to
 * delete a group an instance is still a member of ({@code InvalidDBParameterGroupState}), and without
 * {@code applyImmediately} the move waits for the maintenance window. One group with a changed family would have to be
 * replaced while the instance still uses it, which RDS refuses too.
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

    /**
     * The parameter groups of the instance and of its read replica.
     *
     * @param primary the current family's group: the instance moves to it with its new engine version
     * @param replica the group the read replica keeps: during an upgrade the previous family's, because RDS upgrades
     *                the replica with its source in the maintenance window and refuses a group of a family the
     *                replica's engine does not run yet
     */
    record Groups(ParameterGroup primary, ParameterGroup replica) {}

    /**
     * The current family's group, and the previous family's during an upgrade.
     *
     * @param family the current family as RDS reports it for the engine version (equal to the settings' own)
     */
    static Groups declare(String name, String identifier, DatabaseSettings settings,
                          com.pulumi.core.Output<String> family, Resource parent) {
        var primary = group(name, identifier, settings, settings.parameterGroupFamily(), family, parent);
        var previous = settings.previousEngineVersion().map(DatabaseSettings::family).map(old ->
                group(name, identifier, settings, old, com.pulumi.core.Output.of(old), parent));
        return new Groups(primary, previous.orElse(primary));
    }

    private static ParameterGroup group(String name, String identifier, DatabaseSettings settings, String familyName,
                                        com.pulumi.core.Output<String> family, Resource parent) {
        return new ParameterGroup(name + "-params-" + familyName, ParameterGroupArgs.builder()
                .namePrefix(identifier + "-" + familyName + "-")
                .family(family)
                .description("TLS only, slow statements logged; " + identifier)
                .parameters(parameters(settings))
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }

    private static ParameterGroupParameterArgs parameter(String name, String value, String applyMethod) {
        return ParameterGroupParameterArgs.builder().name(name).value(value).applyMethod(applyMethod).build();
    }
}
