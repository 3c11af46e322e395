package com.multiship.platform.mesh;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The API host's certificate exists on a fresh stack: ACM, validated in the host's Route 53 zone, served by the NLB. */
class ApiTlsTest {
    private static final String GATEWAY = "kubernetes:networking.istio.io/v1:Gateway";
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String CERTIFICATE = "aws:acm/certificate:Certificate";
    private static final String ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-";
    private static final Map<String, Plan> PLANS = new HashMap<>();

    @BeforeAll
    static void plans() {
        Stacks.ALL.forEach(stack -> PLANS.put(stack, Stacks.plan(stack)));
    }

    @Test
    void noGatewayServesTlsFromASecretThatNothingCreates() {
        for (var plan : PLANS.values()) {
            for (var gateway : plan.ofType(GATEWAY)) {
                for (var server : gateway.input("spec.servers")) {
                    var credential = server.path("tls").path("credentialName");
                    if (credential.isMissingNode()) {
                        continue;
                    }
                    var namespace = gateway.input("metadata.namespace").asText();
                    assertThat(plan.resources()).as(plan.stack() + ": the secret " + namespace + "/" + credential.asText())
                            .anyMatch(r -> r.type().endsWith(":Secret") || r.type().endsWith(":ExternalSecret")
                                    || r.type().endsWith(":Certificate") && r.type().startsWith("kubernetes:")
                                    ? credential.asText().equals(r.input("metadata.name").asText())
                                    && namespace.equals(r.input("metadata.namespace").asText())
                                    : false);
                }
            }
        }
    }

    @Test
    void theLoadBalancerTerminatesTlsWithTheApiHostsAcmCertificate() {
        var zones = Map.of("dev", "Z0DEV4MULTISHIP7API", "staging", "Z0STAGING4MULTISHIP7API", "production", "Z0PRODUCTION4MULTISHIP");
        var hosts = Map.of("dev", "api.dev.multiship.com", "staging", "api.staging.multiship.com", "production", "api.multiship.com");
        for (var plan : PLANS.values()) {
            var stack = plan.stack();
            var certificate = plan.resource(CERTIFICATE, "api-domain-certificate");
            assertThat(certificate.input("domainName").asText()).isEqualTo(hosts.get(stack));
            assertThat(certificate.input("validationMethod").asText()).isEqualTo("DNS");
            // in the stack's region, where the load balancer is (not the edge provider of CloudFront's certificate)
            assertThat(certificate.provider()).doesNotContain("aws-edge");
            assertThat(plan.resource("aws:route53/record:Record", "api-domain-validation-record").input("zoneId").asText())
                    .isEqualTo(zones.get(stack));
            var validation = plan.resource("aws:acm/certificateValidation:CertificateValidation", "api-domain-certificate-validation");

            var gateway = plan.resource(RELEASE, "mesh-gateway");
            var annotations = gateway.input("values.service.annotations");
            // the ARN of the validated certificate: the release waits until ACM has issued it
            assertThat(annotations.path(ANNOTATION + "ssl-cert").asText()).isEqualTo(validation.input("certificateArn").asText())
                    .startsWith("arn:aws:acm:");
            assertThat(gateway.dependencies()).contains(validation.urn());
            assertThat(annotations.path(ANNOTATION + "ssl-ports").asText()).isEqualTo("443");
            assertThat(annotations.path(ANNOTATION + "ssl-negotiation-policy").asText()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-Res-2021-06");

            // the gateway receives the decrypted requests on 443, and redirects plain HTTP on 80
            var servers = plan.resource(GATEWAY, "mesh-api-gateway").input("spec.servers");
            assertThat(servers.get(0).toString()).isEqualTo("{\"hosts\":[\"" + hosts.get(stack) + "\"],"
                    + "\"port\":{\"name\":\"http-tls-terminated\",\"number\":443,\"protocol\":\"HTTP\"}}");
            assertThat(servers.get(1).toString()).isEqualTo("{\"hosts\":[\"" + hosts.get(stack) + "\"],"
                    + "\"port\":{\"name\":\"http\",\"number\":80,\"protocol\":\"HTTP\"},\"tls\":{\"httpsRedirect\":true}}");
        }
    }

    @Test
    void failsOnAnApiHostAcmCannotValidateAndWithoutItsZone() {
        assertThat(Stacks.problems("dev", cfg -> {
            Stacks.object(cfg, "mesh").put("apiHost", "dev.multiship.internal");
            Stacks.object(cfg, "mesh").remove("apiHostedZoneId");
        })).containsExactly(
                "platform:mesh.apiHost must be a name in a public DNS zone (ACM validates the API's certificate through a"
                        + " record in apiHostedZoneId; a .internal name cannot be validated), got \"dev.multiship.internal\""
                        + " (Pulumi.dev.yaml)",
                "platform:mesh.apiHostedZoneId must be the Route 53 public hosted zone holding apiHost, such as"
                        + " Z0123456789ABCDEFGHIJ, got nothing (the key is missing) (Pulumi.dev.yaml)");
        assertThat(Stacks.problems("staging", cfg -> Stacks.object(cfg, "mesh").put("tlsCredentialName", "api-gateway-tls")))
                .containsExactly("platform:mesh.tlsCredentialName is not a known setting: allowed here are apiHost,"
                        + " apiHostedZoneId, gatewayMinReplicas, gatewayScheme, istioVersion (Pulumi.staging.yaml)");
    }
}
