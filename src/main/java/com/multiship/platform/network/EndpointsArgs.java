package com.multiship.platform.network;

import com.multiship.platform.config.NetworkSettings;
import com.pulumi.core.Output;

import java.util.List;

/**
 * Inputs of {@link Endpoints}.
 *
 * @param region               the stack's region: the endpoints' service names are {@code com.amazonaws.<region>.<service>}
 * @param zones                the VPC's zones; each names the block of its endpoint subnet
 * @param vpcId                the VPC
 * @param vpcCidr              the VPC's block: the endpoints admit HTTPS from it (nodes and pods take VPC addresses)
 * @param privateRouteTableIds the private subnets' route tables, for the S3 gateway endpoint
 */
public record EndpointsArgs(String region, List<NetworkSettings.Zone> zones, Output<String> vpcId, Output<String> vpcCidr,
                            Output<List<String>> privateRouteTableIds) {}
