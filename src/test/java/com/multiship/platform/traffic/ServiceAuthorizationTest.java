package com.multiship.platform.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Peers are enforced by identity (Istio AuthorizationPolicy) as well as by address (NetworkPolicy), and both agree. */
class ServiceAuthorizationTest {
    private static final String AUTHORIZATION = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
    private static final String NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    private static final Set<String> NAMESPACES = Set.of("catalog-service", "order-service", "infrastructure", "shared-services");
    private static final Map<String, Plan> PLANS = new HashMap<>();

    @BeforeAll
    static void plans() {
        Stacks.ALL.forEach(stack -> PLANS.put(stack, Stacks.plan(stack)));
    }

    @Test
    void everyServiceNamespaceAllowsNothingByDefault() {
        for (var plan : PLANS.values()) {
            var allowNothing = plan.ofType(AUTHORIZATION).stream()
                    .filter(p -> p.input("metadata.name").asText().equals("allow-nothing")).toList();
            assertThat(allowNothing).extracting(p -> p.input("metadata.namespace").asText())
                    .containsExactlyInAnyOrderElementsOf(NAMESPACES);
            for (var policy : allowNothing) {
                // an ALLOW policy without rules on every workload: a request is denied unless another policy allows it
                assertThat(policy.input("spec").toString()).isEqualTo("{}");
                assertThat(policy.dependencies()).anyMatch(urn -> urn.endsWith("::mesh-istiod"));
            }
        }
    }

    @Test
    void eachServiceAdmitsItsPeersServiceAccountsOnItsPort() {
        var plan = PLANS.get("production");
        var auth = plan.resource(AUTHORIZATION, "authorization-svc-auth-service-allow-peers");
        assertThat(auth.input("metadata.name").asText()).isEqualTo("auth-service-peers");
        assertThat(auth.input("metadata.namespace").asText()).isEqualTo("shared-services");
        assertThat(auth.input("spec").toString()).isEqualTo("{\"action\":\"ALLOW\",\"rules\":[{\"from\":[{\"source\":{\"principals\":["
                + "\"cluster.local/ns/infrastructure/sa/api-gateway\",\"cluster.local/ns/shared-services/sa/user-service\"]}}],"
                + "\"to\":[{\"operation\":{\"ports\":[\"8080\"]}}]}],\"selector\":{\"matchLabels\":{\"app\":\"auth-service\"}}}");
        // the ingress service: the ingress gateway's identity (the gateway chart names its service account after the release)
        assertThat(plan.resource(AUTHORIZATION, "authorization-svc-api-gateway-allow-peers").input("spec.rules.0.from.0.source.principals")
                .toString()).isEqualTo("[\"cluster.local/ns/istio-ingress/sa/istio-ingressgateway\"]");
    }

    @Test
    void identitiesAllowedAreExactlyThePeersTheNetworkPoliciesAdmit() {
        for (var plan : PLANS.values()) {
            for (var service : plan.ofType("kubernetes:core/v1:Service").stream()
                    .filter(s -> NAMESPACES.contains(s.input("metadata.namespace").asText())).toList()) {
                var name = service.input("metadata.name").asText();
                var byAddress = new TreeSet<String>();
                plan.ofType(NETWORK_POLICY).stream().filter(p -> p.name().equals("tenancy-svc-" + name + "-allow-ingress"))
                        .forEach(p -> p.input("spec.ingress.0.from").forEach(peer -> byAddress.add(peer(peer))));
                var byIdentity = new TreeSet<String>();
                plan.ofType(AUTHORIZATION).stream().filter(p -> p.name().equals("authorization-svc-" + name + "-allow-peers"))
                        .forEach(p -> p.input("spec.rules.0.from.0.source.principals").forEach(principal ->
                                byIdentity.add(principal(principal.asText()))));
                assertThat(byIdentity).as(plan.stack() + " " + name).isEqualTo(byAddress);
            }
        }
    }

    /** A NetworkPolicy peer as {@code <namespace>/<app label>}; the ingress gateway's namespace as {@code istio-ingress/gateway}. */
    private static String peer(JsonNode peer) {
        var namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText();
        var app = peer.path("podSelector").path("matchLabels").path("app").asText("");
        return namespace + "/" + (namespace.equals("istio-ingress") && app.isEmpty() ? "gateway" : app);
    }

    /** A principal {@code cluster.local/ns/<ns>/sa/<sa>} in the same form; service accounts are named after the service. */
    private static String principal(String principal) {
        var parts = principal.split("/");
        assertThat(parts).hasSize(5);
        assertThat(parts[0]).isEqualTo("cluster.local");
        return parts[2] + "/" + (parts[4].equals("istio-ingressgateway") ? "gateway" : parts[4]);
    }
}
