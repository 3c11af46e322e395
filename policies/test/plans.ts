// Test support: the real offline plans of the Java program (made with ../bin/plan when missing) and small helpers to
// mutate their resources and run one rule.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { evaluate, PackConfig, Plan, PlanResource, readPlan, Violation } from "../src/offline";
import { policies } from "../src/policies";

/** policies/ (tests run from dist/test, so walk up to the folder holding package.json). */
export const PACK_DIR = (() => {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) {
        dir = path.dirname(dir);
    }
    return dir;
})();
export const REPO_DIR = path.dirname(PACK_DIR);

const cache = new Map<string, Plan>();

/** A fresh copy of the real plan of a stack; `../bin/plan <stack> --quiet` writes it first when it is missing. */
export function realPlan(stack: string): Plan {
    if (!cache.has(stack)) {
        const file = path.join(REPO_DIR, "target", "plan", `${stack}.json`);
        if (!fs.existsSync(file)) {
            execFileSync(path.join(REPO_DIR, "bin", "plan"), [stack, "--quiet"], { cwd: REPO_DIR, stdio: "inherit" });
        }
        cache.set(stack, readPlan(file));
    }
    return structuredClone(cache.get(stack)!);
}

const previewCache = new Map<string, Plan>();

/**
 * A fresh copy of the preview plan of a stack (a first `pulumi preview` of an empty stack: computed values are the
 * engine's unknown sentinel); `../bin/plan <stack> --preview --quiet` writes it first when it is missing.
 */
export function previewPlan(stack: string): Plan {
    if (!previewCache.has(stack)) {
        const file = path.join(REPO_DIR, "target", "plan", `${stack}.preview.json`);
        if (!fs.existsSync(file)) {
            execFileSync(path.join(REPO_DIR, "bin", "plan"), [stack, "--preview", "--quiet"], { cwd: REPO_DIR, stdio: "inherit" });
        }
        previewCache.set(stack, readPlan(file));
    }
    return structuredClone(previewCache.get(stack)!);
}

export function configFor(stack: string): PackConfig {
    return JSON.parse(fs.readFileSync(path.join(PACK_DIR, `policy-config.${stack}.json`), "utf8"));
}

/** The violations of one rule (or all rules) on a plan. */
export async function violations(plan: Plan, policy?: string, config: PackConfig = {}): Promise<Violation[]> {
    const all = await evaluate(plan, policies, config);
    return policy ? all.filter(v => v.policy === policy) : all;
}

export function find(plan: Plan, type: string | RegExp, name?: string): PlanResource {
    const found = plan.resources.find(r =>
        (typeof type === "string" ? r.type === type : type.test(r.type)) && (name === undefined || r.name === name));
    if (!found) {
        throw new Error(`no ${type} ${name ?? ""} in the ${plan.stack} plan`);
    }
    return found;
}

/** Moves a plan to another stack name (URNs carry the stack, which decides the environment's rules). */
export function restack(plan: Plan, stack: string): Plan {
    const text = JSON.stringify(plan).split(`urn:pulumi:${plan.stack}::`).join(`urn:pulumi:${stack}::`);
    return { ...JSON.parse(text), stack };
}

export function remove(plan: Plan, type: string, name?: string): Plan {
    const doomed = find(plan, type, name);
    plan.resources = plan.resources.filter(r => r !== doomed);
    return plan;
}

/**
 * The real production plan: every rule's passing case runs on it and every failing case mutates one of its resources.
 * (The pack once needed fixtures for resource kinds other branches were still adding; every kind the rules check is
 * now declared by the program itself, so none remain. Add a fixture here only for a kind the program lacks.)
 */
export function production(): Plan {
    return realPlan("production");
}
