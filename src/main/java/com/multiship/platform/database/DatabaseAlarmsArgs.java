package com.multiship.platform.database;

import com.multiship.platform.config.DatabaseSettings;
import com.pulumi.core.Output;

import java.util.Optional;

/**
 * @param identifier         the database identifier; prefixes the alarm names
 * @param settings           the stack file's thresholds, storage size and connection limit
 * @param instanceIdentifier the primary instance
 * @param replicaIdentifier  the read replica, when there is one (it gets the replica-lag alarm)
 * @param topicArn           the stack's alert topic
 */
public record DatabaseAlarmsArgs(
        String identifier,
        DatabaseSettings settings,
        Output<String> instanceIdentifier,
        Optional<Output<String>> replicaIdentifier,
        Output<String> topicArn) {}
