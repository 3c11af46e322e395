package com.multiship.platform.mesh;

import java.util.List;
import java.util.Map;

/** The spec of the {@code api-gateway} Gateway: TLS on 443 for the API host, and a redirect to HTTPS on 80. */
final class ApiGatewaySpec {
    private ApiGatewaySpec() {}

    static Map<String, Object> of(String apiHost, String tlsCredentialName) {
        return Map.of(
                "selector", MeshValues.GATEWAY_LABELS,
                "servers", List.of(
                        Map.of("port", Map.of("number", 443, "name", "https", "protocol", "HTTPS"),
                                "hosts", List.of(apiHost),
                                "tls", Map.of("mode", "SIMPLE", "credentialName", tlsCredentialName,
                                        "minProtocolVersion", "TLSV1_2")),
                        Map.of("port", Map.of("number", 80, "name", "http", "protocol", "HTTP"),
                                "hosts", List.of(apiHost),
                                "tls", Map.of("httpsRedirect", true))));
    }
}
