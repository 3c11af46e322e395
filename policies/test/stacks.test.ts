// The pack against the offline plans of all three stacks: zero mandatory violations, with each stack's policy config.
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { enforcementOf } from "../src/offline";
import { policies } from "../src/policies";
import { environmentOf } from "../src/support";
import { configFor, realPlan, violations, withFixtures } from "./plans";

const STACKS = ["dev", "staging", "production"];

for (const stack of STACKS) {
    describe(`the ${stack} stack`, () => {
        test("its real plan has no mandatory violation under its policy config", async () => {
            const found = await violations(realPlan(stack), undefined, configFor(stack));
            assert.deepEqual(found.filter(v => v.enforcement === "mandatory"), []);
        });
        test("its real plan has no mandatory violation under the pack defaults", async () => {
            const found = await violations(realPlan(stack));
            assert.deepEqual(found.filter(v => v.enforcement === "mandatory"), []);
        });
        test("its real plan plus the fixtures of capabilities still to come has no violation", async () => {
            assert.deepEqual(await violations(withFixtures(realPlan(stack)), undefined, configFor(stack)), []);
        });
        test("its policy config names only rules of the pack, with valid levels", () => {
            const names = new Set(["all", ...policies.map(p => p.name)]);
            for (const [key, value] of Object.entries(configFor(stack))) {
                assert.ok(names.has(key), `${key} is not a rule of the pack`);
                const level = typeof value === "string" ? value : value.enforcementLevel;
                if (level !== undefined) {
                    assert.ok(["advisory", "mandatory", "remediate", "disabled"].includes(level), `${key}: ${level}`);
                }
            }
        });
    });
}

test("production runs every rule as mandatory", () => {
    const config = configFor("production");
    assert.deepEqual(policies.filter(p => enforcementOf(p, config) !== "mandatory").map(p => p.name), []);
    assert.deepEqual(policies.filter(p => enforcementOf(p, {}) !== "mandatory").map(p => p.name), [],
        "the pack default (no config) is mandatory too");
});

test("a stack's config changes enforcement: its own entry over `all` over the pack default", async () => {
    const rule = policies.find(p => p.name === "rds-not-public")!;
    assert.equal(enforcementOf(rule, { all: "advisory" }), "advisory");
    assert.equal(enforcementOf(rule, { all: "advisory", "rds-not-public": { enforcementLevel: "mandatory" } }), "mandatory");
    assert.equal(enforcementOf(rule, { "rds-not-public": "disabled" }), "disabled");
    const plan = realPlan("production");
    plan.resources.find(r => r.type === "aws:eks/cluster:Cluster")!.inputs.enabledClusterLogTypes = [];
    const advisory = await violations(plan, "eks-audit-logging", { "eks-audit-logging": "advisory" });
    assert.deepEqual(advisory.map(v => v.enforcement), ["advisory"]);
    assert.deepEqual(await violations(plan, "eks-audit-logging", { all: "disabled" }), []);
});

test("the environment comes from the stack name; unknown stack names get production's rules", () => {
    assert.equal(environmentOf("urn:pulumi:dev::platform::pulumi:pulumi:Stack::platform-dev"), "dev");
    assert.equal(environmentOf("urn:pulumi:staging::platform::aws:s3/bucketV2:BucketV2::b"), "staging");
    assert.equal(environmentOf("urn:pulumi:production::platform::aws:s3/bucketV2:BucketV2::b"), "production");
    assert.equal(environmentOf("urn:pulumi:perf-test::platform::aws:s3/bucketV2:BucketV2::b"), "production");
});
