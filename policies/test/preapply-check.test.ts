// bin/policy-check stops a defect of each pre-apply class planted in a copy of the production plan, none of them a
// defect listed in issues 12 or 13: two log groups with one name (a), an IAM role name of 65 characters (b), a chart
// version past support (c), a pod key no ExternalSecret writes (d), a deployer rule open to the whole internet (g).
// The known defects are fixed in the program, so the real plan is the clean case; the rules run at production's own
// config (mandatory: no pending-fix entries remain).
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { Plan } from "../src/offline";
import { configFor, find, production, REPO_DIR } from "./plans";

function check(plan: Plan): { code: number | null; out: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preapply-check-"));
    const file = path.join(dir, "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    const config = configFor("production");
    const configFile = path.join(dir, "config.json");
    fs.writeFileSync(configFile, JSON.stringify({ ...config, "versions-supported": { today: "2026-12-02" } }));
    const run = spawnSync(path.join(REPO_DIR, "bin", "policy-check"), [file, "--config", configFile], { encoding: "utf8" });
    return { code: run.status, out: run.stdout + run.stderr };
}

test("the real production plan (the known defects fixed) passes every check", () => {
    const run = check(production());
    assert.equal(run.code, 0, run.out);
    assert.match(run.out, /0 mandatory and 0 advisory violation\(s\)/);
});

test("bin/policy-check stops one planted defect of each pre-apply class, printing resource, fact and fix", () => {
    const plan = production();
    // a: two log groups with one name
    find(plan, "aws:cloudwatch/logGroup:LogGroup", "metrics-logs").inputs.name = "/aws/eks/multiship-production/cluster";
    // b: an IAM role name of 65 characters
    find(plan, "aws:iam/role:Role", "secrets-order-service-role").inputs.name = "multiship-production-order-service-secrets-reader-role-abcdefghij";
    // c: a chart version past support
    find(plan, "kubernetes:helm.sh/v3:Release", "metrics-collector-chart").inputs.version = "28.4.0";
    // d: a key the ExternalSecret does not write
    find(plan, "kubernetes:apps/v1:Deployment", "release-order-service-blue").inputs.spec.template.spec.containers[0].env.push(
        { name: "WEBHOOK_SECRET", valueFrom: { secretKeyRef: { name: "order-service-secrets", key: "webhook-secret" } } });
    // g: the deployer rule opened to the whole internet instead of the deployer's security group
    const deployer = find(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cluster-api-from-deployer-sg").inputs;
    delete deployer.referencedSecurityGroupId;
    deployer.cidrIpv4 = "0.0.0.0/0";

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
    // Older rules stop some of the same defects too: the rule open to the internet (security-group-world-ingress), the log
    // group named like an audit log group without its key (audit-log-groups-kept-encrypted), the chart moved off the
    // version its flows were read at (network-flows-chart-table). Nothing else fails.
    assert.deepEqual(blocks.filter(b => b.startsWith("[")).map(b => b.split("\n")[0]).sort(), [
        "[mandatory] audit-log-groups-kept-encrypted: aws:cloudwatch/logGroup:LogGroup metrics-logs",
        "[mandatory] aws-name-limits: aws:iam/role:Role secrets-order-service-role",
        "[mandatory] cluster-deployer-access: aws:eks/cluster:Cluster cluster-eks",
        "[mandatory] network-flows-chart-table: kubernetes:helm.sh/v3:Release metrics-collector-chart",
        "[mandatory] secrets-present-at-start: kubernetes:apps/v1:Deployment release-order-service-blue",
        "[mandatory] security-group-world-ingress: aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule cluster-api-from-deployer-sg",
        "[mandatory] unique-physical-names: aws:cloudwatch/logGroup:LogGroup metrics-logs",
        "[mandatory] versions-supported: kubernetes:helm.sh/v3:Release metrics-collector-chart",
    ]);
    assert.match(run.out, /production: \d+ rules, \d+ resources, 8 mandatory and 0 advisory violation\(s\)/);
});
