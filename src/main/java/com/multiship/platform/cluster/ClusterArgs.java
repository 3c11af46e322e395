package com.multiship.platform.cluster;

import com.multiship.platform.config.ClusterSettings;
import com.multiship.platform.logging.LogStorage;
import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of {@link Cluster}.
 *
 * @param clusterName      the EKS cluster's name; fixed, because the control-plane log group must carry it
 * @param region           the cluster's region, for the kubeconfig's token command
 * @param settings         the stack's {@code platform:cluster}
 * @param privateSubnetIds where the control plane's network interfaces and the nodes live
 * @param protect          whether the stateful children (cluster, node groups, key) are protected from deletion
 * @param logs             the key and protection of the control-plane log group (it holds the audit log)
 */
public record ClusterArgs(String clusterName, String region, ClusterSettings settings,
                          Output<List<String>> privateSubnetIds, boolean protect, LogStorage logs) {}
