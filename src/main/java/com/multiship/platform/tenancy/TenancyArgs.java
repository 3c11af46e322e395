package com.multiship.platform.tenancy;

import com.multiship.platform.config.NamespaceSettings;
import com.multiship.platform.config.ServiceSettings;
import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/**
 * What the tenancy needs.
 *
 * @param namespaces       every namespace with its quota
 * @param services         the service catalogue: service accounts, peers and database access
 * @param vpcCidr          the VPC's block, where the database listens (egress on 5432 is allowed only there)
 * @param roleArnByService the IAM role of each service, annotated on its service account
 *                         ({@code eks.amazonaws.com/role-arn}); a service without an entry gets no annotation
 * @param awsEndpointCidrs the blocks of the VPC endpoints' subnets: the only place pods may send HTTPS for AWS
 */
public record TenancyArgs(List<NamespaceSettings> namespaces, List<ServiceSettings> services, Output<String> vpcCidr,
                          Map<String, Output<String>> roleArnByService, List<String> awsEndpointCidrs) {}
