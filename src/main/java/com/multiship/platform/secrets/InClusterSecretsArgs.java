package com.multiship.platform.secrets;

import com.multiship.platform.config.ServiceSettings;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * @param namePrefix the prefix of the Secrets Manager secret names ({@link ServiceSecrets#secretName})
 * @param region     the region of those secrets
 * @param services   the service catalogue
 * @param after      what must exist first: the services' namespaces and service accounts (declared elsewhere)
 */
public record InClusterSecretsArgs(String namePrefix, String region, List<ServiceSettings> services, List<Resource> after) {}
