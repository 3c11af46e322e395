// A pre-apply rule that today's plans still violate lands as advisory in policy-config.<stack>.json, with the defect
// whose fix makes it mandatory: `{"enforcementLevel": "advisory", "pendingFix": "becomes mandatory when ... is fixed"}`.
// The schema lets the CLI accept that key (it validates --policy-pack-config against each rule's schema).
import { PolicyConfigSchema } from "@pulumi/policy";

export const PENDING_FIX = {
    type: "string" as const,
    description: "Why the rule runs advisory on this stack for now: \"becomes mandatory when <defect> is fixed\".",
};

export const pendingFixSchema: PolicyConfigSchema = { properties: { pendingFix: PENDING_FIX } };
