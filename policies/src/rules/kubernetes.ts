// Kubernetes: every namespace has restricted pod security, a quota, a limit range and a default-deny network policy;
// containers run as non-root with a read-only root filesystem, limits and probes, and a pinned image tag.
import { Policies, PolicyConfigSchema, PolicyResource, ReportViolation } from "@pulumi/policy";
import { configOf, dependsOn, describe, exemptions, exemptionSchema, forTypes, get, known, list, ofTypes } from "../support";

const NAMESPACE = ["kubernetes:core/v1:Namespace"];
const QUOTA = ["kubernetes:core/v1:ResourceQuota"];
const LIMIT_RANGE = ["kubernetes:core/v1:LimitRange"];
const NETWORK_POLICY = ["kubernetes:networking.k8s.io/v1:NetworkPolicy"];

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string> = {
    "kubernetes:apps/v1:Deployment": "spec.template.spec",
    "kubernetes:apps/v1:StatefulSet": "spec.template.spec",
    "kubernetes:apps/v1:DaemonSet": "spec.template.spec",
    "kubernetes:apps/v1:ReplicaSet": "spec.template.spec",
    "kubernetes:batch/v1:Job": "spec.template.spec",
    "kubernetes:batch/v1:CronJob": "spec.jobTemplate.spec.template.spec",
    "kubernetes:core/v1:Pod": "spec",
};
const WORKLOADS = Object.keys(POD_SPEC_PATHS);

const namespaceSchema: PolicyConfigSchema = {
    properties: {
        exemptNamespaces: exemptionSchema("Namespaces (metadata.name) declared by the program that the platform "
            + "team exempts from this rule, e.g. a mesh control plane whose node agent needs privileged pods."),
    },
};

interface Container { kind: "container" | "initContainer"; spec: any; }

function containersOf(type: string, props: Record<string, any>): { pod: any; containers: Container[] } {
    const pod = get(props, POD_SPEC_PATHS[type]) ?? {};
    return {
        pod,
        containers: [
            ...list(pod.initContainers).map(spec => ({ kind: "initContainer" as const, spec })),
            ...list(pod.containers).map(spec => ({ kind: "container" as const, spec })),
        ],
    };
}

function label(c: Container): string {
    return `${c.kind} '${c.spec?.name}'`;
}

/** The namespace a resource is declared in, matched by name or, when a name is not known, by dependency. */
function inNamespace(resource: PolicyResource, namespace: PolicyResource): boolean {
    const name = known(() => get(namespace.props, "metadata.name"));
    const target = known(() => get(resource.props, "metadata.namespace"));
    if (typeof name === "string" && typeof target === "string") {
        return name === target;
    }
    return dependsOn(resource, namespace);
}

function namespaceName(namespace: PolicyResource): string {
    const name = known(() => get(namespace.props, "metadata.name"));
    return typeof name === "string" ? name : namespace.name;
}

function declaredNamespaces(resources: PolicyResource[], exempt: Map<string, string>): PolicyResource[] {
    return ofTypes(resources, NAMESPACE).filter(ns => !exempt.has(namespaceName(ns)));
}

function exemptNamespacesOf(args: Parameters<typeof configOf>[0]): Map<string, string> {
    return exemptions(configOf<{ exemptNamespaces: unknown }>(args, namespaceSchema).exemptNamespaces);
}

/** An ingress default-deny: selects every pod, covers Ingress, allows nothing. */
function isDefaultDeny(policy: PolicyResource): boolean {
    const spec = policy.props.spec ?? {};
    const selector = spec.podSelector ?? {};
    const selectsAll = Object.keys(selector.matchLabels ?? {}).length === 0
        && list(selector.matchExpressions).length === 0;
    return selectsAll && list(spec.policyTypes).includes("Ingress") && list(spec.ingress).length === 0;
}

/** The image has an explicit tag other than latest, or a digest. */
export function imageProblem(image: unknown): string | undefined {
    if (typeof image !== "string" || image === "") {
        return "has no image";
    }
    if (/@sha256:[0-9a-f]{64}$/.test(image)) {
        return undefined;
    }
    const lastSegment = image.substring(image.lastIndexOf("/") + 1);
    const colon = lastSegment.lastIndexOf(":");
    if (colon < 0) {
        return `image ${JSON.stringify(image)} has no tag (it means latest)`;
    }
    if (lastSegment.substring(colon + 1) === "latest") {
        return `image ${JSON.stringify(image)} uses the latest tag`;
    }
    return undefined;
}

function checkHardening(pod: any, c: Container, report: ReportViolation) {
    const podContext = pod.securityContext ?? {};
    const context = c.spec?.securityContext ?? {};
    const runAsNonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
    const runAsUser = context.runAsUser ?? podContext.runAsUser;
    if (runAsNonRoot !== true) {
        report(`${label(c)} must run with securityContext.runAsNonRoot true (container or pod level).`);
    }
    if (runAsUser === 0) {
        report(`${label(c)} must not set runAsUser 0.`);
    }
    if (context.readOnlyRootFilesystem !== true) {
        report(`${label(c)} must set securityContext.readOnlyRootFilesystem true.`);
    }
    if (context.allowPrivilegeEscalation !== false) {
        report(`${label(c)} must set securityContext.allowPrivilegeEscalation false.`);
    }
    if (context.privileged === true) {
        report(`${label(c)} must not be privileged.`);
    }
}

export const kubernetesPolicies: Policies = [
    {
        name: "k8s-namespace-pod-security",
        description: "Every namespace enforces the restricted Pod Security Standard.",
        severity: "high",
        configSchema: namespaceSchema,
        validateResource: forTypes(NAMESPACE, (ns, args, report) => {
            const name = get(ns, "metadata.name") ?? args.name;
            const level = get(ns, "metadata.labels")?.["pod-security.kubernetes.io/enforce"];
            if (!exemptNamespacesOf(args).has(name) && level !== "restricted") {
                report(`metadata.labels["pod-security.kubernetes.io/enforce"] must be "restricted", `
                    + `got ${JSON.stringify(level)}.`);
            }
        }),
    },
    {
        name: "k8s-namespace-quota-and-limits",
        description: "Every namespace has a ResourceQuota and a LimitRange.",
        severity: "medium",
        configSchema: namespaceSchema,
        validateStack: (args, report) => {
            for (const ns of declaredNamespaces(args.resources, exemptNamespacesOf(args))) {
                for (const [kind, types] of [["ResourceQuota", QUOTA], ["LimitRange", LIMIT_RANGE]] as const) {
                    if (!ofTypes(args.resources, [...types]).some(r => inNamespace(r, ns))) {
                        report(`namespace '${namespaceName(ns)}' has no ${kind}.`, ns.urn);
                    }
                }
            }
        },
    },
    {
        name: "k8s-namespace-default-deny",
        description: "Every namespace has a NetworkPolicy that denies all ingress by default (empty podSelector, "
            + "policyTypes Ingress, no ingress rules); other policies then allow named peers.",
        severity: "high",
        configSchema: namespaceSchema,
        validateStack: (args, report) => {
            const policies = ofTypes(args.resources, NETWORK_POLICY);
            for (const ns of declaredNamespaces(args.resources, exemptNamespacesOf(args))) {
                if (!policies.some(p => inNamespace(p, ns) && isDefaultDeny(p))) {
                    report(`namespace '${namespaceName(ns)}' has no default-deny ingress NetworkPolicy.`, ns.urn);
                }
            }
        },
    },
    {
        name: "k8s-container-hardening",
        description: "Containers run as non-root with a read-only root filesystem and no privilege escalation.",
        severity: "high",
        validateResource: forTypes(WORKLOADS, (props, args, report) => {
            const { pod, containers } = containersOf(args.type, props);
            containers.forEach(c => checkHardening(pod, c, report));
        }),
    },
    {
        name: "k8s-container-limits-and-probes",
        description: "Containers declare CPU and memory requests and limits; app containers have liveness and "
            + "readiness probes.",
        severity: "medium",
        validateResource: forTypes(WORKLOADS, (props, args, report) => {
            for (const c of containersOf(args.type, props).containers) {
                for (const kind of ["requests", "limits"]) {
                    const missing = ["cpu", "memory"].filter(r => get(c.spec, `resources.${kind}`)?.[r] === undefined);
                    if (missing.length > 0) {
                        report(`${label(c)} must set resources.${kind} for ${missing.join(" and ")}.`);
                    }
                }
                if (c.kind === "container") {
                    const missing = ["livenessProbe", "readinessProbe"].filter(p => c.spec?.[p] === undefined);
                    if (missing.length > 0) {
                        report(`${label(c)} must declare ${missing.join(" and ")}.`);
                    }
                }
            }
        }),
    },
    {
        name: "k8s-image-pinned",
        description: "Container images name an explicit tag (a release version) or a digest; never latest or "
            + "untagged.",
        severity: "high",
        validateResource: forTypes(WORKLOADS, (props, args, report) => {
            for (const c of containersOf(args.type, props).containers) {
                const problem = imageProblem(c.spec?.image);
                if (problem) {
                    report(`${label(c)} ${problem}.`);
                }
            }
        }),
    },
];
