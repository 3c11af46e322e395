// bin/policy-check: prints each violation with its enforcement and exits non-zero on a mandatory one.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { configFor, realPlan, REPO_DIR } from "./plans";

function check(...args: string[]) {
    const run = spawnSync(path.join(REPO_DIR, "bin", "policy-check"), args, { encoding: "utf8" });
    return { code: run.status, out: run.stdout, err: run.stderr };
}

function planFile(change: (plan: ReturnType<typeof realPlan>) => void): string {
    const plan = realPlan("production");
    change(plan);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "policy-check-")), "plan.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    return file;
}

test("a clean stack passes with exit code 0", () => {
    realPlan("production"); // makes target/plan/production.json when missing
    const run = check("production");
    assert.equal(run.code, 0, run.out + run.err);
    // No rule waits for a fix any more: the real plan has no violation at all.
    assert.match(run.out, /production: \d+ rules, \d+ resources, 0 mandatory and 0 advisory violation\(s\)/);
});

test("a plan file is checked under its stack's policy config (production's exemptions apply)", () => {
    const run = check(planFile(() => undefined));
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(run.out, /config .*policy-config\.production\.json/);
});

test("without the stack's exemptions the same plan fails", () => {
    const file = planFile(() => undefined);
    const config = path.join(path.dirname(file), "config.json");
    fs.writeFileSync(config, JSON.stringify({ all: "mandatory" }));
    const run = check(file, "--config", config);
    assert.equal(run.code, 1, run.out + run.err);
    assert.match(run.out, /\[mandatory\] k8s-namespace-pod-security: kubernetes:core\/v1:Namespace mesh-ns-system/);
});

test("a plan file with a mandatory violation prints it and exits 1", () => {
    const file = planFile(plan => {
        plan.resources.find(r => r.type === "aws:eks/cluster:Cluster")!.inputs.enabledClusterLogTypes = ["api"];
    });
    const run = check(file);
    assert.equal(run.code, 1, run.out + run.err);
    assert.match(run.out, /\[mandatory\] eks-audit-logging: aws:eks\/cluster:Cluster cluster-eks\n\s+urn:pulumi:production::platform::.*::cluster-eks\n\s+enabledClusterLogTypes must include "audit"/);
});

test("a config that makes the rule advisory still prints it but exits 0", () => {
    const file = planFile(plan => {
        plan.resources.find(r => r.type === "aws:eks/cluster:Cluster")!.inputs.enabledClusterLogTypes = ["api"];
    });
    const config = path.join(path.dirname(file), "config.json");
    fs.writeFileSync(config, JSON.stringify({ ...configFor("production"), "eks-audit-logging": "advisory" }));
    const run = check(file, "--config", config);
    assert.equal(run.code, 0, run.out + run.err);
    assert.match(run.out, /\[advisory\] eks-audit-logging/);
});

test("an unknown stack is a usage error", () => {
    const run = check("no-such-stack");
    assert.equal(run.code, 2);
    assert.match(run.err, /neither a plan file nor a stack/);
});
