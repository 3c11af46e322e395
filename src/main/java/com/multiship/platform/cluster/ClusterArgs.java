package com.multiship.platform.cluster;

import com.multiship.platform.config.ClusterSettings;
import com.multiship.platform.logging.LogStorage;
import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of {@link Cluster}.
 *
 * @param clusterName             the EKS cluster's name; fixed, because the control-plane log group must carry it
 * @param region                  the cluster's region, for the kubeconfig's token command
 * @param settings                the stack's {@code platform:cluster}
 * @param privateSubnetIds        where the control plane's network interfaces and the nodes live
 * @param deployerSecurityGroupId the network's deployer security group, admitted to the private API on 443
 * @param production              production rules: the Kubernetes version must be under EKS standard support
 * @param stackFile               the stack file a version problem names, {@code Pulumi.<stack>.yaml}
 * @param protect                 whether the stateful children (cluster, key) are protected from deletion
 * @param logs                    the key and protection of the control-plane log group (it holds the audit log)
 */
public record ClusterArgs(String clusterName, String region, ClusterSettings settings,
                          Output<List<String>> privateSubnetIds, Output<String> deployerSecurityGroupId,
                          boolean production, String stackFile, boolean protect, LogStorage logs) {}
