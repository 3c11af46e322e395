package com.multiship.platform.observability;

import com.multiship.platform.config.ObservabilitySettings.Thresholds;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Optional;

/**
 * @param prefix             names the CloudWatch dashboard, such as {@code multiship-production}
 * @param stack              the stack
 * @param region             the stack's region
 * @param services           the service catalogue's services and namespaces, in order
 * @param thresholds         drawn on the panels
 * @param databaseIdentifier the primary database instance
 * @param replicaIdentifier  its read replica, if any
 * @param topicName          the alert topic's name
 * @param namespace          the {@code monitoring} namespace, where the Grafana dashboard's ConfigMap lives
 */
public record DashboardsArgs(String prefix, String stack, String region, List<GrafanaDashboard.Service> services,
                             Thresholds thresholds, Output<String> databaseIdentifier,
                             Optional<Output<String>> replicaIdentifier, String topicName, Resource namespace) {}
