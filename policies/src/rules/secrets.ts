// Secrets Manager: a customer-managed KMS key and rotation; KMS keys rotate; security groups open to the world
// only where the design intends it.
import { Policies, PolicyConfigSchema } from "@pulumi/policy";
import { parseSchedule } from "./rotation-schedule";
import { configOf, dependsOn, describe, exemptions, exemptionSchema, forTypes, get, known, list, ofTypes } from "../support";

const SECRET = ["aws:secretsmanager/secret:Secret"];
const ROTATION = ["aws:secretsmanager/secretRotation:SecretRotation"];
const KEY = ["aws:kms/key:Key"];
const AWS_MANAGED_KEY = /^(alias\/aws\/|arn:aws[a-z-]*:kms:[^:]*:[^:]*:alias\/aws\/)/;
const WORLD_V4 = "0.0.0.0/0";
const WORLD_V6 = "::/0";

const rotationSchema: PolicyConfigSchema = {
    properties: {
        exemptSecrets: exemptionSchema("Logical names of secrets that cannot or need not rotate automatically "
            + "(e.g. third-party API keys an operator enters), each decided by the platform team in the stack's "
            + "policy config."),
        maxRotationDays: {
            type: "integer",
            description: "Longest interval between automatic rotations.",
            default: 90,
        },
    },
};

const worldIngressSchema: PolicyConfigSchema = {
    properties: {
        allowedResources: {
            type: "array",
            items: { type: "string" },
            description: "Logical names of security groups / rules the design opens to the internet.",
            default: [],
        },
        allowedPorts: {
            type: "array",
            items: { type: "integer" },
            description: "TCP ports such a resource may open to the internet.",
            default: [80, 443],
        },
    },
};

/**
 * Why a SecretRotation's rules fail the policy, or undefined when they pass. Reads through the props it is given, so
 * an unknown schedule (a preview) throws UnknownValueError and the engine reports an advisory, as for any rule.
 */
export function rotationProblem(props: Record<string, any>, maxRotationDays: number): string | undefined {
    const days = get(props, "rotationRules.automaticallyAfterDays");
    const schedule = get(props, "rotationRules.scheduleExpression");
    const expected = `it must rotate at least every ${maxRotationDays} days`;
    if (days !== undefined && schedule !== undefined) {
        return "sets both automaticallyAfterDays and scheduleExpression in rotationRules; Secrets Manager accepts one, "
            + "not both.";
    }
    if (typeof schedule === "string") {
        const parsed = parseSchedule(schedule);
        if ("problem" in parsed) {
            return `has an invalid schedule: rotationRules.scheduleExpression ${JSON.stringify(schedule)} is not a `
                + `Secrets Manager schedule: ${parsed.problem}.`;
        }
        const gapDays = Math.ceil(parsed.longestGapHours / 24);
        if (parsed.longestGapHours > maxRotationDays * 24) {
            return `rotates only every ${Number.isFinite(gapDays) ? gapDays : "(never again)"} days (rotationRules.`
                + `scheduleExpression ${JSON.stringify(schedule)}); ${expected}.`;
        }
        return undefined;
    }
    if (typeof days === "number" && Number.isInteger(days) && days >= 1) {
        return days <= maxRotationDays ? undefined
            : `rotates only every ${days} days (rotationRules.automaticallyAfterDays); ${expected}.`;
    }
    return `has no schedule (rotationRules.automaticallyAfterDays or scheduleExpression), got `
        + `${JSON.stringify(props.rotationRules)}; ${expected}.`;
}

interface IngressRule { protocol: any; fromPort: any; toPort: any; cidrs: string[]; }

/** The ingress rules a resource opens, in one shape for the three ways AWS resources declare them. */
function ingressRules(type: string, props: Record<string, any>): IngressRule[] {
    switch (type) {
        case "aws:ec2/securityGroup:SecurityGroup":
            return list(props.ingress).map(r => ({
                protocol: r?.protocol, fromPort: r?.fromPort, toPort: r?.toPort,
                cidrs: [...list(r?.cidrBlocks), ...list(r?.ipv6CidrBlocks)],
            }));
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return props.type !== "ingress" ? [] : [{
                protocol: props.protocol, fromPort: props.fromPort, toPort: props.toPort,
                cidrs: [...list(props.cidrBlocks), ...list(props.ipv6CidrBlocks)],
            }];
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [{
                protocol: props.ipProtocol, fromPort: props.fromPort, toPort: props.toPort,
                cidrs: [props.cidrIpv4, props.cidrIpv6].filter(c => typeof c === "string"),
            }];
        default:
            return [];
    }
}

export const secretsPolicies: Policies = [
    {
        name: "secretsmanager-kms-key",
        description: "Secrets Manager secrets (and their replicas) are encrypted with a customer-managed KMS key.",
        severity: "high",
        validateResource: forTypes(SECRET, (secret, args, report) => {
            const keys = [{ where: "kmsKeyId", key: secret.kmsKeyId },
                ...list(secret.replicas).map(r => ({ where: `replicas[${r?.region}].kmsKeyId`, key: r?.kmsKeyId }))];
            for (const { where, key } of keys) {
                if (typeof key !== "string" || key === "" || AWS_MANAGED_KEY.test(key)) {
                    report(`${where} must name a customer-managed KMS key, got ${JSON.stringify(key)}.`);
                }
            }
        }),
    },
    {
        name: "secretsmanager-rotation",
        description: "Every Secrets Manager secret rotates automatically (a SecretRotation), unless the stack's "
            + "policy config names it, with the reason it cannot rotate; every SecretRotation (those of secrets other "
            + "services manage, such as the RDS master secret, included) rotates at least every maxRotationDays, "
            + "by a schedule Secrets Manager accepts.",
        severity: "medium",
        configSchema: rotationSchema,
        validateStack: (args, report) => {
            const config = configOf<{ exemptSecrets: unknown; maxRotationDays: number }>(args, rotationSchema);
            const exempt = exemptions(config.exemptSecrets);
            const maxRotationDays = config.maxRotationDays;
            const rotations = ofTypes(args.resources, ROTATION);
            for (const rotation of rotations) {
                const problem = rotationProblem(rotation.props, maxRotationDays);
                if (problem) {
                    report(`${describe(rotation)} ${problem}`, rotation.urn);
                }
            }
            const secrets = ofTypes(args.resources, SECRET);
            for (const name of exempt.keys()) {
                if (!secrets.some(s => s.name === name)) {
                    report(`exemptSecrets names '${name}', which is no aws:secretsmanager/secret:Secret of this stack: `
                        + "an exemption outlives its secret only to exempt the next one by accident; remove it.");
                }
            }
            for (const secret of secrets) {
                if (exempt.has(secret.name)) {
                    continue;
                }
                const ids = [known(() => secret.props.id), known(() => secret.props.arn)]
                    .filter(v => typeof v === "string" && v !== "");
                const rotation = rotations.find(r => dependsOn(r, secret) || ids.includes(known(() => r.props.secretId) as any));
                if (!rotation) {
                    report(`${describe(secret)} has no aws:secretsmanager/secretRotation:SecretRotation.`, secret.urn);
                }
            }
        },
    },
    {
        name: "kms-key-rotation",
        description: "Symmetric KMS keys rotate their key material yearly or more often.",
        severity: "medium",
        validateResource: forTypes(KEY, (key, args, report) => {
            const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
            const usage = key.keyUsage ?? "ENCRYPT_DECRYPT";
            // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
            if (spec === "SYMMETRIC_DEFAULT" && usage === "ENCRYPT_DECRYPT" && key.enableKeyRotation !== true) {
                report(`enableKeyRotation must be true, got ${JSON.stringify(key.enableKeyRotation)}.`);
            }
        }),
    },
    {
        name: "security-group-world-ingress",
        description: "Security groups accept traffic from the whole internet only on resources the design opens "
            + "(named in the policy config) and only on web ports.",
        severity: "critical",
        configSchema: worldIngressSchema,
        validateResource: (args, report) => {
            const { allowedResources, allowedPorts } =
                configOf<{ allowedResources: string[]; allowedPorts: number[] }>(args, worldIngressSchema);
            for (const rule of ingressRules(args.type, args.props)) {
                const world = rule.cidrs.filter(c => c === WORLD_V4 || c === WORLD_V6);
                if (world.length === 0) {
                    continue;
                }
                const ports = `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
                if (!allowedResources.includes(args.name)) {
                    report(`ingress ${ports} is open to ${world.join(", ")}; only resources named in the policy `
                        + "config (allowedResources) may accept traffic from the internet.");
                } else if (!(String(rule.protocol) === "tcp" || String(rule.protocol) === "6")
                    || rule.fromPort !== rule.toPort || !allowedPorts.includes(rule.fromPort)) {
                    report(`ingress ${ports} is open to ${world.join(", ")}; internet-facing resources may open only `
                        + `TCP ports ${allowedPorts.join(", ")}, one port per rule.`);
                }
            }
        },
    },
];
