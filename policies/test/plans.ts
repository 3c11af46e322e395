// Test support: the real offline plans of the Java program (made with ../bin/plan when missing), fixtures for the
// resource kinds other capabilities are still adding, and small helpers to mutate resources and run one rule.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { evaluate, PackConfig, Plan, PlanResource, readPlan, Violation } from "../src/offline";
import { policies } from "../src/policies";

/** policies/ (tests run from dist/test, so walk up to the folder holding package.json). */
export const PACK_DIR = (() => {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        dir = path.dirname(dir);
    }
    return dir;
})();
export const REPO_DIR = path.dirname(PACK_DIR);

const cache = new Map<string, Plan>();

/** A fresh copy of the real plan of a stack; `../bin/plan <stack> --quiet` writes it first when it is missing. */
export function realPlan(stack: string): Plan {
    if (!cache.has(stack)) {
        const file = path.join(REPO_DIR, "target", "plan", `${stack}.json`);
        if (!fs.existsSync(file)) {
            execFileSync(path.join(REPO_DIR, "bin", "plan"), [stack, "--quiet"], { cwd: REPO_DIR, stdio: "inherit" });
        }
        cache.set(stack, readPlan(file));
    }
    return structuredClone(cache.get(stack)!);
}

export function configFor(stack: string): PackConfig {
    return JSON.parse(fs.readFileSync(path.join(PACK_DIR, `policy-config.${stack}.json`), "utf8"));
}

/** The violations of one rule (or all rules) on a plan. */
export async function violations(plan: Plan, policy?: string, config: PackConfig = {}): Promise<Violation[]> {
    const all = await evaluate(plan, policies, config);
    return policy ? all.filter(v => v.policy === policy) : all;
}

export function find(plan: Plan, type: string | RegExp, name?: string): PlanResource {
    const found = plan.resources.find(r =>
        (typeof type === "string" ? r.type === type : type.test(r.type)) && (name === undefined || r.name === name));
    if (!found) {
        throw new Error(`no ${type} ${name ?? ""} in the ${plan.stack} plan`);
    }
    return found;
}

/** Moves a plan to another stack name (URNs carry the stack, which decides the environment's rules). */
export function restack(plan: Plan, stack: string): Plan {
    const text = JSON.stringify(plan).split(`urn:pulumi:${plan.stack}::`).join(`urn:pulumi:${stack}::`);
    return { ...JSON.parse(text), stack };
}

export function remove(plan: Plan, type: string, name?: string): Plan {
    const doomed = find(plan, type, name);
    plan.resources = plan.resources.filter(r => r !== doomed);
    return plan;
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: compliant resources of the kinds the other branches are adding, declared as the Java program would
// (same URN scheme, the stack's own AWS / Kubernetes providers). A group is added only when the real plan has none
// of its types yet, so once a capability lands its real resources are the ones tested.

interface Builder {
    plan: Plan;
    add(component: string, type: string, name: string, inputs: Record<string, any>,
        extra?: { provider?: string | null; dependsOn?: string[] }): PlanResource;
}

function builder(plan: Plan): Builder {
    const stackUrn = find(plan, "pulumi:pulumi:Stack").urn;
    const aws = find(plan, "pulumi:providers:aws").urn;
    return {
        plan,
        add(component, type, name, inputs, extra = {}) {
            const chain = component ? `pulumi:pulumi:Stack$${component}$${type}` : `pulumi:pulumi:Stack$${type}`;
            const defaultProvider = type.startsWith("kubernetes:") ? kubernetesProvider(plan)
                : type.startsWith("pulumi:providers:") ? null : aws;
            const resource: PlanResource = {
                urn: `urn:pulumi:${plan.stack}::${plan.project}::${chain}::${name}`,
                type, name, custom: true, parent: stackUrn,
                provider: extra.provider === undefined ? defaultProvider : extra.provider,
                inputs, protect: plan.stack === "production", retainOnDelete: false, deleteBeforeReplace: false,
                ignoreChanges: [], dependencies: extra.dependsOn ?? [], additionalSecretOutputs: [], replaceOnChanges: [],
            };
            plan.resources.push(resource);
            return resource;
        },
    };
}

function kubernetesProvider(plan: Plan): string {
    return find(plan, "pulumi:providers:kubernetes").urn;
}

function region(plan: Plan): string {
    return find(plan, "pulumi:providers:aws").inputs.region;
}

const ACCOUNT = "123456789012";

const groups: { types: string[]; add: (b: Builder) => void }[] = [
    {
        types: ["aws:rds/instance:Instance", "aws:backup/plan:Plan", "aws:backup/vault:Vault"],
        add: b => {
            const home = find(b.plan, "pulumi:providers:aws");
            const dr = b.add("", "pulumi:providers:aws", "aws-us-west-2", {
                ...home.inputs, region: "us-west-2",
            }, { provider: null });
            b.add("platform:database:Database", "aws:rds/instance:Instance", "database-postgres", {
                engine: "postgres", engineVersion: "16.4", instanceClass: "db.r6g.large", allocatedStorage: 100,
                storageEncrypted: true, kmsKeyId: `arn:aws:kms:${region(b.plan)}:${ACCOUNT}:key/database-key`,
                publiclyAccessible: false, backupRetentionPeriod: 35, backupWindow: "06:00-06:30",
                maintenanceWindow: "sun:07:00-sun:09:00", deletionProtection: true, multiAz: true,
                skipFinalSnapshot: false, finalSnapshotIdentifier: "multiship-production-final",
                manageMasterUserPassword: true, username: "multiship",
            });
            const vault = b.add("platform:database:Database", "aws:backup/vault:Vault", "database-vault", {
                name: "multiship-production",
            });
            const drVault = b.add("platform:database:Database", "aws:backup/vault:Vault", "database-vault-dr", {
                name: "multiship-production-dr",
            }, { provider: dr.urn });
            b.add("platform:database:Database", "aws:backup/plan:Plan", "database-backup-plan", {
                name: "multiship-production",
                rules: [
                    { ruleName: "hourly", targetVaultName: "multiship-production", schedule: "cron(0 * * * ? *)",
                        lifecycle: { deleteAfter: 30 } },
                    { ruleName: "daily", targetVaultName: "multiship-production", schedule: "cron(0 7 * * ? *)",
                        lifecycle: { deleteAfter: 90 },
                        copyActions: [{
                            destinationVaultArn: `arn:aws:backup:us-west-2:${ACCOUNT}:backup-vault:multiship-production-dr`,
                            lifecycle: { deleteAfter: 90 },
                        }] },
                ],
            }, { dependsOn: [vault.urn, drVault.urn] });
        },
    },
    {
        types: ["aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretRotation:SecretRotation"],
        add: b => {
            const secret = b.add("platform:secrets:Secrets", "aws:secretsmanager/secret:Secret", "secrets-order-service-db", {
                name: "multiship/production/order-service/database",
                kmsKeyId: `arn:aws:kms:${region(b.plan)}:${ACCOUNT}:key/secrets-key`, recoveryWindowInDays: 30,
            });
            b.add("platform:secrets:Secrets", "aws:secretsmanager/secretRotation:SecretRotation",
                "secrets-order-service-db-rotation", {
                    secretId: "secrets-order-service-db-id",
                    rotationLambdaArn: `arn:aws:lambda:${region(b.plan)}:${ACCOUNT}:function:rotate-postgres`,
                    rotationRules: { automaticallyAfterDays: 30 },
                }, { dependsOn: [secret.urn] });
        },
    },
    {
        types: ["aws:ecr/repository:Repository", "aws:ecr/lifecyclePolicy:LifecyclePolicy"],
        add: b => {
            const repo = b.add("platform:registry:Registry", "aws:ecr/repository:Repository", "registry-order-service", {
                name: "multiship/order-service", imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "KMS" }],
            });
            b.add("platform:registry:Registry", "aws:ecr/lifecyclePolicy:LifecyclePolicy", "registry-order-service-lifecycle", {
                repository: "multiship/order-service",
                policy: JSON.stringify({ rules: [{ rulePriority: 1, description: "keep the last 50 releases",
                    selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 },
                    action: { type: "expire" } }] }),
            }, { dependsOn: [repo.urn] });
        },
    },
    {
        types: ["aws:cloudfront/distribution:Distribution", "aws:s3/bucketV2:BucketV2",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:wafv2/webAcl:WebAcl"],
        add: b => {
            const bucket = b.add("platform:edge:Edge", "aws:s3/bucketV2:BucketV2", "edge-assets", {
                bucket: `multiship-${b.plan.stack}-assets`,
            });
            b.add("platform:edge:Edge", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "edge-assets-public-access", {
                bucket: "edge-assets-id", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true,
                restrictPublicBuckets: true,
            }, { dependsOn: [bucket.urn] });
            b.add("platform:edge:Edge",
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "edge-assets-encryption", {
                    bucket: "edge-assets-id",
                    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true }],
                }, { dependsOn: [bucket.urn] });
            b.add("platform:edge:Edge", "aws:wafv2/webAcl:WebAcl", "edge-waf", {
                scope: "CLOUDFRONT", defaultAction: { allow: {} },
                visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: "edge-waf", sampledRequestsEnabled: true },
            });
            b.add("platform:edge:Edge", "aws:cloudfront/distribution:Distribution", "edge-cdn", {
                enabled: true, isIpv6Enabled: true, aliases: ["static.multiship.com"],
                origins: [{ originId: "assets", domainName: `multiship-${b.plan.stack}-assets.s3.us-east-1.amazonaws.com`,
                    originAccessControlId: "edge-oac-id" },
                { originId: "api", domainName: "api.multiship.com",
                    customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only",
                        originSslProtocols: ["TLSv1.2"] } }],
                defaultCacheBehavior: { targetOriginId: "assets", viewerProtocolPolicy: "redirect-to-https",
                    allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] },
                orderedCacheBehaviors: [{ pathPattern: "/api/*", targetOriginId: "api", viewerProtocolPolicy: "https-only",
                    allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"] }],
                restrictions: { geoRestriction: { restrictionType: "none" } },
                viewerCertificate: { acmCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/edge`,
                    minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" },
                webAclId: `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/edge-waf/edge-waf-id`,
            });
            b.add("platform:edge:Edge", "aws:ec2/securityGroup:SecurityGroup", "edge-alb-sg", {
                description: "Internal load balancer", vpcId: "network-vpc-id",
                ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.30.0.0/16"] }],
            });
        },
    },
    {
        types: ["kubernetes:core/v1:Namespace", "kubernetes:core/v1:ResourceQuota", "kubernetes:core/v1:LimitRange",
            "kubernetes:networking.k8s.io/v1:NetworkPolicy"],
        add: b => {
            const ns = b.add("platform:tenancy:Tenancy", "kubernetes:core/v1:Namespace", "tenancy-ns-order-service", {
                apiVersion: "v1", kind: "Namespace",
                metadata: { name: "order-service", labels: { "pod-security.kubernetes.io/enforce": "restricted",
                    "istio-injection": "enabled" } },
            });
            const inNs = (name: string) => ({ name, namespace: "order-service" });
            b.add("platform:tenancy:Tenancy", "kubernetes:core/v1:ResourceQuota", "tenancy-quota-order-service", {
                apiVersion: "v1", kind: "ResourceQuota", metadata: inNs("quota"),
                spec: { hard: { "requests.cpu": "8", "requests.memory": "16Gi", "limits.cpu": "16", "limits.memory": "32Gi" } },
            }, { dependsOn: [ns.urn] });
            b.add("platform:tenancy:Tenancy", "kubernetes:core/v1:LimitRange", "tenancy-limits-order-service", {
                apiVersion: "v1", kind: "LimitRange", metadata: inNs("limits"),
                spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "512Mi" },
                    defaultRequest: { cpu: "250m", memory: "256Mi" } }] },
            }, { dependsOn: [ns.urn] });
            b.add("platform:tenancy:Tenancy", "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                "tenancy-default-deny-order-service", {
                    apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: inNs("default-deny"),
                    spec: { podSelector: {}, policyTypes: ["Ingress"] },
                }, { dependsOn: [ns.urn] });
        },
    },
    {
        types: ["kubernetes:apps/v1:Deployment"],
        add: b => {
            const inNs = (name: string) => ({ name, namespace: "order-service" });
            b.add("platform:workloads:Workloads", "kubernetes:apps/v1:Deployment", "workloads-order-service-blue", {
                apiVersion: "apps/v1", kind: "Deployment", metadata: inNs("order-service-blue"),
                spec: {
                    replicas: 3,
                    selector: { matchLabels: { app: "order-service", colour: "blue" } },
                    template: {
                        metadata: { labels: { app: "order-service", colour: "blue" } },
                        spec: {
                            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [{
                                name: "order-service",
                                image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/multiship/order-service:v2.2.0`,
                                ports: [{ containerPort: 8080 }],
                                resources: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
                                securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false,
                                    capabilities: { drop: ["ALL"] } },
                                livenessProbe: { httpGet: { path: "/health", port: 8080 }, initialDelaySeconds: 30, periodSeconds: 10 },
                                readinessProbe: { httpGet: { path: "/ready", port: 8080 }, initialDelaySeconds: 5, periodSeconds: 5 },
                                startupProbe: { httpGet: { path: "/startup", port: 8080 } },
                            }],
                        },
                    },
                },
            });
        },
    },
    {
        types: ["kubernetes:networking.istio.io/v1:VirtualService", "kubernetes:networking.istio.io/v1:DestinationRule"],
        add: b => {
            const metadata = (name: string) => ({ name, namespace: "order-service" });
            b.add("platform:traffic:Traffic", "kubernetes:networking.istio.io/v1:DestinationRule", "traffic-order-service-dr", {
                apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: metadata("order-service"),
                spec: { host: "order-service", subsets: [{ name: "blue", labels: { colour: "blue" } },
                    { name: "green", labels: { colour: "green" } }] },
            });
            b.add("platform:traffic:Traffic", "kubernetes:networking.istio.io/v1:VirtualService", "traffic-order-service-vs", {
                apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: metadata("order-service"),
                spec: {
                    hosts: ["order-service"],
                    http: [
                        { name: "canary-header", match: [{ headers: { canary: { exact: "true" } } }],
                            route: [{ destination: { host: "order-service", subset: "green" } }] },
                        { name: "weighted", route: [
                            { destination: { host: "order-service.order-service.svc.cluster.local", subset: "blue" }, weight: 90 },
                            { destination: { host: "order-service", subset: "green", port: { number: 8080 } }, weight: 10 },
                        ] },
                    ],
                },
            });
        },
    },
];

/** The real plan plus compliant fixtures for every resource kind it does not declare yet. */
export function withFixtures(plan: Plan): Plan {
    const b = builder(plan);
    const present = new Set(plan.resources.map(r => r.type));
    for (const group of groups) {
        if (!group.types.some(t => present.has(t))) {
            group.add(b);
        }
    }
    return plan;
}

export function production(): Plan {
    return withFixtures(realPlan("production"));
}
