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
        var option = "domainValidationOptions.0.";
        assertThat(record.input("name").asText()).isEqualTo(plan.output(CERTIFICATE, "assets-domain-certificate", option + "resourceRecordName"));
        assertThat(record.input("type").asText()).isEqualTo("CNAME")
                .isEqualTo(plan.output(CERTIFICATE, "assets-domain-certificate", option + "resourceRecordType"));
        assertThat(record.input("records").toString())
                .isEqualTo("[\"" + plan.output(CERTIFICATE, "assets-domain-certificate", option + "resourceRecordValue") + "\"]");
        assertThat(record.input("allowOverwrite").asBoolean()).isTrue();

        var validation = plan.resource(VALIDATION, "assets-domain-certificate-validation");
        assertThat(validation.input("certificateArn").asText())
                .isEqualTo(plan.output(CERTIFICATE, "assets-domain-certificate", "arn"));
        assertThat(validation.input("validationRecordFqdns").toString())
                .isEqualTo("[\"" + plan.output(RECORD, "assets-domain-validation-record", "fqdn") + "\"]");

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
