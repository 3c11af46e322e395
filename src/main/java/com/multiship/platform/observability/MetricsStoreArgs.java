package com.multiship.platform.observability;

/**
 * @param prefix           names the workspace alias, the key alias and the log group, such as {@code multiship-production}
 * @param retentionDays    how long the workspace keeps samples
 * @param logRetentionDays how long the workspace's own logs (rule and alert manager errors) are kept
 * @param protect          production: the key, workspace and log group refuse deletion
 */
public record MetricsStoreArgs(String prefix, int retentionDays, int logRetentionDays, boolean protect) {}
