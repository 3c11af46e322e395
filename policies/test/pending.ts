// Rules a stack's policy config runs as advisory until a known defect is fixed: the entry says
// `"enforcementLevel": "advisory"` and `becomesMandatoryWhen` names the defect. The stack tests let such a rule report
// on today's plan (and insist that it still does, so a fixed defect's entry is removed); every other rule keeps its
// level and its exemptions as before.
import { PackConfig } from "../src/offline";

/** rule -> the defect whose fix makes it mandatory. */
export function pendingRules(config: PackConfig): Map<string, string> {
    return new Map(Object.entries(config).flatMap(([rule, entry]) =>
        typeof entry === "object" && entry.enforcementLevel === "advisory" && typeof entry.becomesMandatoryWhen === "string"
            && entry.becomesMandatoryWhen.length >= 20 ? [[rule, entry.becomesMandatoryWhen] as [string, string]] : []));
}
