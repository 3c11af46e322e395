// Every rule passes on the real production plan (under production's policy config where the rule has exemptions) and
// fails when a resource of that plan is mutated the way a careless change would.
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../src/policies";
import { capacityPolicies } from "../src/rules/capacity";
import { flowPolicies } from "../src/rules/flows";
import { Plan, PlanResource } from "../src/offline";
import { imageProblem } from "../src/rules/kubernetes";
import { fullHost } from "../src/rules/traffic";
import * as fs from "node:fs";
import * as path from "node:path";
import { configFor, find, PACK_DIR, production, realPlan, remove, restack, violations } from "./plans";

async function passes(plan: Plan, rule: string, config = {}) {
    const found = await violations(plan, rule, config);
    assert.deepEqual(found, [], `${rule} should pass on ${plan.stack}`);
}

async function fails(plan: Plan, rule: string, message: RegExp, config = {}) {
    const found = await violations(plan, rule, config);
    assert.ok(found.some(v => message.test(v.message) && v.enforcement === "mandatory"),
        `${rule} should report ${message} on ${plan.stack}, got ${JSON.stringify(found, null, 1)}`);
}

function edit(plan: Plan, type: string | RegExp, change: (inputs: Record<string, any>, r: PlanResource) => void,
    name?: string): Plan {
    const r = find(plan, type, name);
    change(r.inputs, r);
    return plan;
}

const RDS = "aws:rds/instance:Instance";
const PRIMARY = "database-instance";
const REPLICA = "database-replica";
const ECR = "aws:ecr/repository:Repository";
const EKS = "aws:eks/cluster:Cluster";
const CDN = "aws:cloudfront/distribution:Distribution";
const SECRET = "aws:secretsmanager/secret:Secret";
const NS = "kubernetes:core/v1:Namespace";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const VS = /:VirtualService$/;
const ORDER_BLUE = "release-order-service-blue";
const ORDER_VS = "release-order-service-virtual-service";
const container = (inputs: Record<string, any>) => inputs.spec.template.spec.containers[0];

test("every rule of the pack has tests in this file or another suite that registers it with rule(...) or `const rule = ...`", () => {
    const names = policies.map(p => p.name).sort();
    assert.equal(new Set(names).size, names.length, "rule names are unique");
    const elsewhere = fs.readdirSync(path.join(PACK_DIR, "test")).filter(f => f.endsWith(".test.ts") && f !== "rules.test.ts")
        .flatMap(f => [...fs.readFileSync(path.join(PACK_DIR, "test", f), "utf8")
            .matchAll(/\brule\("([^"]+)"|\bconst rule = "([^"]+)";/g)].map(m => m[1] ?? m[2]));
    const tested = new Set([...describedRules, ...elsewhere]);
    assert.deepEqual(names.filter(n => !tested.has(n)), []);
});
const describedRules: string[] = [];
function rule(name: string, body: () => void) {
    describedRules.push(name);
    describe(name, body);
}

rule("rds-storage-encrypted", () => {
    test("passes", () => passes(production(), "rds-storage-encrypted"));
    test("fails unencrypted", () => fails(edit(production(), RDS, i => { i.storageEncrypted = false; }, PRIMARY),
        "rds-storage-encrypted", /storageEncrypted must be true, got false/));
    test("fails when left to the default", () => fails(edit(production(), RDS, i => { delete i.storageEncrypted; }, PRIMARY),
        "rds-storage-encrypted", /storageEncrypted must be true, got undefined/));
});

rule("rds-not-public", () => {
    test("passes", () => passes(production(), "rds-not-public"));
    test("fails public", () => fails(edit(production(), RDS, i => { i.publiclyAccessible = true; }, PRIMARY),
        "rds-not-public", /publiclyAccessible must be false/));
});

rule("rds-backups-per-environment", () => {
    test("passes", () => passes(production(), "rds-backups-per-environment"));
    test("fails a week in production", () => fails(edit(production(), RDS, i => { i.backupRetentionPeriod = 7; }, PRIMARY),
        "rds-backups-per-environment", /at least 30 days in production, got 7/));
    test("fails no backups in staging", () => fails(
        restack(edit(production(), RDS, i => { i.backupRetentionPeriod = 0; }, PRIMARY), "staging"),
        "rds-backups-per-environment", /at least 1 days in staging, got 0/));
    test("passes no backups in dev", () => passes(
        restack(edit(production(), RDS, i => { i.backupRetentionPeriod = 0; }, PRIMARY), "dev"), "rds-backups-per-environment"));
    test("a read replica's recovery points are its source's (RDS creates replicas with backups off)", async () => {
        assert.equal(find(production(), RDS, REPLICA).inputs.backupRetentionPeriod, 0);
        await passes(production(), "rds-backups-per-environment");
    });
    test("honours the configured minimum", () => passes(edit(production(), RDS, i => { i.backupRetentionPeriod = 14; }, PRIMARY),
        "rds-backups-per-environment",
        { "rds-backups-per-environment": { minRetentionDays: { dev: 0, staging: 1, production: 14 } } }));
});

rule("rds-production-resilience", () => {
    test("passes", () => passes(production(), "rds-production-resilience"));
    test("fails single-AZ", () => fails(edit(production(), RDS, i => { i.multiAz = false; }, PRIMARY),
        "rds-production-resilience", /multiAz must be true in production/));
    test("fails without deletion protection", () => fails(edit(production(), RDS, i => { delete i.deletionProtection; }, PRIMARY),
        "rds-production-resilience", /deletionProtection must be true in production/));
    test("fails a replica without deletion protection", () => fails(edit(production(), RDS,
        i => { delete i.deletionProtection; }, REPLICA), "rds-production-resilience", /deletionProtection must be true/));
    test("passes a single-AZ read replica of a Multi-AZ source", async () => {
        assert.equal(find(production(), RDS, REPLICA).inputs.multiAz, undefined);
        await passes(production(), "rds-production-resilience");
    });
    test("passes single-AZ in staging", () => passes(restack(edit(production(), RDS, i => { i.multiAz = false; }, PRIMARY),
        "staging"), "rds-production-resilience"));
});

rule("rds-final-snapshot", () => {
    test("passes", () => passes(production(), "rds-final-snapshot"));
    test("fails skipping it", () => fails(edit(production(), RDS, i => { i.skipFinalSnapshot = true; }, PRIMARY),
        "rds-final-snapshot", /skipFinalSnapshot must be false in production/));
    test("fails without an identifier in staging", () => fails(
        restack(edit(production(), RDS, i => { delete i.finalSnapshotIdentifier; }, PRIMARY), "staging"),
        "rds-final-snapshot", /finalSnapshotIdentifier must be set in staging/));
    test("passes a read replica, which AWS deletes only without a final snapshot", async () => {
        assert.equal(find(production(), RDS, REPLICA).inputs.skipFinalSnapshot, true);
        await passes(production(), "rds-final-snapshot");
    });
    test("passes skipping it in dev", () => passes(restack(edit(production(), RDS, i => {
        i.skipFinalSnapshot = true; delete i.finalSnapshotIdentifier;
    }, PRIMARY), "dev"), "rds-final-snapshot"));
});

rule("production-backup-vaults-locked", () => {
    const VAULT = "aws:backup/vault:Vault";
    const LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
    const POLICY = "aws:backup/vaultPolicy:VaultPolicy";
    const RULE = "production-backup-vaults-locked";
    test("passes: both vaults locked in compliance mode, with deny-delete policies", () => passes(production(), RULE));
    test("fails a vault without a lock", () => fails(remove(production(), LOCK, "database-recovery-recovery-vault-lock"),
        RULE, /'database-recovery-recovery-vault' has no Backup Vault Lock/));
    test("fails a governance lock (no grace period)", () => fails(edit(production(), LOCK,
        i => { delete i.changeableForDays; }, "database-recovery-vault-lock"), RULE, /changeableForDays must be set/));
    test("fails a lock without a minimum retention", () => fails(edit(production(), LOCK,
        i => { delete i.minRetentionDays; }, "database-recovery-vault-lock"), RULE, /minRetentionDays must be/));
    test("fails a lock replaced create-first", () => fails(edit(production(), LOCK,
        (i, r) => { r.deleteBeforeReplace = false; }, "database-recovery-vault-lock"), RULE, /deleteBeforeReplace must be set/));
    test("fails a lock of another vault", () => fails(edit(production(), LOCK,
        i => { i.backupVaultName = "someone-elses"; }, "database-recovery-vault-lock"), RULE,
    /'database-recovery-vault' has no Backup Vault Lock/));
    test("fails a vault without an access policy", () => fails(remove(production(), POLICY, "database-recovery-vault-policy"),
        RULE, /'database-recovery-vault' has no access policy denying backup:DeleteRecoveryPoint/));
    test("fails a policy that allows deleting", () => fails(edit(production(), POLICY, i => {
        i.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" },
            Action: ["backup:DeleteRecoveryPoint"], Resource: "*" }] });
    }, "database-recovery-vault-policy"), RULE, /has no access policy denying/));
    test("does not apply to staging", () => passes(restack(remove(production(), LOCK, "database-recovery-vault-lock"),
        "staging"), RULE));
    test("has the vaults of the plan to check", () => assert.equal(
        production().resources.filter(r => r.type === VAULT).length, 2));
});

rule("rds-backup-replication-replaced-safely", () => {
    const REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
    const RULE = "rds-backup-replication-replaced-safely";
    test("passes on the real plan", () => passes(production(), RULE));
    test("fails a create-first replacement", () => fails(edit(production(), REPLICATION,
        (i, r) => { r.deleteBeforeReplace = false; }), RULE, /deleteBeforeReplace must be set/));
    test("fails unprotected in production", () => fails(edit(production(), REPLICATION,
        (i, r) => { r.protect = false; }), RULE, /protect must be set in production/));
    test("passes unprotected in staging", () => passes(restack(edit(production(), REPLICATION,
        (i, r) => { r.protect = false; }), "staging"), RULE));
});

rule("audit-log-groups-kept-encrypted", () => {
    const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    const RULE = "audit-log-groups-kept-encrypted";
    for (const stack of ["dev", "staging", "production"]) {
        test(`passes on the real ${stack} plan`, () => passes(realPlan(stack), RULE));
    }
    test("fails the control-plane log group without a customer key", () => fails(edit(production(), LOG_GROUP,
        i => { delete i.kmsKeyId; }, "cluster-control-plane-logs"), RULE, /kmsKeyId must be a customer-managed KMS key/));
    test("fails a flow-log group (named by prefix) without a key", () => fails(edit(production(), LOG_GROUP,
        i => { delete i.kmsKeyId; }, "network-flow-logs"), RULE, /kmsKeyId must be/));
    test("fails an RDS log group kept forever", () => fails(edit(production(), LOG_GROUP,
        i => { delete i.retentionInDays; }, "database-replica-upgrade-logs"), RULE, /retentionInDays must be set/));
    test("fails an unprotected audit log group in production", () => fails(edit(production(), LOG_GROUP,
        (i, r) => { r.protect = false; }, "database-postgresql-logs"), RULE, /protect must be set in production/));
    test("passes an unprotected one in dev", () => passes(restack(edit(production(), LOG_GROUP,
        (i, r) => { r.protect = false; }, "database-postgresql-logs"), "dev"), RULE));
    test("leaves other log groups alone", () => passes(edit(production(), LOG_GROUP,
        i => { delete i.kmsKeyId; }, "metrics-logs"), RULE));
});

rule("production-backup-second-region", () => {
    const PLAN = "aws:backup/plan:Plan";
    const REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
    // The real plan declares both copies: AWS Backup copy actions and replicated automated backups (PITR).
    const withoutReplication = () => remove(production(), REPLICATION);
    test("passes with a copy action to a vault in us-west-2", () => passes(production(), "production-backup-second-region"));
    test("fails without copy actions", () => fails(
        edit(withoutReplication(), PLAN, i => { i.rules.forEach((r: any) => delete r.copyActions); }),
        "production-backup-second-region", /no backup copy in a second region/));
    test("fails a copy in the same region", () => fails(edit(withoutReplication(), PLAN, i => {
        i.rules.flatMap((r: any) => r.copyActions ?? []).forEach((copy: any) => {
            copy.destinationVaultArn = copy.destinationVaultArn.replace("us-west-2", "us-east-1");
        });
    }), "production-backup-second-region", /no backup copy in a second region/));
    test("passes when the vault ARN is not known yet but the plan depends on a vault in another region", () => passes(
        edit(withoutReplication(), PLAN, i => {
            i.rules.flatMap((r: any) => r.copyActions ?? []).forEach((c: any) => delete c.destinationVaultArn);
        }), "production-backup-second-region"));
    test("passes with RDS automated backups replicated to another region (the real replication alone)", () => passes(
        edit(production(), PLAN, i => { i.rules.forEach((r: any) => delete r.copyActions); }),
        "production-backup-second-region"));
    test("fails a replication declared on the home region's provider", () => fails(edit(
        edit(production(), PLAN, i => { i.rules.forEach((r: any) => delete r.copyActions); }), REPLICATION,
        (i, r) => { r.provider = find(production(), "pulumi:providers:aws", "aws-us-east-1").urn; }),
    "production-backup-second-region", /no backup copy in a second region/));
    test("does not apply to staging", () => passes(restack(
        edit(production(), PLAN, i => { i.rules.forEach((r: any) => delete r.copyActions); }), "staging"),
    "production-backup-second-region"));
    test("has nothing to check without a database", () => {
        const plan = withoutReplication();
        plan.resources = plan.resources.filter(r => r.type !== RDS && r.type !== PLAN);
        return passes(plan, "production-backup-second-region");
    });
});

rule("ecr-scan-on-push", () => {
    test("passes", () => passes(production(), "ecr-scan-on-push"));
    test("fails without scanning", () => fails(edit(production(), ECR, i => { delete i.imageScanningConfiguration; }),
        "ecr-scan-on-push", /scanOnPush must be true/));
});

rule("ecr-immutable-tags", () => {
    test("passes", () => passes(production(), "ecr-immutable-tags"));
    test("fails mutable tags in production", () => fails(edit(production(), ECR, i => { i.imageTagMutability = "MUTABLE"; }),
        "ecr-immutable-tags", /must be IMMUTABLE in production, got "MUTABLE"/));
    test("fails the default in staging", () => fails(restack(edit(production(), ECR, i => { delete i.imageTagMutability; }),
        "staging"), "ecr-immutable-tags", /must be IMMUTABLE in staging/));
    test("passes mutable tags in dev", () => passes(restack(edit(production(), ECR, i => { i.imageTagMutability = "MUTABLE"; }),
        "dev"), "ecr-immutable-tags"));
});

rule("ecr-lifecycle-policy", () => {
    test("passes", () => passes(production(), "ecr-lifecycle-policy"));
    test("fails without one", () => fails(remove(production(), "aws:ecr/lifecyclePolicy:LifecyclePolicy"),
        "ecr-lifecycle-policy", /has no aws:ecr\/lifecyclePolicy/));
    test("fails an empty policy", () => fails(edit(production(), "aws:ecr/lifecyclePolicy:LifecyclePolicy",
        i => { i.policy = JSON.stringify({ rules: [] }); }), "ecr-lifecycle-policy", /at least one rule/));
});

rule("eks-secrets-encryption", () => {
    test("passes on the real cluster", () => passes(realPlan("production"), "eks-secrets-encryption"));
    test("fails without encryption", () => fails(edit(realPlan("production"), EKS, i => { delete i.encryptionConfig; }),
        "eks-secrets-encryption", /encryptionConfig must list resources \["secrets"\]/));
    test("fails encrypting something else", () => fails(edit(realPlan("production"), EKS,
        i => { i.encryptionConfig.resources = ["configmaps"]; }), "eks-secrets-encryption", /encryptionConfig/));
});

rule("eks-audit-logging", () => {
    test("passes on the real cluster", () => passes(realPlan("production"), "eks-audit-logging"));
    test("fails without the audit log", () => fails(edit(realPlan("production"), EKS,
        i => { i.enabledClusterLogTypes = ["api", "authenticator"]; }), "eks-audit-logging",
    /must include "audit", got \["api","authenticator"\]/));
});

rule("eks-endpoint-access", () => {
    test("passes on the real production cluster", () => passes(realPlan("production"), "eks-endpoint-access"));
    test("passes on the real dev cluster (public, limited CIDRs)", () => passes(realPlan("dev"), "eks-endpoint-access"));
    test("fails a public endpoint in production", () => fails(edit(realPlan("production"), EKS,
        i => { i.vpcConfig.endpointPublicAccess = true; }), "eks-endpoint-access", /endpointPublicAccess must be false/));
    test("fails when public access is left to the AWS default", () => fails(edit(realPlan("production"), EKS,
        i => { delete i.vpcConfig.endpointPublicAccess; }), "eks-endpoint-access", /endpointPublicAccess must be false/));
    test("fails without the private endpoint", () => fails(edit(realPlan("production"), EKS,
        i => { i.vpcConfig.endpointPrivateAccess = false; }), "eks-endpoint-access", /endpointPrivateAccess must be true/));
    // dev's stack file lists no public CIDRs now (documentation ranges are refused): open the endpoint in the edit
    test("fails dev open to the internet", () => fails(edit(realPlan("dev"), EKS,
        i => { i.vpcConfig.endpointPublicAccess = true; i.vpcConfig.publicAccessCidrs = []; }), "eks-endpoint-access",
    /empty means 0\.0\.0\.0\/0/));
});

rule("cloudfront-https-only", () => {
    test("passes", () => passes(production(), "cloudfront-https-only"));
    test("fails plain HTTP by default", () => fails(edit(production(), CDN,
        i => { i.defaultCacheBehavior.viewerProtocolPolicy = "allow-all"; }), "cloudfront-https-only",
    /defaultCacheBehavior.viewerProtocolPolicy must be redirect-to-https or https-only, got "allow-all"/));
    test("fails plain HTTP on a path", () => fails(edit(production(), CDN,
        i => { i.orderedCacheBehaviors[0].viewerProtocolPolicy = "allow-all"; }), "cloudfront-https-only",
    /orderedCacheBehaviors\[0\]/));
    test("fails an HTTP origin added to the real distribution", () => fails(edit(production(), CDN,
        i => {
            i.origins.push({ originId: "api", domainName: "api.multiship.com", customOriginConfig: { httpPort: 80,
                httpsPort: 443, originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] } });
        }), "cloudfront-https-only", /origin 'api' customOriginConfig.originProtocolPolicy must be https-only/));
});

rule("cloudfront-tls-floor", () => {
    test("passes", () => passes(production(), "cloudfront-tls-floor"));
    test("fails TLS 1.0", () => fails(edit(production(), CDN,
        i => { i.viewerCertificate.minimumProtocolVersion = "TLSv1_2016"; }), "cloudfront-tls-floor",
    /minimumProtocolVersion must be one of TLSv1.2_2021/));
    test("fails the default certificate", () => fails(edit(production(), CDN,
        i => { i.viewerCertificate = { cloudfrontDefaultCertificate: true }; }), "cloudfront-tls-floor",
    /cloudfrontDefaultCertificate cannot enforce a TLS floor/));
    test("passes dev's default certificate under dev's reviewed exemption, and only with it", async () => {
        const dev = realPlan("dev");
        assert.equal(find(dev, CDN).inputs.viewerCertificate.cloudfrontDefaultCertificate, true);
        await passes(dev, "cloudfront-tls-floor", configFor("dev"));
        await fails(dev, "cloudfront-tls-floor", /cannot enforce a TLS floor/);
    });
    test("ignores such an exemption in production", () => fails(edit(production(), CDN,
        i => { i.viewerCertificate = { cloudfrontDefaultCertificate: true }; }), "cloudfront-tls-floor",
    /cannot enforce a TLS floor/, { "cloudfront-tls-floor": { exemptDefaultCertificate: {
        "assets-cdn-distribution": "no domain in this stack, so no certificate" } } }));
});

rule("cloudfront-origin-access-control", () => {
    test("passes", () => passes(production(), "cloudfront-origin-access-control"));
    test("fails an S3 origin without OAC", () => fails(edit(production(), CDN,
        i => { delete i.origins[0].originAccessControlId; }), "cloudfront-origin-access-control",
    /S3 origin 'assets-bucket' must set originAccessControlId/));
    test("fails a legacy origin access identity", () => fails(edit(production(), CDN,
        i => { i.origins[0].s3OriginConfig = { originAccessIdentity: "origin-access-identity/cloudfront/E1" }; }),
    "cloudfront-origin-access-control", /legacy origin access identity/));
});

rule("cloudfront-waf-production", () => {
    test("passes", () => passes(production(), "cloudfront-waf-production"));
    test("fails without WAF in production", () => fails(edit(production(), CDN, i => { delete i.webAclId; }),
        "cloudfront-waf-production", /webAclId must name a WAFv2 web ACL/));
    test("passes without WAF in staging", () => passes(restack(edit(production(), CDN, i => { delete i.webAclId; }),
        "staging"), "cloudfront-waf-production"));
});

rule("s3-public-access-blocked", () => {
    test("passes", () => passes(production(), "s3-public-access-blocked"));
    test("fails a bucket without a public access block", () => fails(
        remove(production(), "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "assets-public-access-block"),
        "s3-public-access-blocked", /aws:s3\/bucketV2:BucketV2 'assets-bucket' has no aws:s3\/bucketPublicAccessBlock/));
    test("fails the access-log bucket (on the edge provider) without one", () => fails(
        remove(production(), "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "assets-logs-public-access-block"),
        "s3-public-access-blocked", /'assets-logs-bucket' has no/));
    test("fails a block with a setting off", () => fails(edit(production(), "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        i => { i.restrictPublicBuckets = false; }), "s3-public-access-blocked", /must set restrictPublicBuckets to true/));
    test("matches the block by bucket name when there is no dependency", () => {
        const plan = edit(production(), "aws:s3/bucketV2:BucketV2", i => {
            delete i.bucketPrefix; i.bucket = "multiship-production-assets";
        }, "assets-bucket");
        return passes(edit(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (i, r) => {
            r.dependencies = []; i.bucket = "multiship-production-assets";
        }, "assets-public-access-block"), "s3-public-access-blocked");
    });
});

rule("s3-encryption", () => {
    test("passes", () => passes(production(), "s3-encryption"));
    test("fails a bucket without encryption", () => fails(remove(production(),
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", "assets-encryption"),
    "s3-encryption", /'assets-bucket' has no server-side encryption configuration/));
});

rule("secretsmanager-kms-key", () => {
    test("passes", () => passes(production(), "secretsmanager-kms-key"));
    test("fails the AWS-managed key", () => fails(edit(production(), SECRET, i => { delete i.kmsKeyId; }),
        "secretsmanager-kms-key", /kmsKeyId must name a customer-managed KMS key, got undefined/));
    test("fails the aws/secretsmanager alias", () => fails(edit(production(), SECRET,
        i => { i.kmsKeyId = "alias/aws/secretsmanager"; }), "secretsmanager-kms-key", /customer-managed/));
    test("fails a replica on the AWS-managed key", () => fails(edit(production(), SECRET,
        i => { i.replicas = [{ region: "us-west-2" }]; }), "secretsmanager-kms-key", /replicas\[us-west-2\].kmsKeyId/));
});

rule("secretsmanager-rotation", () => {
    const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
    const SIGNING_KEY = "secrets-order-service-signing-key";
    const exemptions = () => structuredClone(configFor("production")["secretsmanager-rotation"]) as any;
    /** Production's exemptions without the order service's signing key, which the real rotation then rotates. */
    const rotated = (rules: Record<string, any>) => {
        const plan = production();
        const rotation = find(plan, ROTATION, "database-master-secret-rotation");
        rotation.dependencies = [find(plan, SECRET, SIGNING_KEY).urn];
        rotation.inputs.secretId = `${SIGNING_KEY}-arn`;
        rotation.inputs.rotationRules = rules;
        const config = exemptions();
        delete config.exemptSecrets[SIGNING_KEY];
        return { plan, config: { "secretsmanager-rotation": config } };
    };
    test("passes under production's exemptions (each secret with its reason)", () =>
        passes(production(), "secretsmanager-rotation", configFor("production")));
    test("fails every secret that never rotates without them", async () => {
        await fails(production(), "secretsmanager-rotation",
            /'secrets-order-service-payment-gateway-api-key' has no aws:secretsmanager\/secretRotation/);
        assert.equal((await violations(production(), "secretsmanager-rotation")).length,
            production().resources.filter(r => r.type === SECRET).length);
    });
    test("passes a secret with a rotation and no exemption", () => {
        const { plan, config } = rotated({ scheduleExpression: "rate(30 days)" });
        return passes(plan, "secretsmanager-rotation", config);
    });
    test("fails a yearly rotation", () => {
        const { plan, config } = rotated({ automaticallyAfterDays: 365 });
        return fails(plan, "secretsmanager-rotation", /at least every 90 days/, config);
    });
    test("fails a yearly rate() schedule (rate(365 days) is not 'at least every 90 days')", () => {
        const { plan, config } = rotated({ scheduleExpression: "rate(365 days)" });
        return fails(plan, "secretsmanager-rotation",
            /'database-master-secret-rotation' rotates only every 365 days \(rotationRules.scheduleExpression "rate\(365 days\)"\); it must rotate at least every 90 days/,
            config);
    });
    test("fails a yearly cron() schedule", () => {
        const { plan, config } = rotated({ scheduleExpression: "cron(0 8 1 1 ? *)" });
        return fails(plan, "secretsmanager-rotation", /rotates only every 366 days .*at least every 90 days/, config);
    });
    test("passes a monthly cron() schedule and a 4-hour rate", async () => {
        for (const scheduleExpression of ["cron(0 8 1 * ? *)", "cron(0 0 ? * SUN#1 *)", "rate(4 hours)", "rate(90 days)"]) {
            const { plan, config } = rotated({ scheduleExpression });
            await passes(plan, "secretsmanager-rotation", config);
        }
    });
    test("fails what Secrets Manager would refuse, with the reason", async () => {
        const cases: [string, RegExp][] = [
            ["rate(2 hours)", /"rate\(2 hours\)" is not a Secrets Manager schedule: a rate in hours must be at least 4 hours/],
            ["rate(1 week)", /"rate\(1 week\)" is not a Secrets Manager schedule: rate\(\) takes hour, hours, day or days/],
            ["cron(0 8 * * *)", /"cron\(0 8 \* \* \*\)" is not a Secrets Manager schedule: cron\(\) has 6 fields/],
            ["cron(0 8 1 * ? 2027)", /year field must be \*/],
            ["cron(0 8 1 * MON *)", /one of day-of-month and day-of-week must be \?/],
            ["every month", /"every month" is not a Secrets Manager schedule: expected rate\(\) or cron\(\)/],
        ];
        for (const [scheduleExpression, message] of cases) {
            const { plan, config } = rotated({ scheduleExpression });
            await fails(plan, "secretsmanager-rotation", message, config);
        }
    });
    test("fails automaticallyAfterDays and scheduleExpression together (RotateSecret accepts one, not both)", () => {
        const { plan, config } = rotated({ automaticallyAfterDays: 30, scheduleExpression: "rate(30 days)" });
        return fails(plan, "secretsmanager-rotation", /sets both automaticallyAfterDays and scheduleExpression/, config);
    });
    test("checks the RDS-managed master secret's rotation, whose secret the program does not declare", () => {
        const plan = edit(production(), "aws:secretsmanager/secretRotation:SecretRotation", i => {
            i.rotationRules = { scheduleExpression: "rate(365 days)" };
        }, "database-master-secret-rotation");
        return fails(plan, "secretsmanager-rotation", /'database-master-secret-rotation' rotates only every 365 days/,
            configFor("production"));
    });
    test("fails an exemption that names no secret of the stack", () => {
        const config = exemptions();
        config.exemptSecrets["secrets-retired-service-signing-key"] = "the service was retired in 2026";
        return fails(production(), "secretsmanager-rotation",
            /exemptSecrets names 'secrets-retired-service-signing-key', which is no aws:secretsmanager\/secret:Secret of this stack/,
            { "secretsmanager-rotation": config });
    });
    test("an exemption without a reason exempts nothing", () => {
        const config = exemptions();
        config.exemptSecrets[SIGNING_KEY] = "";
        return fails(production(), "secretsmanager-rotation", new RegExp(`'${SIGNING_KEY}' has no`),
            { "secretsmanager-rotation": config });
    });
});

rule("kms-key-rotation", () => {
    test("passes on the real cluster key", () => passes(realPlan("production"), "kms-key-rotation"));
    test("fails without rotation", () => fails(edit(realPlan("production"), "aws:kms/key:Key",
        i => { i.enableKeyRotation = false; }), "kms-key-rotation", /enableKeyRotation must be true, got false/));
    test("passes an asymmetric signing key (AWS cannot rotate it)", () => passes(edit(realPlan("production"),
        "aws:kms/key:Key", i => {
            i.enableKeyRotation = false; i.customerMasterKeySpec = "RSA_2048"; i.keyUsage = "SIGN_VERIFY";
        }), "kms-key-rotation"));
});

rule("security-group-world-ingress", () => {
    const SG = "aws:ec2/securityGroup:SecurityGroup";
    const open = (port: number) => (i: Record<string, any>) => {
        i.ingress = [{ protocol: "tcp", fromPort: port, toPort: port, cidrBlocks: ["0.0.0.0/0"] }];
    };
    test("passes (VPC-only ingress)", () => passes(production(), "security-group-world-ingress"));
    test("fails a group open to the world that the design does not name", () => fails(edit(production(), SG, open(443)),
        "security-group-world-ingress", /tcp 443-443 is open to 0\.0\.0\.0\/0; only resources named in the policy config/));
    test("passes a group the stack config names, on 443", () => passes(edit(production(), SG, open(443)),
        "security-group-world-ingress", { "security-group-world-ingress": { allowedResources: ["database-sg"] } }));
    test("fails SSH even on a named group", () => fails(edit(production(), SG, open(22)), "security-group-world-ingress",
        /may open only TCP ports 80, 443/, { "security-group-world-ingress": { allowedResources: ["database-sg"] } }));
    test("fails the real ingress rule resource opened to ::/0", () => fails(edit(production(),
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", i => {
            delete i.referencedSecurityGroupId; i.cidrIpv6 = "::/0";
        }, "database-sg-from-cluster"), "security-group-world-ingress", /tcp 5432-5432 is open to ::\/0/));
});

rule("k8s-namespace-pod-security", () => {
    test("passes under production's exemption of istio-system", () =>
        passes(production(), "k8s-namespace-pod-security", configFor("production")));
    test("fails istio-system (privileged for the istio-cni node agent) without the exemption", () => fails(production(),
        "k8s-namespace-pod-security", /must be "restricted", got "privileged"/));
    test("fails a service namespace at baseline", () => fails(edit(production(), NS,
        i => { i.metadata.labels["pod-security.kubernetes.io/enforce"] = "baseline"; }, "tenancy-ns-order-service"),
    "k8s-namespace-pod-security", /must be "restricted", got "baseline"/, configFor("production")));
    test("the exemption covers only pod security: istio-system still needs its quota and default-deny", async () => {
        const plan = remove(remove(production(), "kubernetes:core/v1:ResourceQuota", "mesh-tenancy-system-quota"),
            "kubernetes:networking.k8s.io/v1:NetworkPolicy", "mesh-tenancy-system-deny-all");
        await fails(plan, "k8s-namespace-quota-and-limits", /namespace 'istio-system' has no ResourceQuota/, configFor("production"));
        await fails(plan, "k8s-namespace-default-deny", /namespace 'istio-system' has no default-deny/, configFor("production"));
    });
});

rule("k8s-namespace-quota-and-limits", () => {
    const QUOTA = "kubernetes:core/v1:ResourceQuota";
    test("passes (service namespaces and both Istio namespaces)", () => passes(production(), "k8s-namespace-quota-and-limits"));
    test("fails without a quota", () => fails(remove(production(), QUOTA, "tenancy-ns-order-service-quota"),
        "k8s-namespace-quota-and-limits", /namespace 'order-service' has no ResourceQuota/));
    test("fails the ingress gateway's namespace without a limit range", () => fails(remove(production(),
        "kubernetes:core/v1:LimitRange", "mesh-tenancy-ingress-limits"),
    "k8s-namespace-quota-and-limits", /namespace 'istio-ingress' has no LimitRange/));
    test("fails a quota in another namespace", () => fails(edit(production(), QUOTA,
        (i, r) => { i.metadata.namespace = "catalog-service"; r.dependencies = []; }, "tenancy-ns-order-service-quota"),
    "k8s-namespace-quota-and-limits", /'order-service' has no ResourceQuota/));
    test("matches by dependency when the namespace name is auto-generated", () => passes(edit(production(), NS,
        i => { delete i.metadata.name; }, "mesh-ns-ingress"), "k8s-namespace-quota-and-limits"));
});

rule("k8s-namespace-default-deny", () => {
    const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    test("passes", () => passes(production(), "k8s-namespace-default-deny"));
    test("fails without one", () => fails(remove(production(), POLICY, "tenancy-ns-order-service-deny-all"),
        "k8s-namespace-default-deny", /namespace 'order-service' has no default-deny ingress NetworkPolicy/));
    test("fails a policy that allows everything", () => fails(edit(production(), POLICY,
        i => { i.spec.ingress = [{}]; }, "mesh-tenancy-ingress-deny-all"), "k8s-namespace-default-deny",
    /'istio-ingress' has no default-deny/));
    test("fails a policy for some pods only", () => fails(edit(production(), POLICY,
        i => { i.spec.podSelector = { matchLabels: { app: "x" } }; }, "mesh-tenancy-system-deny-all"),
    "k8s-namespace-default-deny", /'istio-system' has no default-deny/));
});

rule("k8s-container-hardening", () => {
    test("passes", () => passes(production(), "k8s-container-hardening"));
    test("fails root", () => fails(edit(production(), DEPLOYMENT,
        i => { delete i.spec.template.spec.securityContext.runAsNonRoot; delete container(i).securityContext.runAsNonRoot; }, ORDER_BLUE), "k8s-container-hardening",
    /container 'order-service' must run with securityContext.runAsNonRoot true/));
    test("fails a writable root filesystem", () => fails(edit(production(), DEPLOYMENT,
        i => { container(i).securityContext.readOnlyRootFilesystem = false; }, ORDER_BLUE), "k8s-container-hardening",
    /readOnlyRootFilesystem true/));
    test("fails privilege escalation left to the default", () => fails(edit(production(), DEPLOYMENT,
        i => { delete container(i).securityContext.allowPrivilegeEscalation; }, ORDER_BLUE), "k8s-container-hardening",
    /allowPrivilegeEscalation false/));
    test("checks init containers too", () => fails(edit(production(), DEPLOYMENT,
        i => { i.spec.template.spec.initContainers = [{ name: "migrate", image: "x:v1" }]; }, ORDER_BLUE), "k8s-container-hardening",
    /initContainer 'migrate' must set securityContext.readOnlyRootFilesystem/));
});

rule("k8s-container-limits-and-probes", () => {
    test("passes", () => passes(production(), "k8s-container-limits-and-probes"));
    test("fails without limits", () => fails(edit(production(), DEPLOYMENT, i => { delete container(i).resources.limits; }, ORDER_BLUE),
        "k8s-container-limits-and-probes", /must set resources.limits for cpu and memory/));
    test("fails without a memory request", () => fails(edit(production(), DEPLOYMENT,
        i => { delete container(i).resources.requests.memory; }, ORDER_BLUE), "k8s-container-limits-and-probes",
    /resources.requests for memory/));
    test("fails without a readiness probe", () => fails(edit(production(), DEPLOYMENT,
        i => { delete container(i).readinessProbe; }, ORDER_BLUE), "k8s-container-limits-and-probes", /must declare readinessProbe/));
});

rule("k8s-image-pinned", () => {
    test("passes", () => passes(production(), "k8s-image-pinned"));
    test("fails latest", () => fails(edit(production(), DEPLOYMENT,
        i => { container(i).image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/multiship/order-service:latest"; }, ORDER_BLUE),
    "k8s-image-pinned", /uses the latest tag/));
    test("fails untagged", () => fails(edit(production(), DEPLOYMENT,
        i => { container(i).image = "registry.local:5000/multiship/order-service"; }, ORDER_BLUE), "k8s-image-pinned", /has no tag/));
    test("reads tags, registry ports and digests correctly", () => {
        assert.equal(imageProblem("nginx:1.27.3"), undefined);
        assert.equal(imageProblem("registry.local:5000/app:v2.2.0"), undefined);
        assert.equal(imageProblem(`app@sha256:${"a".repeat(64)}`), undefined);
        assert.match(imageProblem("registry.local:5000/app")!, /no tag/);
        assert.match(imageProblem("app")!, /no tag/);
        assert.match(imageProblem(undefined)!, /no image/);
    });
});

rule("istio-route-weights", () => {
    test("passes (90/10 and a header route)", () => passes(production(), "istio-route-weights"));
    test("fails weights adding up to 110", () => fails(edit(production(), VS,
        i => { i.spec.http[1].route[1].weight = 20; }, ORDER_VS), "istio-route-weights", /weights \[90,20\] add up to 110, not 100/));
    test("fails a destination without weight", () => fails(edit(production(), VS,
        i => { delete i.spec.http[1].route[0].weight; }, ORDER_VS), "istio-route-weights", /every destination needs a weight/));
    test("fails a single destination at 50", () => fails(edit(production(), VS,
        i => { i.spec.http[0].route[0].weight = 50; }, ORDER_VS), "istio-route-weights", /single destination must have weight 100/));
    test("passes a full switch (100/0)", () => passes(edit(production(), VS, i => {
        i.spec.http[1].route[0].weight = 0; i.spec.http[1].route[1].weight = 100;
    }, ORDER_VS), "istio-route-weights"));
});

rule("istio-subsets-exist", () => {
    test("passes (short and full host names)", () => passes(production(), "istio-subsets-exist"));
    test("fails a subset no DestinationRule defines", () => fails(edit(production(), VS,
        i => { i.spec.http[0].route[0].destination.subset = "canary"; }, ORDER_VS), "istio-subsets-exist",
    /routes to subset 'canary' of order-service.order-service.svc.cluster.local, but no DestinationRule for order-service.order-service.svc.cluster.local defines it/));
    test("fails when the DestinationRule is for another host", () => fails(edit(production(), /:DestinationRule$/,
        i => { i.spec.host = "catalog-service"; }, "release-order-service-destination-rule"), "istio-subsets-exist", /no DestinationRule/));
    test("resolves host names the way Istio does", () => {
        assert.equal(fullHost("a", "ns"), "a.ns.svc.cluster.local");
        assert.equal(fullHost("a.b", "ns"), "a.b.svc.cluster.local");
        assert.equal(fullHost("a.b.svc", "ns"), "a.b.svc.cluster.local");
        assert.equal(fullHost("api.multiship.com", "ns"), "api.multiship.com");
    });
});

rule("aws-required-tags", () => {
    const PROVIDER = "pulumi:providers:aws";
    const retag = (change: (tags: Record<string, string>) => void) => (i: Record<string, any>) => {
        const parsed = JSON.parse(i.defaultTags);
        change(parsed.tags);
        i.defaultTags = JSON.stringify(parsed);
    };
    test("passes on the real plan through the provider's default tags", () =>
        passes(realPlan("production"), "aws-required-tags"));
    test("fails every taggable resource when the provider loses Owner", async () => {
        const plan = edit(realPlan("production"), PROVIDER, retag(t => { delete t.Owner; }), "aws-us-east-1");
        await fails(plan, "aws-required-tags", /aws:eks\/cluster:Cluster 'cluster-eks' lacks tag Owner/);
        await fails(plan, "aws-required-tags", /aws:kms\/key:Key 'cluster-secrets-key' lacks tag Owner/);
        const found = await violations(plan, "aws-required-tags");
        assert.ok(!found.some(v => /RolePolicyAttachment|AccessPolicyAssociation/.test(v.message)),
            "untaggable types are not reported");
    });
    test("fails a resource that blanks a required tag", () => fails(edit(realPlan("production"), "aws:ec2/vpc:Vpc",
        i => { i.tags.CostCentre = ""; }), "aws-required-tags", /'network-vpc' lacks tag CostCentre/));
    test("passes resource tags that make up for the provider", () => {
        let plan = realPlan("production");
        for (const provider of ["aws-us-east-1", "aws-us-west-2", "aws-edge"]) {
            plan = edit(plan, PROVIDER, retag(t => { delete t.ManagedBy; }), provider);
        }
        plan.resources.filter(r => r.type.startsWith("aws:")).forEach(r => {
            r.inputs.tags = { ...(r.inputs.tags ?? {}), ManagedBy: "pulumi" };
        });
        return passes(plan, "aws-required-tags");
    });
    test("reads default tags sent as an object (newer SDKs)", () => passes(edit(realPlan("production"), PROVIDER,
        i => { i.defaultTags = JSON.parse(i.defaultTags); }, "aws-us-east-1"), "aws-required-tags"));
    test("uses the stack's provider resource when the engine hands the provider without properties", () => {
        const plan = realPlan("production");
        const provider = find(plan, PROVIDER, "aws-us-east-1");
        const key = find(plan, "aws:kms/key:Key", "cluster-secrets-key");
        const policy = policies.find(p => p.name === "aws-required-tags") as StackValidationPolicy;
        const resource = (r: PlanResource, extra: Partial<PolicyResource> = {}): PolicyResource => ({
            type: r.type, name: r.name, urn: r.urn, props: r.inputs, dependencies: [], propertyDependencies: {},
            opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [],
                customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } },
            isType: () => false, asType: () => undefined, ...extra,
        });
        const handed = { type: provider.type, name: provider.name, urn: provider.urn, props: {} };
        const run = (resources: PolicyResource[]) => {
            const reported: string[] = [];
            policy.validateStack({ resources, stackTags: new Map(), getConfig: <T>() => ({}) as T,
                notApplicable: () => { throw new Error("n/a"); } }, m => { reported.push(m); });
            return reported;
        };
        assert.deepEqual(run([resource(provider), resource(key, { provider: handed })]), []);
        assert.match(run([resource(key, { provider: handed })]).join("\n"),
            /'cluster-secrets-key' lacks tags Environment, Owner, CostCentre, ManagedBy/);
    });
    test("fails the recovery region's resources when its provider (aws-us-west-2) has no default tags", () => fails(
        edit(realPlan("production"), PROVIDER, i => { delete i.defaultTags; }, "aws-us-west-2"), "aws-required-tags",
        /aws:backup\/vault:Vault 'database-recovery-recovery-vault' lacks tags Environment, Owner, CostCentre, ManagedBy/));
    test("fails the edge resources when aws-edge loses a tag", () => fails(
        edit(realPlan("production"), PROVIDER, retag(t => { t.CostCentre = " "; }), "aws-edge"), "aws-required-tags",
        /aws:s3\/bucketV2:BucketV2 'assets-logs-bucket' lacks tag CostCentre.*\(aws-edge\)/));
});
