// Helpers shared by the rules: which environment a resource belongs to, reading nested properties, and policy
// config with the schema's defaults applied (the Pulumi CLI fills in defaults; direct calls and the offline runner
// do not, so every rule reads its config through `configOf`).
import {
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    UnknownValueError,
} from "@pulumi/policy";

export type Environment = "dev" | "staging" | "production";

/** The stack part of a URN: `urn:pulumi:<stack>::<project>::<type chain>::<name>`. */
export function stackOf(urn: string): string {
    const match = /^urn:pulumi:([^:]+)::/.exec(urn);
    return match ? match[1] : "";
}

/**
 * The environment whose rules apply to a resource, from its stack name (the project names its stacks dev, staging,
 * production). Any other stack name gets the strictest rules: a new stack is treated as production until it is
 * named for what it is.
 */
export function environmentOf(urn: string): Environment {
    const stack = stackOf(urn);
    return stack === "dev" || stack === "staging" ? stack : "production";
}

/** Reads `a.b.c` from an object; undefined when any step is missing. Unknown values throw (see `known`). */
export function get(value: any, path: string): any {
    let current = value;
    for (const key of path.split(".")) {
        if (current === undefined || current === null || typeof current !== "object") {
            return undefined;
        }
        current = current[key];
    }
    return current;
}

/** Marks a value that is not known until the resources are created (a preview of new resources). */
export const UNKNOWN: unique symbol = Symbol("unknown");

/**
 * Runs `read` and returns UNKNOWN instead of throwing when it touches a value the engine does not know yet. Used
 * where a stack rule only looks up how resources relate, so one unknown output elsewhere does not turn the whole
 * rule into a preview advisory.
 */
export function known<T>(read: () => T): T | typeof UNKNOWN {
    try {
        return read();
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}

/** A list, whatever the engine sent (a missing list property arrives as undefined). */
export function list(value: any): any[] {
    return Array.isArray(value) ? value : [];
}

/** The configuration of a policy with the schema's defaults filled in for missing keys. */
export function configOf<T>(args: ResourceValidationArgs | StackValidationArgs, schema: PolicyConfigSchema): T {
    const config: Record<string, any> = { ...(args.getConfig<Record<string, any>>() ?? {}) };
    for (const [key, property] of Object.entries(schema.properties)) {
        if (config[key] === undefined && (property as any).default !== undefined) {
            config[key] = (property as any).default;
        }
    }
    return config as T;
}

/**
 * A resource validation limited to some type tokens. The engine calls every resource policy for every resource;
 * this keeps each rule to the types it knows.
 */
export function forTypes(
    types: string[] | RegExp,
    validate: (props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void,
): NonNullable<ResourceValidationPolicy["validateResource"]> {
    const matches = Array.isArray(types) ? (t: string) => types.includes(t) : (t: string) => types.test(t);
    return (args, report) => {
        if (matches(args.type)) {
            validate(args.props, args, report);
        }
    };
}

/** Resources of the stack with one of the given types. */
export function ofTypes(resources: PolicyResource[], types: string[] | RegExp): PolicyResource[] {
    const matches = Array.isArray(types) ? (t: string) => types.includes(t) : (t: string) => types.test(t);
    return resources.filter(r => matches(r.type));
}

/** True when `resource` depends on `target`, directly or through the properties the engine reports. */
export function dependsOn(resource: PolicyResource, target: PolicyResource): boolean {
    if (resource.dependencies.some(d => d.urn === target.urn)) {
        return true;
    }
    return Object.values(resource.propertyDependencies ?? {}).some(deps => deps.some(d => d.urn === target.urn));
}

/** A short, readable reference to a resource for messages. */
export function describe(resource: { type: string; name: string }): string {
    return `${resource.type} '${resource.name}'`;
}

/**
 * The JSON schema of an exemption list in a stack's policy config: each exempted name maps to the reason, so that the
 * reason is reviewed with the exemption and printed where it applies. The CLI validates --policy-pack-config
 * against it (a reason is at least 10 characters).
 */
export function exemptionSchema(description: string) {
    return {
        type: "object" as const,
        additionalProperties: { type: "string" as const, minLength: 10 },
        description: `${description} Each key is exempted for the reason given as its value.`,
        default: {},
    };
}

/** The exempted names of an exemption config (name -> reason); anything else exempts nothing. */
export function exemptions(value: unknown): Map<string, string> {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
        return new Map();
    }
    return new Map(Object.entries(value as Record<string, unknown>)
        .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim().length >= 10));
}
