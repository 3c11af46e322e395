package com.multiship.platform.traffic;

import com.multiship.platform.config.ServiceSettings;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * What {@link ServiceAuthorization} needs.
 *
 * @param services the service catalogue: namespaces, peers and the ingress service
 * @param after    what every policy waits for: the namespaces (tenancy) and the Istio installation (its CRDs and the
 *                 validating webhook of istiod)
 */
public record ServiceAuthorizationArgs(List<ServiceSettings> services, List<Resource> after) {}
