// Tags for cost and ownership on every taggable AWS resource, counting the default tags of the resource's provider.
//
// Taggable = the AWS provider applies provider default tags to it, i.e. its schema has a `tagsAll` output. The list
// (aws-taggable-types.json) is generated from the pinned Pulumi AWS SDK (tools/TaggableAwsTypes.java); a resource of
// another aws: type that nevertheless sends `tags` is checked too.
import { Policies, PolicyConfigSchema, PolicyProviderResource, PolicyResource } from "@pulumi/policy";
import { configOf, describe, known, UNKNOWN } from "../support";
import * as taggableTypes from "../aws-taggable-types.json";

const TAGGABLE = new Set<string>(Array.from(taggableTypes as unknown as string[]));

const tagSchema: PolicyConfigSchema = {
    properties: {
        requiredKeys: {
            type: "array",
            items: { type: "string" },
            description: "Tag keys every taggable AWS resource carries, with a non-empty value.",
            default: ["Environment", "Owner", "CostCentre", "ManagedBy"],
        },
    },
};

type Tags = Record<string, unknown>;

/** Tags in whatever shape the engine sent them: a map, or the list form of an autoscaling group. */
function asTags(value: unknown): Tags | typeof UNKNOWN {
    if (value === UNKNOWN) {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        return Object.fromEntries(value.map((t: any) => [t?.key, t?.value]));
    }
    return value && typeof value === "object" ? value as Tags : {};
}

/**
 * A provider's default tags. Provider config reaches the engine as strings (the Java SDK sends `defaultTags` as the
 * JSON text `{"tags":{...}}`); newer SDKs may send the object itself. Both are read.
 */
export function providerDefaultTags(provider: { props: Record<string, any> } | undefined): Tags | typeof UNKNOWN {
    if (!provider) {
        return {};
    }
    const raw = known(() => provider.props.defaultTags);
    if (raw === UNKNOWN) {
        return UNKNOWN;
    }
    let parsed: any = raw;
    if (typeof raw === "string") {
        try {
            parsed = JSON.parse(raw);
        } catch {
            return {};
        }
    }
    return asTags(parsed?.tags);
}

export function isTaggable(resource: { type: string; props: Record<string, any> }): boolean {
    return resource.type.startsWith("aws:")
        && (TAGGABLE.has(resource.type) || known(() => resource.props.tags) !== undefined);
}

/**
 * The provider of a stack resource: the engine hands it as `PolicyResource.provider` (type, props, urn, name);
 * providers are also resources of the stack, so when the handed copy lacks its properties, the provider resource
 * with the same URN is read instead.
 */
function providerOf(resource: PolicyResource, byUrn: Map<string, PolicyResource>): PolicyProviderResource | undefined {
    const provider = resource.provider as PolicyProviderResource | string | undefined;
    const urn = typeof provider === "string" ? provider : provider?.urn;
    const fromStack = urn ? byUrn.get(urn) : undefined;
    if (provider && typeof provider === "object" && provider.props && Object.keys(provider.props).length > 0) {
        return provider;
    }
    return fromStack;
}

export const tagPolicies: Policies = [
    {
        name: "aws-required-tags",
        description: "Every taggable AWS resource carries Environment, Owner, CostCentre and ManagedBy (its own tags "
            + "plus its provider's default tags).",
        severity: "medium",
        configSchema: tagSchema,
        validateStack: (args, report) => {
            const { requiredKeys } = configOf<{ requiredKeys: string[] }>(args, tagSchema);
            const byUrn = new Map(args.resources.map(r => [r.urn, r]));
            for (const resource of args.resources.filter(isTaggable)) {
                const provider = providerOf(resource, byUrn);
                const defaults = providerDefaultTags(provider);
                const own = asTags(known(() => resource.props.tags));
                // After an update the engine's outputs carry tagsAll (default tags merged with the resource's own).
                const all = asTags(known(() => resource.props.tagsAll));
                // Resource tags override default tags of the same key, as the AWS provider merges them.
                const effective: Tags = {
                    ...(defaults === UNKNOWN ? {} : defaults),
                    ...(own === UNKNOWN ? {} : own),
                    ...(all === UNKNOWN ? {} : all),
                };
                const missing = requiredKeys.filter(key =>
                    typeof effective[key] !== "string" || (effective[key] as string).trim() === "");
                if (missing.length === 0) {
                    continue;
                }
                const unknown = [defaults, own].includes(UNKNOWN) ? " (some tags are not known yet)" : "";
                const plural = missing.length > 1;
                report(`${describe(resource)} lacks tag${plural ? "s" : ""} ${missing.join(", ")}${unknown}; `
                    + `set ${plural ? "them" : "it"} in the provider's defaultTags${provider ? ` (${provider.name})` : ""} or on the resource.`,
                    resource.urn);
            }
        },
    },
];
