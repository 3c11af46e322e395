package com.multiship.platform.network;

import com.multiship.platform.config.NetworkSettings;
import com.multiship.platform.logging.LogStorage;

/**
 * Inputs of {@link Network}.
 *
 * @param settings    the stack's {@code platform:network}
 * @param clusterName the EKS cluster that will use the subnets; tagged so its load balancers find them
 * @param region      the stack's region: the flow-log role trusts flow logs of this region only
 * @param logs        the key and protection of the flow-log group
 */
public record NetworkArgs(NetworkSettings settings, String clusterName, String region, LogStorage logs) {}
