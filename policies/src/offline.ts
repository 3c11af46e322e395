// Runs the pack's rules against an offline plan (`bin/plan <stack>` -> target/plan/<stack>.json) the way the engine
// would: each resource's inputs to validateResource (with its provider resolved from the provider URN), every
// resource with parent, dependencies and provider objects to validateStack, and enforcement levels resolved from a
// policy config file in the CLI's --policy-pack-config format.
import * as fs from "fs";
import {
    EnforcementLevel,
    Policies,
    PolicyProviderResource,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
    UnknownValueError,
} from "@pulumi/policy";
import * as path from "path";
import { PACK_ENFORCEMENT, PACK_NAME } from "./policies";

/** The engine's unknown sentinel, as a preview plan records a value only the cloud will compute. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The pack's version as the CLI reads it (package.json), for the messages the engine's analyzer host prints. */
const PACK_VERSION: string = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version;

/** One resource as the Java program's offline plan records it. */
export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    parent: string | null;
    provider: string | null;
    inputs: Record<string, any>;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    dependencies: string[];
    additionalSecretOutputs: string[];
    replaceOnChanges: string[];
    /** What the stand-in engine answered (plans of this version on): the id, the unknown sentinel in a preview plan. */
    id?: string | null;
    /** The state the stand-in engine answered: inputs as checked plus computed values (unknown in a preview plan). */
    outputs?: Record<string, any> | null;
}

export interface Plan {
    project: string;
    stack: string;
    resources: PlanResource[];
    outputs: Record<string, any>;
}

/** The CLI's --policy-pack-config format: `all` and per-policy entries, a level or an object with config. */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, any>)>;

export interface Violation {
    policy: string;
    enforcement: EnforcementLevel;
    urn?: string;
    name?: string;
    type?: string;
    message: string;
}

export function readPlan(path: string): Plan {
    return JSON.parse(fs.readFileSync(path, "utf8"));
}

export function readConfig(path: string | undefined): PackConfig {
    return path ? JSON.parse(fs.readFileSync(path, "utf8")) : {};
}

/** The level a policy runs at: its own config entry, else `all`, else the policy's, else the pack's. */
export function enforcementOf(policy: { name: string; enforcementLevel?: EnforcementLevel }, config: PackConfig):
    EnforcementLevel {
    const levelIn = (entry: PackConfig[string] | undefined) =>
        typeof entry === "string" ? entry : entry?.enforcementLevel;
    return levelIn(config[policy.name]) ?? levelIn(config.all) ?? policy.enforcementLevel ?? PACK_ENFORCEMENT;
}

function policyConfig(policy: { name: string }, config: PackConfig): Record<string, any> {
    const entry = config[policy.name];
    if (!entry || typeof entry === "string") {
        return {};
    }
    const { enforcementLevel, ...properties } = entry;
    return properties;
}

function optionsOf(r: PlanResource): PolicyResourceOptions {
    return {
        protect: r.protect,
        ignoreChanges: r.ignoreChanges ?? [],
        deleteBeforeReplace: r.deleteBeforeReplace,
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: r.additionalSecretOutputs ?? [],
        ...(r.parent ? { parent: r.parent } : {}),
    };
}

const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason);
    }
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    return (p as ResourceValidationPolicy).validateResource !== undefined;
}

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return (p as StackValidationPolicy).validateStack !== undefined;
}

/** Runs every policy over the plan and returns the violations, as `pulumi preview --policy-pack` would report. */
export async function evaluate(plan: Plan, policies: Policies, config: PackConfig = {}): Promise<Violation[]> {
    const byUrn = new Map(plan.resources.map(r => [r.urn, r]));
    const providerOf = (r: PlanResource): PolicyProviderResource | undefined => {
        const provider = r.provider ? byUrn.get(r.provider) : undefined;
        return provider
            ? { type: provider.type, name: provider.name, urn: provider.urn, props: unknownCheckingProxy(provider.inputs) }
            : undefined;
    };
    // What every policy sees of a plan resource; resource policies and stack policies each add their own fields.
    const policyView = (r: PlanResource) => ({
        type: r.type,
        props: unknownCheckingProxy(structuredClone(r.inputs)),
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        provider: providerOf(r),
        isType: () => false,
        asType: () => undefined,
    });
    // The engine analyzes what the program registers; the root stack resource is not registered through it.
    const analyzed = plan.resources.filter(r => r.type !== "pulumi:pulumi:Stack");
    const violations: Violation[] = [];

    for (const policy of policies) {
        const enforcement = enforcementOf(policy, config);
        if (enforcement === "disabled") {
            continue;
        }
        const level: EnforcementLevel = enforcement === "remediate" ? "mandatory" : enforcement;
        const getConfig = <T extends object>() => policyConfig(policy, config) as T;
        const run = async (check: () => void | Promise<void>, where?: PlanResource) => {
            try {
                await check();
            } catch (e) {
                if (e instanceof NotApplicable) {
                    return;
                }
                if (e instanceof UnknownValueError) {
                    // The same advisory @pulumi/policy's server.js reports when a policy reads an unknown value.
                    const policyFrom = `policy '${policy.name}' from policy pack '${PACK_NAME}@v${PACK_VERSION}'`;
                    violations.push({ policy: policy.name, enforcement: "advisory", urn: where?.urn, name: where?.name,
                        type: where?.type, message: `can't run ${policyFrom} during preview: ${(e as Error).message}` });
                    return;
                }
                throw e;
            }
        };

        if (isResourcePolicy(policy) && policy.validateResource) {
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            for (const r of analyzed) {
                const args: ResourceValidationArgs = { ...policyView(r), stackTags: new Map(), getConfig, notApplicable };
                const report = (message: string) =>
                    violations.push({ policy: policy.name, enforcement: level, urn: r.urn, name: r.name, type: r.type, message });
                for (const validate of validations) {
                    await run(() => validate(args, report), r);
                }
            }
        }

        if (isStackPolicy(policy)) {
            // Stack policies see outputs; offline the plan's inputs stand in for them (the rule tests mutate inputs).
            // The plan now records outputs too (`r.outputs`); switching to them is left to a change that moves the
            // rule tests' mutations with it.
            const resources: PolicyResource[] = analyzed.map(r => ({ ...policyView(r), dependencies: [], propertyDependencies: {} }));
            const resourceByUrn = new Map(resources.map(r => [r.urn, r]));
            analyzed.forEach((r, i) => {
                const parent = r.parent ? resourceByUrn.get(r.parent) : undefined;
                if (parent) {
                    resources[i].parent = parent;
                }
                resources[i].dependencies = (r.dependencies ?? [])
                    .map(d => resourceByUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
            });
            const args: StackValidationArgs = { resources, stackTags: new Map(), getConfig, notApplicable };
            const report = (message: string, urn?: string) => {
                const r = urn ? byUrn.get(urn) : undefined;
                violations.push({ policy: policy.name, enforcement: level, urn, name: r?.name, type: r?.type, message });
            };
            await run(() => policy.validateStack(args, report));
        }
    }
    return violations;
}
