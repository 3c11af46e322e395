package com.multiship.platform.traffic;

import com.multiship.platform.config.Environment;
import com.multiship.platform.config.ServiceSettings;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Optional;

/**
 * What the release of one service needs.
 *
 * @param service       the service's settings, release state included
 * @param environment   the stack's environment (delivered to the pods in the ConfigMap)
 * @param repositoryUrl the service's ECR repository; images are {@code <repositoryUrl>:<tag>}
 * @param apiHost       the stack's API host, bound to the ingress Gateway when the service takes ingress traffic
 * @param after         what every child waits for: the namespace and service account (tenancy), and, once merged,
 *                      the Istio installation (its CRDs) and the secret sync
 */
public record ServiceReleaseArgs(ServiceSettings service, Environment environment, Output<String> repositoryUrl,
                                 String apiHost, List<Resource> after) {
    Optional<String> ingressHost() {
        return service.ingress() ? Optional.of(apiHost) : Optional.empty();
    }
}
