package com.multiship.platform.mesh;

import java.util.List;
import java.util.Map;

/**
 * The spec of the {@code api-gateway} Gateway. TLS ends at the network load balancer (the API host's ACM certificate,
 * see {@link MeshValues#loadBalancerAnnotations}), which sends the decrypted requests on to the gateway's port 443:
 * that server speaks plain HTTP. Port 80 answers every request with a redirect to HTTPS.
 */
final class ApiGatewaySpec {
    private ApiGatewaySpec() {}

    static Map<String, Object> of(String apiHost) {
        return Map.of(
                "selector", MeshValues.GATEWAY_LABELS,
                "servers", List.of(
                        Map.of("port", Map.of("number", 443, "name", "http-tls-terminated", "protocol", "HTTP"),
                                "hosts", List.of(apiHost)),
                        Map.of("port", Map.of("number", 80, "name", "http", "protocol", "HTTP"),
                                "hosts", List.of(apiHost),
                                "tls", Map.of("httpsRedirect", true))));
    }
}
