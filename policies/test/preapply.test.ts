// The pre-apply checks (issue 11 part 2: a, b, c, d, g): each turns a real plan into the defect and sees it stopped,
// passes a clean case, and fails each real plan turned back into the known defects of issues 12 and 13 (all fixed in
// the program now; the real plans pass). Rules run at the pack default (mandatory), not at a stack's config: the stacks'
// own levels are tested in stacks.test.ts.
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Plan, PlanResource } from "../src/offline";
import { compareVersions, versionFindings } from "../src/rules/versions";
import { unreachableCidr } from "../src/rules/deployer-access";
import { find, production, realPlan, remove, restack, violations } from "./plans";

const rule = (name: string, body: () => void) => describe(name, body);

/** The plan's resources as a stack policy sees them offline (inputs as props). */
const view = (plan: Plan) => plan.resources.map(r => ({ ...r, props: r.inputs })) as any[];

async function messages(plan: Plan, policy: string, config = {}): Promise<string[]> {
    const found = await violations(plan, policy, config);
    assert.ok(found.every(v => v.enforcement === (policy === "versions-support-ending" ? "advisory" : "mandatory")));
    return found.map(v => v.message);
}

/** A copy of a plan resource under another logical name (its URN follows), with changed inputs. */
function copy(plan: Plan, r: PlanResource, name: string, change: (inputs: Record<string, any>) => void = () => {}): PlanResource {
    const clone: PlanResource = structuredClone(r);
    clone.name = name;
    clone.urn = r.urn.replace(/::[^:]+$/, `::${name}`);
    change(clone.inputs);
    plan.resources.push(clone);
    return clone;
}

const ALIAS = "aws:kms/alias:Alias";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const EKS = "aws:eks/cluster:Cluster";
const RDS = "aws:rds/instance:Instance";
const HELM = "kubernetes:helm.sh/v3:Release";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SM_SECRET = "aws:secretsmanager/secret:Secret";
const SM_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const KMS_FACT = "CreateAlias fails with AlreadyExistsException (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html)";

const DEPLOYER_RULE = "cluster-api-from-deployer-sg";

/** Issue 12 item 1 planted back: the cluster key's alias takes the secrets key's alias name. */
function duplicateAlias(plan: Plan): Plan {
    find(plan, ALIAS, "cluster-secrets-key-alias").inputs.name = find(plan, ALIAS, "secrets-key-alias").inputs.name;
    return plan;
}

/** The versions of issues 12 items 2-3 and 13 item 2 planted back: EKS 1.31, PostgreSQL 16.4, Istio 1.24.6, External Secrets 0.16.2, prometheus 27.19.0. */
function oldVersions(plan: Plan): Plan {
    find(plan, EKS).inputs.version = "1.31";
    find(plan, RDS, "database-instance").inputs.engineVersion = "16.4";
    for (const r of plan.resources.filter(r => r.type === HELM)) {
        r.inputs.version = r.inputs.repositoryOpts?.repo?.includes("istio") ? "1.24.6"
            : r.inputs.chart === "external-secrets" ? "0.16.2" : "27.19.0";
    }
    return plan;
}

/** Issue 12 item 5 planted back: the third-party secrets lose their placeholder versions. */
function withoutPlaceholders(plan: Plan): Plan {
    const doomed = plan.resources.filter(r => r.type === SM_VERSION && r.name.endsWith("-api-key-placeholder"));
    assert.ok(doomed.length > 0, `${plan.stack} declares placeholder versions`);
    plan.resources = plan.resources.filter(r => !doomed.includes(r));
    return plan;
}

/** Issue 12 item 4 planted back: the cluster's 443 rule from the deployer security group removed. */
function withoutDeployerRule(plan: Plan): Plan {
    return remove(plan, INGRESS, DEPLOYER_RULE);
}

rule("unique-physical-names", () => {
    test("fails every stack's plan turned into issue 12 item 1: the cluster key's alias named like the secrets key's", async () => {
        for (const [stack, region] of [["dev", "us-east-2"], ["staging", "us-east-1"], ["production", "us-east-1"]]) {
            const plan = duplicateAlias(realPlan(stack));
            assert.deepEqual(await messages(plan, "unique-physical-names"), [
                "aws:kms/alias:Alias 'cluster-secrets-key-alias' and aws:kms/alias:Alias 'secrets-key-alias' both claim KMS "
                + `alias '${find(plan, ALIAS, "secrets-key-alias").inputs.name}' (account the stack's account, region ${region}): ${KMS_FACT}. `
                + "Fix: give each its own name (or let one of them be auto-named), or declare it once and pass it to the other component."]);
        }
    });
    test("passes on the real plans: every alias differs", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), "unique-physical-names"), [], stack);
        }
    });
    test("fails two log groups with one name", async () => {
        const plan = production();
        find(plan, LOG_GROUP, "metrics-logs").inputs.name = "/aws/eks/multiship-production/cluster";
        assert.deepEqual(await messages(plan, "unique-physical-names"), [
            "aws:cloudwatch/logGroup:LogGroup 'cluster-control-plane-logs' and aws:cloudwatch/logGroup:LogGroup 'metrics-logs' "
            + "both claim log group name '/aws/eks/multiship-production/cluster' (account the stack's account, region us-east-1): "
            + "CreateLogGroup fails with ResourceAlreadyExistsException (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html). "
            + "Fix: give each its own name (or let one of them be auto-named), or declare it once and pass it to the other component."]);
    });
    test("passes one alias name in two regions (the recovery region's provider)", async () => {
        const plan = production();
        find(plan, ALIAS, "cluster-secrets-key-alias").provider = find(plan, "pulumi:providers:aws", "aws-us-west-2").urn;
        assert.deepEqual(await messages(plan, "unique-physical-names"), []);
    });
    test("fails two IAM roles with one name in two regions (IAM names are per account)", async () => {
        const plan = production();
        const roles = plan.resources.filter(r => r.type === ROLE).slice(0, 2);
        roles.forEach(r => { r.inputs.name = "multiship-production-deployer"; });
        roles[1].provider = find(plan, "pulumi:providers:aws", "aws-us-west-2").urn;
        const found = await messages(plan, "unique-physical-names");
        assert.equal(found.length, 1);
        assert.match(found[0], /both claim IAM role name 'multiship-production-deployer' \(account the stack's account\): CreateRole fails with EntityAlreadyExists/);
    });
    test("fails two ConfigMaps with one namespace and name; passes the same name in another namespace", async () => {
        const plan = production();
        const config = find(plan, "kubernetes:core/v1:ConfigMap", "release-order-service-config");
        copy(plan, config, "release-order-service-config-copy");
        const found = await messages(plan, "unique-physical-names");
        assert.equal(found.length, 1);
        assert.match(found[0], /both claim ConfigMap order-service\/order-service-config: the API server keeps one object per kind, namespace and name/);
        const elsewhere = production();
        copy(elsewhere, find(elsewhere, "kubernetes:core/v1:ConfigMap", "release-order-service-config"), "copy",
            i => { i.metadata.namespace = "catalog-service"; });
        assert.deepEqual(await messages(elsewhere, "unique-physical-names"), []);
    });
    test("fails a Secret declared beside the ExternalSecret that targets it", async () => {
        const plan = production();
        const config = find(plan, "kubernetes:core/v1:ConfigMap", "release-order-service-config");
        const secret = copy(plan, config, "order-service-secret", i => { i.metadata.name = "order-service-secrets"; });
        secret.type = "kubernetes:core/v1:Secret";
        secret.urn = secret.urn.replace("kubernetes:core/v1:ConfigMap", "kubernetes:core/v1:Secret");
        const found = await messages(plan, "unique-physical-names");
        assert.equal(found.length, 1);
        assert.match(found[0], /claim Secret order-service\/order-service-secrets \(the target of ExternalSecret order-service\/order-service-secrets\)/);
    });
    test("passes two security groups with one name in two VPCs, fails them in one", async () => {
        const plan = production();
        const sg = find(plan, "aws:ec2/securityGroup:SecurityGroup", "database-sg");
        // The real group is named by prefix (AWS adds a unique suffix); an explicit name is what can collide.
        delete sg.inputs.namePrefix;
        sg.inputs.name = "multiship-production-database";
        copy(plan, sg, "other-sg", i => { i.vpcId = "vpc-tooling"; });
        assert.deepEqual(await messages(plan, "unique-physical-names"), []);
        find(plan, "aws:ec2/securityGroup:SecurityGroup", "other-sg").inputs.vpcId = sg.inputs.vpcId;
        assert.match((await messages(plan, "unique-physical-names"))[0], new RegExp(`security group name 'multiship-production-database' \\(.*vpcId=${sg.inputs.vpcId}\\): CreateSecurityGroup fails with InvalidGroup.Duplicate`));
    });
});

rule("aws-name-limits", () => {
    test("passes the real plans (every explicit name and prefix is within AWS's limits)", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), "aws-name-limits"), [], stack);
        }
    });
    test("fails an IAM role name of 65 characters", async () => {
        const plan = production();
        const name = "multiship-production-" + "x".repeat(44);
        assert.equal(name.length, 65);
        find(plan, ROLE, "secrets-order-service-role").inputs.name = name;
        assert.deepEqual(await messages(plan, "aws-name-limits"), [`name '${name}' is 65 characters; AWS allows 1-64 `
            + "(https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html). Fix: shorten it."]);
    });
    test("fails a bucket prefix that leaves no room for the provider's 26-character suffix", async () => {
        const plan = production();
        const prefix = "multiship-production-assets-archive-xx"; // 38 characters + 26 = 64 > 63
        assert.equal(prefix.length, 38);
        find(plan, "aws:s3/bucketV2:BucketV2", "assets-bucket").inputs.bucketPrefix = prefix;
        assert.deepEqual(await messages(plan, "aws-name-limits"), [`bucketPrefix '${prefix}' (AWS appends 26 characters) is `
            + "38 characters; AWS allows 1-37 for a prefix (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). Fix: shorten it."]);
    });
    test("fails characters AWS refuses: an upper-case ECR repository, a backup vault with a dot, a K8s name", async () => {
        const plan = production();
        find(plan, "aws:ecr/repository:Repository", "registry-order-service").inputs.name = "multiship/Order-Service";
        find(plan, "aws:backup/vault:Vault", "database-recovery-vault").inputs.name = "multiship.production";
        find(plan, "kubernetes:core/v1:ConfigMap", "release-order-service-config").inputs.metadata.name = "Order_Config";
        const found = await messages(plan, "aws-name-limits");
        assert.equal(found.length, 3);
        assert.match(found.join("\n"), /name 'multiship\/Order-Service' breaks AWS's naming rule: lower-case letters and digits/);
        assert.match(found.join("\n"), /name 'multiship.production' breaks AWS's naming rule: letters, digits, hyphens and underscores \(https:\/\/docs.aws.amazon.com\/aws-backup/);
        assert.match(found.join("\n"), /metadata.name 'Order_Config' is not a DNS-1123 subdomain/);
    });
});

const TODAY = "2026-12-02";

rule("versions-supported", () => {
    test("passes the real plans: EKS 1.36, PostgreSQL 17, Istio 1.31.1, External Secrets 2.13.0, prometheus chart 29.27.0", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(versionFindings(view(realPlan(stack)), TODAY), [], stack);
        }
    });
    test("fails the plans turned into EKS 1.31, PostgreSQL 16.4, Istio 1.24, External Secrets 0.16, prometheus chart 27 (issues 12, 13)", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            const found = versionFindings(view(oldVersions(realPlan(stack))), TODAY).filter(f => f.level === "unsupported");
            const by = (name: string) => found.filter(f => f.urn.endsWith(`::${name}`)).map(f => f.message);
            assert.deepEqual(by("cluster-eks"), ["aws:eks/cluster:Cluster 'cluster-eks': EKS Kubernetes version 1.31 can no "
                + "longer be created: its extended support ended on 2026-11-26 (https://docs.aws.amazon.com/eks/latest/userguide/"
                + "kubernetes-versions.html#kubernetes-release-calendar, read 2026-12-02). Fix: set the cluster version (one minor "
                + "at a time on a running cluster) to 1.36 (supported until 2027-08-02)."], stack);
            assert.match(by("database-instance")[0], /RDS for PostgreSQL 16\.4 can no longer be created: RDS stopped creating 16\.x below 16\.9 on 2026-05-01/);
            for (const istio of ["mesh-base", "mesh-cni", "mesh-istiod", "mesh-gateway"]) {
                assert.match(by(istio)[0], /Istio minor 1\.24 is past its end of support on 2025-06-19 .*Fix: pin chart \w+ to 1\.31\./, istio);
            }
            assert.match(by("in-cluster-secrets-operator")[0], /External Secrets chart 0\.16 is past its end of support on 2025-05-14/);
            assert.match(by("metrics-collector-chart")[0], /prometheus\) 27 is past its end of support on 2026-01-01/);
            assert.equal(found.length, 8, stack);
        }
    });
    test("the rule reports them from the plan on the day of the preview", async () => {
        assert.equal((await messages(oldVersions(production()), "versions-supported", { "versions-supported": { today: TODAY } })).length, 8);
    });
    test("passes supported versions (the real plan)", async () => {
        assert.deepEqual(await messages(production(), "versions-supported", { "versions-supported": { today: TODAY } }), []);
    });
    test("\"today\" is injectable: the same plan passed on 2025-01-01, before these versions left support", async () => {
        const plan = oldVersions(production());
        plan.resources.filter(r => r.type === HELM && r.inputs.chart !== "external-secrets" && r.inputs.chart !== "prometheus")
            .forEach(r => { r.inputs.version = "1.24.2"; });
        const findings = versionFindings(view(plan), "2025-01-01").filter(f => f.level === "unsupported");
        assert.deepEqual(findings.map(f => f.urn.split("::").pop()).sort(), ["in-cluster-secrets-operator", "metrics-collector-chart"]);
    });
    test("fails EKS 1.34 on the day its standard support ends (2026-12-02)", () => {
        const plan = production();
        find(plan, EKS).inputs.version = "1.34";
        assert.deepEqual(versionFindings(view(plan), TODAY).map(f => [f.level, f.message]), [["unsupported",
            "aws:eks/cluster:Cluster 'cluster-eks': EKS Kubernetes version 1.34 is past its end of standard support on 2026-12-02 "
            + "(extended support, at extra cost, ends 2027-12-02) (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar, "
            + "read 2026-12-02). Fix: set the cluster version (one minor at a time on a running cluster) to 1.36 (supported until 2027-08-02)."]]);
    });
    test("fails a chart version past support (prometheus 28.x), a chart release that does not exist, an unknown chart", () => {
        const plan = production();
        find(plan, HELM, "metrics-collector-chart").inputs.version = "28.4.0";
        find(plan, HELM, "in-cluster-secrets-operator").inputs.version = "2.8.0";
        const mesh = find(plan, HELM, "mesh-istiod");
        mesh.inputs.version = "1.30.7";
        const extra = copy(plan, mesh, "metrics-server", i => {
            i.chart = "metrics-server"; i.version = "3.12.2"; i.repositoryOpts = { repo: "https://kubernetes-sigs.github.io/metrics-server/" };
        });
        const found = versionFindings(view(plan), TODAY);
        const by = (r: PlanResource) => found.filter(f => f.urn === r.urn).map(f => `${f.level}: ${f.message}`);
        assert.match(by(find(plan, HELM, "metrics-collector-chart"))[0], /^unsupported: .*prometheus\) 28 is past its end of support on 2026-04-07/);
        assert.match(by(find(plan, HELM, "in-cluster-secrets-operator"))[0], /^unsupported: .*External Secrets chart 2\.8 is past its end of support on 2026-08-07/);
        assert.match(by(mesh)[0], /^ending: .*Istio minor 1\.30\.7 is newer than the calendar knows \(newest 1\.30\.3/);
        assert.match(by(extra)[0], /^unsupported: .*chart metrics-server 3\.12\.2 from https:\/\/kubernetes-sigs.github.io\/metrics-server has no support calendar/);
        find(plan, HELM, "metrics-collector-chart").inputs.version = "29.3.5";
        assert.match(versionFindings(view(plan), TODAY).find(f => f.urn.endsWith("::metrics-collector-chart"))!.message,
            /29\.3\.5 is not a release of the 29 line \(releases up to 29\.27\.0/);
    });
    test("fails a PostgreSQL major past standard support; a major alone is judged by the major", () => {
        const plan = production();
        find(plan, RDS, "database-instance").inputs.engineVersion = "13.20";
        assert.match(versionFindings(view(plan), TODAY)[0].message, /RDS for PostgreSQL major version 13 is past its end of support on 2026-02-28/);
        find(plan, RDS, "database-instance").inputs.engineVersion = "17";
        assert.deepEqual(versionFindings(view(plan), TODAY), []);
    });
    test("versions compare numerically", () => {
        assert.ok(compareVersions("1.9", "1.10") < 0);
        assert.ok(compareVersions("29.27.0", "29.3.5") > 0);
        assert.equal(compareVersions("v2.9.0", "2.9.0"), 0);
    });
});

rule("versions-support-ending", () => {
    test("warns 90 days ahead: EKS 1.35 on 2027-01-15 leaves standard support in 71 days", async () => {
        const plan = production();
        find(plan, EKS).inputs.version = "1.35";
        const found = await messages(plan, "versions-support-ending", { "versions-support-ending": { today: "2027-01-15" } });
        assert.ok(found.includes("aws:eks/cluster:Cluster 'cluster-eks': EKS Kubernetes version 1.35 leaves standard support "
            + "on 2027-03-27, in 71 days (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar, "
            + "read 2026-12-02). Fix: plan the upgrade now: set the cluster version (one minor at a time on a running cluster) to 1.36 (supported until 2027-08-02)."),
            found.join("\n"));
    });
    test("is quiet on supported versions far from their end", async () => {
        assert.deepEqual(await messages(production(), "versions-support-ending",
            { "versions-support-ending": { today: TODAY } }), []);
    });
    test("is advisory by design: it never blocks an update", async () => {
        const plan = production();
        find(plan, EKS).inputs.version = "1.35";
        const found = await violations(plan, "versions-support-ending", { "versions-support-ending": { today: "2027-01-15" } });
        assert.ok(found.length > 0 && found.every(v => v.enforcement === "advisory"));
    });
});

rule("secrets-present-at-start", () => {
    test("fails the plans turned into issue 12 item 5: the payment-gateway and email-service secrets without placeholder versions", async () => {
        const found = await messages(withoutPlaceholders(production()), "secrets-present-at-start");
        assert.equal(found.length, 3);
        assert.equal(found[2], "kubernetes:apps/v1:Deployment 'release-order-service-green' needs Secret "
            + "order-service/order-service-secrets key payment-gateway-api-key (container order-service env PAYMENT_GATEWAY_API_KEY), "
            + "which comes from Secrets Manager 'multiship/production/order-service/payment-gateway-api-key' "
            + "(aws:secretsmanager/secret:Secret 'secrets-order-service-payment-gateway-api-key' via "
            + "kubernetes:external-secrets.io/v1:ExternalSecret 'in-cluster-secrets-external-order-service'), and the plan gives "
            + "that secret no value: GetSecretValue fails until someone puts one, the ExternalSecret never creates the Secret, "
            + "the pods sit in CreateContainerConfigError and Pulumi's wait for the workload fails the first `up`. Fix: create a "
            + "placeholder aws:secretsmanager/secretVersion:SecretVersion that Pulumi never overwrites (ignoreChanges on "
            + "secretString) and that the service reads as \"not configured\", or make the reference optional.");
        assert.match(found.join("\n"), /release-notification-service-green' needs Secret shared-services\/notification-service-secrets key email-service-api-key/);
        assert.equal((await messages(withoutPlaceholders(realPlan("dev")), "secrets-present-at-start")).length, 2);
        assert.equal((await messages(withoutPlaceholders(realPlan("staging")), "secrets-present-at-start")).length, 3);
    });
    test("passes the real plans: each third-party secret has a placeholder version", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), "secrets-present-at-start"), [], stack);
        }
    });
    test("passes an optional reference to an empty secret", async () => {
        const plan = withoutPlaceholders(production());
        for (const d of plan.resources.filter(r => r.type === DEPLOYMENT)) {
            for (const e of d.inputs.spec.template.spec.containers[0].env ?? []) {
                if (/API_KEY$/.test(e.name)) {
                    e.valueFrom.secretKeyRef.optional = true;
                }
            }
        }
        assert.deepEqual(await messages(plan, "secrets-present-at-start"), []);
    });
    test("fails a key the ExternalSecret does not write", async () => {
        const plan = production();
        const blue = find(plan, DEPLOYMENT, "release-order-service-blue");
        blue.inputs.spec.template.spec.containers[0].env.push(
            { name: "WEBHOOK_SECRET", valueFrom: { secretKeyRef: { name: "order-service-secrets", key: "webhook-secret" } } });
        assert.deepEqual(await messages(plan, "secrets-present-at-start"), ["kubernetes:apps/v1:Deployment "
            + "'release-order-service-blue' needs Secret order-service/order-service-secrets key webhook-secret (container "
            + "order-service env WEBHOOK_SECRET), but kubernetes:external-secrets.io/v1:ExternalSecret "
            + "'in-cluster-secrets-external-order-service' writes no key webhook-secret (spec.data[].secretKey): the container "
            + "stays in CreateContainerConfigError (https://kubernetes.io/docs/concepts/configuration/secret/#restriction-secret-must-exist). "
            + "Fix: add the key to the ExternalSecret."]);
    });
    test("fails a Secret nothing creates, a missing store, an undeclared Secrets Manager secret, a store in another region", async () => {
        const plan = production();
        const blue = find(plan, DEPLOYMENT, "release-order-service-blue");
        blue.inputs.spec.template.spec.containers[0].envFrom.push({ secretRef: { name: "order-service-extra" } });
        find(plan, /:ExternalSecret$/, "in-cluster-secrets-external-catalog-service").inputs.spec.secretStoreRef.name = "nowhere";
        find(plan, /:ExternalSecret$/, "in-cluster-secrets-external-auth-service").inputs.spec.data[0].remoteRef.key = "multiship/shared/db";
        find(plan, /:SecretStore$/, "in-cluster-secrets-store-api-gateway").inputs.spec.provider.aws.region = "us-west-2";
        const found = (await messages(plan, "secrets-present-at-start")).join("\n");
        assert.match(found, /needs Secret order-service\/order-service-extra \(container order-service envFrom\), and nothing in the plan creates that Secret/);
        assert.match(found, /whose SecretStore 'nowhere' is not declared in catalog-service/);
        assert.match(found, /from Secrets Manager 'multiship\/shared\/db', which this plan does not declare/);
        assert.match(found, /read through kubernetes:external-secrets.io\/v1:SecretStore 'in-cluster-secrets-store-api-gateway' in us-west-2, but aws:secretsmanager\/secret:Secret 'secrets-api-gateway-signing-key' is in us-east-1/);
    });
});

rule("cluster-deployer-access", () => {
    test("passes the real plans: private endpoints and a 443 rule from the deployer security group", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), "cluster-deployer-access"), [], stack);
        }
    });
    test("fails the production plan turned into issue 12 item 4: private endpoint, no deployer rule", async () => {
        assert.deepEqual(await messages(withoutDeployerRule(production()), "cluster-deployer-access"), ["aws:eks/cluster:Cluster 'cluster-eks' has "
            + "only a private API endpoint, and the plan has no ingress rule on 443 to the cluster security group from a deployer "
            + "network: on a fresh account the VPC is created by this same `up`, so no runner inside it exists yet and the "
            + "Kubernetes resources of the `up` cannot be created (https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html). "
            + "Fix: declare the deployer's network (a runner's security group, or a tooling VPC's CIDR reached by peering or "
            + "transit gateway) as a setting that becomes an aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule on 443 "
            + "to vpcConfig.clusterSecurityGroupId, and document the order of the first `up`."]);
    });
    test("fails dev and staging turned into issue 12 item 4: public endpoints open only to RFC 5737 documentation ranges", async () => {
        const publicTo = (plan: Plan, cidrs: string[]) => {
            Object.assign(find(plan, EKS).inputs.vpcConfig, { endpointPublicAccess: true, publicAccessCidrs: cidrs });
            return plan;
        };
        assert.match((await messages(publicTo(realPlan("dev"), ["203.0.113.0/24"]), "cluster-deployer-access"))[0],
            /public API endpoint open only to 203\.0\.113\.0\/24 \(inside 203\.0\.113\.0\/24\): documentation \(RFC 5737\)/);
        assert.match((await messages(publicTo(realPlan("staging"), ["203.0.113.0/24", "198.51.100.0/24"]), "cluster-deployer-access"))[0],
            /open only to 203\.0\.113\.0\/24 \(inside 203\.0\.113\.0\/24\), 198\.51\.100\.0\/24 \(inside 198\.51\.100\.0\/24\)/);
    });
    test("passes a 443 rule from a tooling VPC's CIDR to the cluster security group", async () => {
        const plan = production();
        const rule = find(plan, INGRESS, DEPLOYER_RULE);
        delete rule.inputs.referencedSecurityGroupId;
        rule.inputs.cidrIpv4 = "10.64.0.0/16";
        assert.deepEqual(await messages(plan, "cluster-deployer-access"), []);
    });
    test("passes a 443 rule from a runner's security group (the real plan's deployer group)", async () => {
        const plan = production();
        const rule = find(plan, INGRESS, DEPLOYER_RULE);
        assert.equal(rule.inputs.referencedSecurityGroupId, find(plan, "aws:ec2/securityGroup:SecurityGroup", "network-deployer-sg").id);
        assert.deepEqual(await messages(plan, "cluster-deployer-access"), []);
    });
    test("fails a rule from the whole internet, from a documentation range, or on another port", async () => {
        const fromCidr = (cidr: string) => (i: any) => { delete i.referencedSecurityGroupId; i.cidrIpv4 = cidr; };
        for (const change of [fromCidr("0.0.0.0/0"), fromCidr("192.0.2.0/24"), (i: any) => { i.fromPort = 22; i.toPort = 22; }]) {
            const plan = production();
            change(find(plan, INGRESS, DEPLOYER_RULE).inputs);
            assert.equal((await messages(plan, "cluster-deployer-access")).length, 1);
        }
    });
    test("passes a public endpoint open to a real network", async () => {
        const plan = withoutDeployerRule(realPlan("dev"));
        Object.assign(find(plan, EKS).inputs.vpcConfig, { endpointPublicAccess: true, publicAccessCidrs: ["52.94.76.0/24"] });
        assert.deepEqual(await messages(plan, "cluster-deployer-access"), []);
        assert.equal(unreachableCidr("10.1.0.0/16"), undefined, "a private CIDR reaches a private endpoint");
        assert.equal(unreachableCidr("10.1.0.0/16", true), "10.0.0.0/8", "but never a public one");
    });
    test("is environment-independent: a private dev endpoint needs the rule too", async () => {
        const plan = restack(withoutDeployerRule(production()), "dev");
        assert.equal((await messages(plan, "cluster-deployer-access")).length, 1);
    });
});

describe("on a preview-mode plan (values computed by the cloud are unknown, as in a first `pulumi preview`)", () => {
    const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    /** Every id, ARN and cross-resource reference of the plan made unknown. */
    function previewMode(plan: Plan): Plan {
        const blank = (value: any): any => {
            if (typeof value === "string") {
                return /(-id|-arn)$|^arn:|^sg-|^ws-/.test(value) ? UNKNOWN_VALUE : value;
            }
            if (Array.isArray(value)) {
                return value.map(blank);
            }
            return value && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v)])) : value;
        };
        plan.resources.forEach(r => { r.inputs = blank(r.inputs); });
        return plan;
    }
    test("each pre-apply rule still reports its planted defect, mandatory, without a preview advisory", async () => {
        const defects = (plan: Plan) => withoutDeployerRule(withoutPlaceholders(oldVersions(duplicateAlias(plan))));
        for (const [policy, count] of [["unique-physical-names", 1], ["versions-supported", 8], ["secrets-present-at-start", 3],
            ["cluster-deployer-access", 1], ["aws-name-limits", 0]] as [string, number][]) {
            const found = await violations(previewMode(defects(production())), policy, { "versions-supported": { today: TODAY } });
            assert.equal(found.filter(v => v.enforcement === "mandatory").length, count, `${policy}: ${JSON.stringify(found)}`);
            assert.deepEqual(found.filter(v => v.enforcement !== "mandatory"), [], policy);
        }
    });
    test("and the real, fixed plan passes", async () => {
        const plan = previewMode(production());
        for (const policy of ["unique-physical-names", "versions-supported", "secrets-present-at-start", "cluster-deployer-access"]) {
            assert.deepEqual(await violations(plan, policy, { "versions-supported": { today: TODAY } }), [], policy);
        }
    });
});
