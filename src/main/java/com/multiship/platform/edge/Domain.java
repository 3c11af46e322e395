package com.multiship.platform.edge;

import com.pulumi.aws.acm.Certificate;
import com.pulumi.aws.acm.CertificateArgs;
import com.pulumi.aws.acm.CertificateValidation;
import com.pulumi.aws.acm.CertificateValidationArgs;
import com.pulumi.aws.acm.outputs.CertificateDomainValidationOption;
import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * The TLS certificate of a domain: an ACM certificate validated through a DNS record in the domain's Route 53 zone.
 * CloudFront takes certificates only from us-east-1: for the assets' domain, declare this component with a us-east-1
 * provider; for the API host (served by the ingress gateway's load balancer), with the stack region's.
 * {@link #certificateArn()} is known only once ACM has issued the certificate, so a distribution that uses it waits.
 */
public final class Domain extends ComponentResource {
    private final Output<String> certificateArn;

    public Domain(String name, DomainArgs args, ComponentResourceOptions options) {
        super("platform:edge:Domain", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var certificate = new Certificate(name + "-certificate", CertificateArgs.builder()
                .domainName(args.domainName())
                .validationMethod("DNS")
                .keyAlgorithm("RSA_2048")
                .build(), child);

        // One domain name, no alternative names: ACM asks for exactly one validation record. Indexing the output (not
        // declaring records inside an apply) keeps the record visible to preview.
        var validation = certificate.domainValidationOptions().applyValue(validationOptions -> validationOptions.get(0));
        var record = new Record(name + "-validation-record", RecordArgs.builder()
                .zoneId(args.hostedZoneId())
                .name(field(validation, CertificateDomainValidationOption::resourceRecordName))
                .type(field(validation, CertificateDomainValidationOption::resourceRecordType).applyValue(Either::ofLeft))
                .records(field(validation, CertificateDomainValidationOption::resourceRecordValue).applyValue(List::of))
                .ttl(300)
                // ACM uses the same record for every certificate of this name in the account: a replacement
                // certificate must be able to take over the record its predecessor created.
                .allowOverwrite(true)
                .build(), child);

        var validated = new CertificateValidation(name + "-certificate-validation", CertificateValidationArgs.builder()
                .certificateArn(certificate.arn())
                .validationRecordFqdns(record.fqdn().applyValue(List::of))
                .build(), child);

        this.certificateArn = validated.certificateArn();
        registerOutputs(Map.of("certificateArn", certificateArn));
    }

    /** The ARN of the issued certificate. */
    public Output<String> certificateArn() {
        return certificateArn;
    }

    private static Output<String> field(Output<CertificateDomainValidationOption> option,
                                        Function<CertificateDomainValidationOption, Optional<String>> getter) {
        return option.applyValue(o -> getter.apply(o).orElseThrow(
                () -> new IllegalStateException("ACM returned a validation option without a DNS record")));
    }
}
