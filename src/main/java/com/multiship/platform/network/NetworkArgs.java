package com.multiship.platform.network;

import com.multiship.platform.config.NetworkSettings;

/**
 * Inputs of {@link Network}.
 *
 * @param settings    the stack's {@code platform:network}
 * @param clusterName the EKS cluster that will use the subnets; tagged so its load balancers find them
 * @param region      the stack's region: the flow-log role trusts flow logs of this region only
 */
public record NetworkArgs(NetworkSettings settings, String clusterName, String region) {}
