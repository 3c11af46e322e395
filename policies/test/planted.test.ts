// Defects of the flow and capacity classes that no issue names, planted in a copy of the real production plan:
// `bin/policy-check` must stop them (exit 1, mandatory) under production's own policy config.
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { Plan } from "../src/offline";
import { find, realPlan, REPO_DIR } from "./plans";

function policyCheck(plan: Plan) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "planted-")), "production.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    const run = spawnSync(path.join(REPO_DIR, "bin", "policy-check"), [file], { encoding: "utf8" });
    return { code: run.status, out: run.stdout + run.stderr };
}

test("planted flow defect: order-service resolves names over UDP only (TCP 53 dropped from its DNS rule)", () => {
    const plan = realPlan("production");
    find(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "tenancy-ns-order-service-allow-dns")
        .inputs.spec.egress[0].ports = [{ port: 53, protocol: "UDP" }];
    const run = policyCheck(plan);
    assert.equal(run.code, 1, run.out);
    assert.match(run.out, /\[mandatory\] network-flows-required: kubernetes:apps\/v1:Deployment release-order-service-blue\n.*\n\s+flow dns: order-service\/order-service-blue -> Service kube-system\/kube-dns TCP 53 is blocked/);
});

test("planted capacity defect: production's node group capped at its minimum of 3 nodes", () => {
    const plan = realPlan("production");
    find(plan, "aws:eks/nodeGroup:NodeGroup").inputs.scalingConfig.maxSize = 3;
    const run = policyCheck(plan);
    assert.equal(run.code, 1, run.out);
    assert.match(run.out, /\[mandatory\] capacity-node-groups: aws:eks\/nodeGroup:NodeGroup cluster-nodes-general\n.*\n\s+the node groups at their maximum hold 11760m CPU \(cluster-nodes-general: 3 x m6i.xlarge/);
});
