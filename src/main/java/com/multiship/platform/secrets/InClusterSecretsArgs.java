package com.multiship.platform.secrets;

import com.multiship.platform.config.ServiceSettings;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * @param namePrefix the prefix of the Secrets Manager secret names ({@link ServiceSecrets#secretName})
 * @param region     the region of those secrets
 * @param services   the service catalogue
 * @param after      what must exist first: the services' namespaces and service accounts (declared elsewhere)
 * @param vpcCidr    the VPC's block: the EKS control plane's ENIs (webhook calls, the API endpoints) are in it
 * @param awsEndpointCidrs the blocks of the VPC endpoints' subnets: the only place the operator sends HTTPS for AWS
 */
public record InClusterSecretsArgs(String namePrefix, String region, List<ServiceSettings> services, List<Resource> after,
                                   Output<String> vpcCidr, List<String> awsEndpointCidrs) {}
