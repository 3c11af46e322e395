// CloudFront: HTTPS only, a TLS floor, Origin Access Control for S3 origins, WAF in production.
// S3: every bucket has all public access blocked and default encryption configured.
import { Policies, PolicyConfigSchema, PolicyResource, ReportViolation } from "@pulumi/policy";
import { configOf, dependsOn, describe, environmentOf, exemptions, exemptionSchema, forTypes, get, known, list, ofTypes }
    from "../support";

const DISTRIBUTION = ["aws:cloudfront/distribution:Distribution"];
const BUCKET = ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"];
const PUBLIC_ACCESS_BLOCK = ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"];
const ENCRYPTION = [
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
];
const HTTPS_VIEWER_POLICIES = ["redirect-to-https", "https-only"];
const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

const tlsSchema: PolicyConfigSchema = {
    properties: {
        minimumProtocolVersions: {
            type: "array",
            items: { type: "string" },
            description: "CloudFront security policies (viewerCertificate.minimumProtocolVersion) that are allowed.",
            default: ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"],
        },
        exemptDefaultCertificate: exemptionSchema("Distributions (logical names) outside production that may serve "
            + "the default *.cloudfront.net certificate, whose security policy CloudFront fixes at TLSv1 (a stack "
            + "without a domain cannot have an ACM certificate). Ignored in production."),
    },
};

/** True for an origin served by S3 (REST endpoint); website endpoints are custom origins and need no OAC. */
function isS3Origin(origin: any): boolean {
    const domain = typeof origin?.domainName === "string" ? origin.domainName : "";
    return origin?.s3OriginConfig !== undefined || /\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.test(domain);
}

/** The resources of `types` that configure `bucket`: same bucket name/id, or a dependency on the bucket. */
function attachedTo(bucket: PolicyResource, candidates: PolicyResource[]): PolicyResource[] {
    const names = [known(() => bucket.props.bucket), known(() => bucket.props.id)]
        .filter(n => typeof n === "string" && n !== "");
    return candidates.filter(c => {
        const target = known(() => c.props.bucket);
        return names.includes(target as any) || dependsOn(c, bucket);
    });
}

function checkBehaviour(behaviour: any, where: string, report: ReportViolation) {
    const policy = behaviour?.viewerProtocolPolicy;
    if (!HTTPS_VIEWER_POLICIES.includes(policy)) {
        report(`${where}.viewerProtocolPolicy must be redirect-to-https or https-only, got ${JSON.stringify(policy)}.`);
    }
}

export const edgePolicies: Policies = [
    {
        name: "cloudfront-https-only",
        description: "CloudFront serves viewers over HTTPS only and reaches custom origins over HTTPS.",
        severity: "high",
        validateResource: forTypes(DISTRIBUTION, (distribution, args, report) => {
            checkBehaviour(distribution.defaultCacheBehavior, "defaultCacheBehavior", report);
            list(distribution.orderedCacheBehaviors).forEach((b, i) =>
                checkBehaviour(b, `orderedCacheBehaviors[${i}] (${b?.pathPattern})`, report));
            for (const origin of list(distribution.origins)) {
                const policy = get(origin, "customOriginConfig.originProtocolPolicy");
                if (origin?.customOriginConfig !== undefined && policy !== "https-only") {
                    report(`origin '${origin.originId}' customOriginConfig.originProtocolPolicy must be https-only, `
                        + `got ${JSON.stringify(policy)}.`);
                }
            }
        }),
    },
    {
        name: "cloudfront-tls-floor",
        description: "CloudFront uses a custom certificate with a TLS 1.2+ security policy (the default "
            + "*.cloudfront.net certificate still accepts TLS 1.0).",
        severity: "high",
        configSchema: tlsSchema,
        validateResource: forTypes(DISTRIBUTION, (distribution, args, report) => {
            const config = configOf<{ minimumProtocolVersions: string[]; exemptDefaultCertificate: unknown }>(args, tlsSchema);
            const minimumProtocolVersions = config.minimumProtocolVersions;
            const certificate = distribution.viewerCertificate ?? {};
            if (certificate.cloudfrontDefaultCertificate === true) {
                // With the default certificate CloudFront sets the security policy to TLSv1 itself ("Supported
                // protocols and ciphers between viewers and CloudFront", CloudFront Developer Guide): no input can
                // raise the floor, so only a stack's reviewed exemption lets it pass, and never in production.
                if (environmentOf(args.urn) !== "production" && exemptions(config.exemptDefaultCertificate).has(args.name)) {
                    return;
                }
                report("viewerCertificate.cloudfrontDefaultCertificate cannot enforce a TLS floor: use an ACM "
                    + "certificate (acmCertificateArn) with a TLS 1.2+ minimumProtocolVersion.");
                return;
            }
            if (!minimumProtocolVersions.includes(certificate.minimumProtocolVersion)) {
                report(`viewerCertificate.minimumProtocolVersion must be one of ${minimumProtocolVersions.join(", ")}, `
                    + `got ${JSON.stringify(certificate.minimumProtocolVersion)}.`);
            }
        }),
    },
    {
        name: "cloudfront-origin-access-control",
        description: "CloudFront reaches S3 origins through Origin Access Control, not a public bucket or a "
            + "legacy origin access identity.",
        severity: "high",
        validateResource: forTypes(DISTRIBUTION, (distribution, args, report) => {
            for (const origin of list(distribution.origins).filter(isS3Origin)) {
                if (typeof origin.originAccessControlId !== "string" || origin.originAccessControlId === "") {
                    report(`S3 origin '${origin.originId}' must set originAccessControlId.`);
                }
                const identity = get(origin, "s3OriginConfig.originAccessIdentity");
                if (typeof identity === "string" && identity !== "") {
                    report(`S3 origin '${origin.originId}' uses a legacy origin access identity; use Origin Access `
                        + "Control only.");
                }
            }
        }),
    },
    {
        name: "cloudfront-waf-production",
        description: "Production CloudFront distributions are protected by a WAF web ACL.",
        severity: "high",
        validateResource: forTypes(DISTRIBUTION, (distribution, args, report) => {
            if (environmentOf(args.urn) === "production"
                && (typeof distribution.webAclId !== "string" || distribution.webAclId === "")) {
                report("webAclId must name a WAFv2 web ACL (scope CLOUDFRONT) in production.");
            }
        }),
    },
    {
        name: "s3-public-access-blocked",
        description: "Every S3 bucket has a public access block with all four settings on.",
        severity: "critical",
        validateStack: (args, report) => {
            const blocks = ofTypes(args.resources, PUBLIC_ACCESS_BLOCK);
            for (const bucket of ofTypes(args.resources, BUCKET)) {
                const attached = attachedTo(bucket, blocks);
                if (attached.length === 0) {
                    report(`${describe(bucket)} has no aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock.`,
                        bucket.urn);
                }
                for (const block of attached) {
                    const off = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]
                        .filter(flag => block.props[flag] !== true);
                    if (off.length > 0) {
                        report(`${describe(block)} must set ${off.join(", ")} to true.`, block.urn);
                    }
                }
            }
        },
    },
    {
        name: "s3-encryption",
        description: "Every S3 bucket has default server-side encryption configured (SSE-S3 or SSE-KMS).",
        severity: "high",
        validateStack: (args, report) => {
            const configurations = ofTypes(args.resources, ENCRYPTION);
            for (const bucket of ofTypes(args.resources, BUCKET)) {
                const rules = [
                    ...attachedTo(bucket, configurations).flatMap(c => list(c.props.rules)),
                    // The deprecated inline form on the bucket itself.
                    ...list(known(() => bucket.props.serverSideEncryptionConfigurations))
                        .flatMap((c: any) => list(c?.rules)),
                    ...list(known(() => bucket.props.serverSideEncryptionConfiguration?.rules)),
                ];
                const encrypted = rules.some(r =>
                    SSE_ALGORITHMS.includes(get(r, "applyServerSideEncryptionByDefault.sseAlgorithm")));
                if (!encrypted) {
                    report(`${describe(bucket)} has no server-side encryption configuration with sseAlgorithm `
                        + `${SSE_ALGORITHMS.join(" or ")}.`, bucket.urn);
                }
            }
        },
    },
];
