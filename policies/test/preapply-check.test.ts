// bin/policy-check stops a defect of each pre-apply class planted in a copy of the production plan, none of them a
// defect listed in issues 12 or 13: two log groups with one name (a), an IAM role name of 65 characters (b), a chart
// version past support (c), a pod key no ExternalSecret writes (d), a deployer rule open to the whole internet (g).
// The known defects are fixed in the copy first, and the rules run mandatory (production's config without the
// pending-fix entries), so the test does not depend on the level the stacks run them at today.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { Plan, PlanResource } from "../src/offline";
import { configFor, find, production, REPO_DIR } from "./plans";

function copy(plan: Plan, r: PlanResource, name: string, change: (inputs: Record<string, any>) => void): PlanResource {
    const clone: PlanResource = structuredClone(r);
    clone.name = name;
    clone.urn = r.urn.replace(/::[^:]+$/, `::${name}`);
    change(clone.inputs);
    plan.resources.push(clone);
    return clone;
}

/** The production plan with the known defects of issues 12 and 13 that these rules see fixed. */
function fixedProduction(): Plan {
    const plan = production();
    find(plan, "aws:kms/alias:Alias", "cluster-secrets-key-alias").inputs.name = "alias/multiship-production-cluster-secrets";
    find(plan, "aws:eks/cluster:Cluster").inputs.version = "1.35";
    find(plan, "aws:rds/instance:Instance", "database-instance").inputs.engineVersion = "16.11";
    for (const r of plan.resources.filter(r => r.type === "kubernetes:helm.sh/v3:Release")) {
        r.inputs.version = r.inputs.repositoryOpts.repo.includes("istio") ? "1.31.1"
            : r.inputs.chart === "external-secrets" ? "2.9.0" : "29.27.0";
    }
    const template = find(plan, "aws:secretsmanager/secretVersion:SecretVersion", "secrets-order-service-signing-key-version");
    for (const secret of plan.resources.filter(r => r.type === "aws:secretsmanager/secret:Secret" && /api-key$/.test(r.name))) {
        copy(plan, template, `${secret.name}-placeholder`, i => { i.secretId = `${secret.name}-id`; }).dependencies = [secret.urn];
    }
    const rule = copy(plan, find(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "database-sg-from-cluster"),
        "cluster-deployer-https", i => {
            delete i.referencedSecurityGroupId;
            Object.assign(i, { securityGroupId: "sg-multiship-production-cluster", cidrIpv4: "10.64.0.0/16", fromPort: 443, toPort: 443 });
        });
    rule.dependencies = [find(plan, "aws:eks/cluster:Cluster").urn];
    return plan;
}

function check(plan: Plan): { code: number | null; out: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preapply-check-"));
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    const config = Object.fromEntries(Object.entries(configFor("production"))
        .filter(([, entry]) => !(typeof entry === "object" && "pendingFix" in entry)));
    const configFile = path.join(dir, "config.json");
    fs.writeFileSync(configFile, JSON.stringify({ ...config, "versions-supported": { today: "2026-12-02" } }));
    const run = spawnSync(path.join(REPO_DIR, "bin", "policy-check"), [file, "--config", configFile], { encoding: "utf8" });
    return { code: run.status, out: run.stdout + run.stderr };
}

test("the production plan with the known defects fixed passes the pre-apply checks", () => {
    const run = check(fixedProduction());
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, /0 mandatory and 0 advisory violation\(s\)/);
});

test("bin/policy-check stops one planted defect of each pre-apply class, printing resource, fact and fix", () => {
    const plan = fixedProduction();
    // a: two log groups with one name
    find(plan, "aws:cloudwatch/logGroup:LogGroup", "metrics-logs").inputs.name = "/aws/eks/multiship-production/cluster";
    // b: an IAM role name of 65 characters
    find(plan, "aws:iam/role:Role", "secrets-order-service-role").inputs.name = "multiship-production-order-service-secrets-reader-role-abcdefghij";
    // c: a chart version past support
    find(plan, "kubernetes:helm.sh/v3:Release", "metrics-collector-chart").inputs.version = "28.4.0";
    // d: a key the ExternalSecret does not write
    find(plan, "kubernetes:apps/v1:Deployment", "release-order-service-blue").inputs.spec.template.spec.containers[0].env.push(
        { name: "WEBHOOK_SECRET", valueFrom: { secretKeyRef: { name: "order-service-secrets", key: "webhook-secret" } } });
    // g: the deployer rule opened to the whole internet instead of the deployer's network
    find(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cluster-deployer-https").inputs.cidrIpv4 = "0.0.0.0/0";

    const run = check(plan);
    assert.equal(run.code, 1, run.out);
    const blocks = run.out.split(/\n(?=\[)/);
    const stopped = (rule: string, resource: string, fact: RegExp) => {
        const block = blocks.find(b => b.startsWith(`[mandatory] ${rule}: `) && b.includes(resource));
        assert.ok(block, `${rule} on ${resource} in:\n${run.out}`);
        assert.match(block!, fact);
        assert.match(block!, /\n\s+fix: \S/, `${rule} prints its fix on a line of its own`);
    };
    stopped("unique-physical-names", "metrics-logs", /log group name '\/aws\/eks\/multiship-production\/cluster'.*ResourceAlreadyExistsException/);
    stopped("aws-name-limits", "secrets-order-service-role", /is 65 characters; AWS allows 1-64 \(https:\/\/docs.aws.amazon.com\/IAM\/latest\/APIReference\/API_CreateRole.html\)/);
    stopped("versions-supported", "metrics-collector-chart", /prometheus\) 28 is past its end of support on 2026-04-07/);
    stopped("secrets-present-at-start", "release-order-service-blue", /writes no key webhook-secret/);
    stopped("cluster-deployer-access", "cluster-eks", /no ingress rule on 443 to the cluster security group from a deployer network/);
    // The rule open to the internet is also stopped by the older security-group-world-ingress rule: six in all.
    assert.ok(blocks.some(b => b.startsWith("[mandatory] security-group-world-ingress: ") && b.includes("cluster-deployer-https")));
    assert.match(run.out, /production: \d+ rules, \d+ resources, 6 mandatory and 0 advisory violation\(s\)/);
});
