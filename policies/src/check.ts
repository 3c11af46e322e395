// The offline policy check behind `bin/policy-check`: node dist/src/check.js <plan.json> [--config <file>]
// Prints every violation (rule, resource, message, enforcement) and exits 1 when one is mandatory.
import { evaluate, PackConfig, readConfig, readPlan, Violation } from "./offline";
import { policies } from "./policies";

function usage(): never {
    console.error("usage: check <plan.json> [--config <policy-config.json>]");
    process.exit(2);
}

function format(v: Violation): string {
    const resource = v.urn ? `${v.type ?? ""} ${v.name ?? ""}`.trim() + `\n      ${v.urn}` : "(stack)";
    // Pre-apply checks end their message with "Fix: ...": the fix gets a line of its own.
    return `[${v.enforcement}] ${v.policy}: ${resource}\n      ${v.message.replace(/ Fix: /, "\n      fix: ")}`;
}

async function main(argv: string[]) {
    let planPath: string | undefined;
    let configPath: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--config") {
            configPath = argv[++i] ?? usage();
        } else if (argv[i].startsWith("-") || planPath) {
            usage();
        } else {
            planPath = argv[i];
        }
    }
    if (!planPath) {
        usage();
    }
    const plan = readPlan(planPath);
    const config: PackConfig = readConfig(configPath);
    const violations = await evaluate(plan, policies, config);
    const order = { mandatory: 0, advisory: 1, remediate: 2, disabled: 3 };
    violations.sort((a, b) => order[a.enforcement] - order[b.enforcement] || a.policy.localeCompare(b.policy));
    violations.forEach(v => console.log(format(v)));
    const mandatory = violations.filter(v => v.enforcement === "mandatory").length;
    console.log(`${plan.stack}: ${policies.length} rules, ${plan.resources.length} resources, `
        + `${mandatory} mandatory and ${violations.length - mandatory} advisory violation(s)`
        + (configPath ? ` (config ${configPath})` : " (no policy config: pack defaults)")
        + (planPath.endsWith(".preview.json") ? "; preview plan: values the cloud computes are unknown" : ""));
    process.exit(mandatory > 0 ? 1 : 0);
}

main(process.argv.slice(2)).catch(e => {
    console.error(e);
    process.exit(2);
});
