// The pack against the offline plans of all three stacks: zero mandatory violations, with each stack's policy config.
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { enforcementOf } from "../src/offline";
import { policies } from "../src/policies";
import { environmentOf } from "../src/support";
import { exemptions } from "../src/support";
import { configFor, realPlan, violations } from "./plans";

/** Every (rule, exempted name) pair of a stack's policy config, with its reason. */
function exemptionsOf(stack: string): { rule: string; key: string; name: string; reason: string }[] {
    return Object.entries(configFor(stack)).flatMap(([rule, entry]) => typeof entry !== "object" ? [] :
        Object.entries(entry).filter(([key]) => key.startsWith("exempt")).flatMap(([key, value]) => {
            assert.ok(value && typeof value === "object" && !Array.isArray(value),
                `${stack}: ${rule}.${key} must map each name to its reason`);
            return Object.entries(value as Record<string, unknown>).map(([name, reason]) =>
                ({ rule, key, name, reason: String(reason) }));
        }));
}

const STACKS = ["dev", "staging", "production"];

/** Rules that are warnings by design (their own enforcementLevel is advisory, e.g. a support end within 90 days). */
const WARNINGS = new Set(policies.filter(p => p.enforcementLevel === "advisory").map(p => p.name));

for (const stack of STACKS) {
    describe(`the ${stack} stack`, () => {
        test("its real plan has no mandatory violation under its policy config", async () => {
            const found = await violations(realPlan(stack), undefined, configFor(stack));
            assert.deepEqual(found.filter(v => v.enforcement === "mandatory"), []);
        });
        test("its real plan has no violation at all under its policy config (but warnings)", async () => {
            const found = await violations(realPlan(stack), undefined, configFor(stack));
            assert.deepEqual(found.filter(v => !WARNINGS.has(v.policy)), []);
        });
        test("it runs no rule advisory while a defect is pending: no pendingFix or becomesMandatoryWhen entry remains", () => {
            for (const [rule, entry] of Object.entries(configFor(stack))) {
                assert.ok(typeof entry !== "object" || !("pendingFix" in entry || "becomesMandatoryWhen" in entry), `${stack}: ${rule}`);
            }
            assert.deepEqual(policies.filter(p => enforcementOf(p, configFor(stack)) !== "mandatory" && !WARNINGS.has(p.name))
                .map(p => p.name), [], stack);
        });
        test("under the pack defaults it fails exactly on what its config exempts, and every exemption is needed", async () => {
            const plan = realPlan(stack);
            const found = await violations(plan);
            const exempt = exemptionsOf(stack);
            const namespaceOf = (name?: string) =>
                plan.resources.find(r => r.name === name)?.inputs?.metadata?.name;
            const covered = (v: { policy: string; name?: string; message: string }) => WARNINGS.has(v.policy)
                || exempt.some(e => e.rule === v.policy && (e.name === v.name || e.name === namespaceOf(v.name) || namedBy(v, e)));
            // an exemption may name what the message names rather than the resource (a NetworkPolicy behind a Deployment)
            const namedBy = (v: { message: string }, e: { name: string }) => v.message.includes(`${e.name} allows`);
            assert.deepEqual(found.filter(v => !covered(v)), [], "violations no exemption covers");
            for (const e of exempt) {
                assert.ok(found.some(v => v.policy === e.rule && (v.name === e.name || namespaceOf(v.name) === e.name || namedBy(v, e))),
                    `${stack}: ${e.rule} exempts ${e.name}, which does not violate it (stale exemption)`);
            }
        });
        test("every exemption in its config gives a reason", () => {
            for (const e of exemptionsOf(stack)) {
                assert.equal(exemptions({ [e.name]: e.reason }).size, 1, `${stack}: ${e.rule} ${e.name}: "${e.reason}"`);
                assert.ok(e.reason.length >= 40, `${stack}: ${e.rule} ${e.name}: a reason says why, got "${e.reason}"`);
            }
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

test("production runs every rule as mandatory, but warnings", () => {
    const config = configFor("production");
    assert.deepEqual(policies.filter(p => enforcementOf(p, config) !== "mandatory")
        .filter(p => !WARNINGS.has(p.name)).map(p => p.name), []);
    assert.deepEqual(policies.filter(p => enforcementOf(p, {}) !== "mandatory" && !WARNINGS.has(p.name)).map(p => p.name), [],
        "the pack default (no config) is mandatory too");
});

test("a stack's config changes enforcement: its own entry over `all` over the pack default", async () => {
    const rule = policies.find(p => p.name === "rds-not-public")!;
    assert.equal(enforcementOf(rule, { all: "advisory" }), "advisory");
    assert.equal(enforcementOf(rule, { all: "advisory", "rds-not-public": { enforcementLevel: "mandatory" } }), "mandatory");
    assert.equal(enforcementOf(rule, { "rds-not-public": "disabled" }), "disabled");
    const plan = realPlan("production");
    plan.resources.find(r => r.type === "aws:eks/cluster:Cluster")!.inputs.enabledClusterLogTypes = [];
    // The rule alone (other rules' exemptions are not part of this test).
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
