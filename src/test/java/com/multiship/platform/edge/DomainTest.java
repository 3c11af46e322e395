package com.multiship.platform.edge;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The certificate of the assets' domain, by the inputs the engine would receive. */
class DomainTest {
    static final String CERTIFICATE = "aws:acm/certificate:Certificate";
    static final String VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
    static final String RECORD = "aws:route53/record:Record";

    @Test
    void productionGetsADnsValidatedCertificateInUsEast1() {
        var plan = Stacks.plan("production");
        var certificate = plan.resource(CERTIFICATE, "assets-domain-certificate");
        assertThat(certificate.input("domainName").asText()).isEqualTo("assets.multiship.com");
        assertThat(certificate.input("validationMethod").asText()).isEqualTo("DNS");
        assertThat(certificate.input("subjectAlternativeNames").isMissingNode()).isTrue();

        var record = plan.resource(RECORD, "assets-domain-validation-record");
        assertThat(record.input("zoneId").asText()).isEqualTo("Z0PRODUCTION4MULTISHIP");
        assertThat(record.input("name").asText()).isEqualTo("_0f1e2d3c4b5a.assets.multiship.com.");
        assertThat(record.input("type").asText()).isEqualTo("CNAME");
        assertThat(record.input("records").toString()).isEqualTo("[\"_a1b2c3d4e5f6.mocked.acm-validations.aws.\"]");
        assertThat(record.input("allowOverwrite").asBoolean()).isTrue();

        var validation = plan.resource(VALIDATION, "assets-domain-certificate-validation");
        assertThat(validation.input("certificateArn").asText())
                .isEqualTo("arn:aws:acm:us-east-1:123456789012:certificate/assets-domain-certificate-id");
        assertThat(validation.input("validationRecordFqdns").toString()).isEqualTo("[\"_0f1e2d3c4b5a.assets.multiship.com\"]");

        for (var resource : new String[][] {{CERTIFICATE, "assets-domain-certificate"},
                {VALIDATION, "assets-domain-certificate-validation"}, {RECORD, "assets-domain-validation-record"}}) {
            assertThat(plan.resource(resource[0], resource[1]).provider()).as(resource[1])
                    .isEqualTo(plan.resource("pulumi:providers:aws", "aws-edge").urn());
        }
    }

    @Test
    void theEdgeProviderIsInUsEast1EvenWhenTheStackIsNot() {
        var plan = Stacks.plan("dev", cfg -> {
            var edge = Stacks.object(cfg, "edge");
            edge.put("domainName", "assets.dev.multiship.com");
            edge.put("hostedZoneId", "Z0DEVZONE");
        });
        assertThat(plan.resource("pulumi:providers:aws", "aws-edge").input("region").asText()).isEqualTo("us-east-1");
        assertThat(plan.resource("pulumi:providers:aws", "aws-us-east-2").input("region").asText()).isEqualTo("us-east-2");
        assertThat(plan.resource(CERTIFICATE, "assets-domain-certificate").provider()).endsWith("::aws-edge");
        assertThat(plan.resource(CERTIFICATE, "assets-domain-certificate").parent())
                .endsWith("platform:edge:Domain::assets-domain");
    }

    @Test
    void devHasNoAssetsCertificate() {
        // (dev's only certificate is the API host's, api-domain-*: see mesh/ApiTlsTest)
        var plan = Stacks.plan("dev");
        assertThat(plan.ofType(CERTIFICATE)).noneMatch(c -> c.name().startsWith("assets-"));
        assertThat(plan.ofType(VALIDATION)).noneMatch(c -> c.name().startsWith("assets-"));
    }
}
