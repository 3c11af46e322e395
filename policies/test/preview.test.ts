// The pack on preview plans (`bin/plan <stack> --preview`): what a first `pulumi preview` of an empty stack hands the
// analyzers, computed values as the engine's unknown sentinel. A rule that reads an unknown value is an advisory
// there (as @pulumi/policy's server.js reports it), and mandatory on the full plan.
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { UNKNOWN_VALUE } from "../src/offline";
import { configFor, find, previewPlan, realPlan, violations } from "./plans";

const STACKS = ["dev", "staging", "production"];
const SECRET = "aws:secretsmanager/secret:Secret";

describe("preview plans", () => {
    for (const stack of STACKS) {
        test(`${stack}: computed values are unknown, and the pack neither crashes nor reports a mandatory violation`, async () => {
            const plan = previewPlan(stack);
            assert.ok(JSON.stringify(plan).includes(UNKNOWN_VALUE), "the preview plan holds no unknown value");
            const found = await violations(plan, undefined, configFor(stack));
            assert.deepEqual(found.filter(v => v.enforcement === "mandatory"), []);
            assert.ok(found.length > 0, "no rule read an unknown value: the preview plan is not a preview");
            for (const v of found) {
                assert.match(v.message, /^can't run policy '[^']+' from policy pack 'multiship-platform@v[0-9.]+' during preview: /);
            }
        });

        test(`${stack}: every violation of the full plan's defects still shows in preview, as an advisory at worst`, async () => {
            // No false pass: a defect the full plan catches is not silently passed in preview.
            const full = realPlan(stack);
            const preview = previewPlan(stack);
            for (const plan of [full, preview]) {
                find(plan, SECRET, "secrets-order-service-signing-key").inputs.kmsKeyId = "alias/aws/secretsmanager";
            }
            const inFull = await violations(full, "secretsmanager-kms-key", configFor(stack));
            const inPreview = await violations(preview, "secretsmanager-kms-key", configFor(stack));
            assert.deepEqual(inFull.map(v => [v.name, v.enforcement]), [["secrets-order-service-signing-key", "mandatory"]]);
            assert.ok(inPreview.some(v => v.name === "secrets-order-service-signing-key" && v.enforcement === "mandatory"),
                JSON.stringify(inPreview));
        });
    }

    test("a rule that reads a computed value is advisory in preview and mandatory on the full plan", async () => {
        const preview = previewPlan("production");
        // The secret's key ARN comes from the KMS key, which does not exist before the first `up`.
        assert.equal(find(preview, SECRET, "secrets-order-service-signing-key").inputs.kmsKeyId, UNKNOWN_VALUE);
        const advisory = (await violations(preview, "secretsmanager-kms-key", configFor("production")))
            .filter(v => v.name === "secrets-order-service-signing-key");
        assert.deepEqual(advisory.map(v => [v.enforcement, v.message]), [["advisory",
            "can't run policy 'secretsmanager-kms-key' from policy pack 'multiship-platform@v0.1.0' during preview: "
            + "string value at .kmsKeyId can't be known during preview"]]);

        const full = realPlan("production");
        find(full, SECRET, "secrets-order-service-signing-key").inputs.kmsKeyId = "";
        const mandatory = (await violations(full, "secretsmanager-kms-key", configFor("production")))
            .filter(v => v.name === "secrets-order-service-signing-key");
        assert.deepEqual(mandatory.map(v => v.enforcement), ["mandatory"]);
    });
});
