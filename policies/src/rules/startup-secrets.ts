// Pre-apply check d (issue 11): every Secret a pod needs to start holds a value the first time the pod starts, traced
// through the chain the plan declares: workload -> Kubernetes Secret (declared, or the target of an ExternalSecret) ->
// SecretStore -> Secrets Manager secret -> a SecretVersion with a value (or a value the service manages, such as an
// RDS-managed master secret). A container whose non-optional secretKeyRef / envFrom secretRef / secret volume names a
// Secret or key that is never produced stays in CreateContainerConfigError (or ContainerCreating), and Pulumi's wait
// for the Deployment fails the `up`.
import { Policies, PolicyResource, ReportViolation } from "@pulumi/policy";
import { dependsOn, describe, known, list, UNKNOWN } from "../support";
import { pendingFixSchema } from "./pending";
import { regionOf, text } from "./placement";

const WORKLOADS = new Set(["kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet",
    "kubernetes:apps/v1:ReplicaSet", "kubernetes:batch/v1:Job", "kubernetes:batch/v1:CronJob", "kubernetes:core/v1:Pod"]);
const K8S_SECRET = "kubernetes:core/v1:Secret";
const EXTERNAL_SECRET = /^kubernetes:external-secrets\.io\/[^:]+:ExternalSecret$/;
const STORE = /^kubernetes:external-secrets\.io\/[^:]+:(SecretStore|ClusterSecretStore)$/;
const SM_SECRET = "aws:secretsmanager/secret:Secret";
const SM_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const RDS = "aws:rds/instance:Instance";
const ESO_DOCS = "https://external-secrets.io/latest/api/externalsecret/";
const K8S_DOCS = "https://kubernetes.io/docs/concepts/configuration/secret/#restriction-secret-must-exist";

/** What a pod needs: a Secret (and one key of it, or any key for envFrom / whole volumes). */
interface Need { secret: string; key?: string; via: string; }

function podSpecOf(r: PolicyResource): any {
    const props = r.props;
    if (r.type === "kubernetes:core/v1:Pod") {
        return props.spec;
    }
    if (r.type === "kubernetes:batch/v1:CronJob") {
        return props.spec?.jobTemplate?.spec?.template?.spec;
    }
    return props.spec?.template?.spec;
}

/** Every non-optional Secret reference of a pod spec. */
export function secretNeeds(spec: any): Need[] {
    const needs: Need[] = [];
    for (const c of [...list(spec?.initContainers), ...list(spec?.containers)]) {
        for (const e of list(c?.env)) {
            const ref = e?.valueFrom?.secretKeyRef;
            if (ref && ref.optional !== true && typeof ref.name === "string") {
                needs.push({ secret: ref.name, key: ref.key, via: `container ${c.name} env ${e.name}` });
            }
        }
        for (const e of list(c?.envFrom)) {
            const ref = e?.secretRef;
            if (ref && ref.optional !== true && typeof ref.name === "string") {
                needs.push({ secret: ref.name, via: `container ${c.name} envFrom` });
            }
        }
    }
    for (const v of list(spec?.volumes)) {
        const sources = v?.secret ? [{ name: v.secret.secretName, optional: v.secret.optional, items: v.secret.items }]
            : list(v?.projected?.sources).filter(s => s?.secret).map(s => s.secret);
        for (const s of sources) {
            if (s?.optional === true || typeof s?.name !== "string") {
                continue;
            }
            const keys = list(s.items).map((i: any) => i?.key).filter((k: unknown) => typeof k === "string");
            (keys.length ? keys : [undefined]).forEach((key: string | undefined) =>
                needs.push({ secret: s.name, key, via: `volume ${v.name}` }));
        }
    }
    return needs;
}

const ns = (r: PolicyResource) => text(() => r.props.metadata?.namespace) ?? "default";

/** Does a Secrets Manager secret get a value in this plan? */
function valueOf(secret: PolicyResource, versions: PolicyResource[]): "value" | "empty" {
    const ids = [known(() => secret.props.id), known(() => secret.props.arn), known(() => secret.props.name)]
        .filter(v => typeof v === "string" && v !== "");
    const version = versions.find(v => dependsOn(v, secret) || ids.includes(known(() => v.props.secretId) as any));
    if (!version) {
        return "empty";
    }
    const value = [known(() => version.props.secretString), known(() => version.props.secretBinary)];
    // "[secret]" is how the offline plan shows a secret value; unknown means computed by another resource.
    return value.some(v => v === UNKNOWN || (typeof v === "string" && v !== "")) ? "value" : "empty";
}

/** Reports every Secret a pod needs that the plan does not fill before the pod starts. */
export function missingStartupSecrets(resources: PolicyResource[], report: ReportViolation): void {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const secrets = resources.filter(r => r.type === K8S_SECRET);
    const externals = resources.filter(r => EXTERNAL_SECRET.test(r.type));
    const stores = resources.filter(r => STORE.test(r.type));
    const smSecrets = resources.filter(r => r.type === SM_SECRET);
    const versions = resources.filter(r => r.type === SM_VERSION);
    const managed = resources.filter(r => r.type === RDS && known(() => r.props.manageMasterUserPassword) === true);

    for (const workload of resources.filter(r => WORKLOADS.has(r.type))) {
        if (known(() => workload.props.spec?.replicas) === 0) {
            continue; // no pod starts
        }
        const namespace = ns(workload);
        const spec = known(() => podSpecOf(workload));
        if (spec === UNKNOWN) {
            continue;
        }
        const reported = new Set<string>();
        const once = (key: string, message: string) => {
            if (!reported.has(key)) {
                reported.add(key);
                report(message, workload.urn);
            }
        };
        for (const need of secretNeeds(spec)) {
            const what = `Secret ${namespace}/${need.secret}${need.key ? ` key ${need.key}` : ""} (${need.via})`;
            const declared = secrets.find(s => text(() => s.props.metadata?.name) === need.secret && ns(s) === namespace);
            if (declared) {
                const data = { ...(known(() => declared.props.data) as any ?? {}), ...(known(() => declared.props.stringData) as any ?? {}) };
                if (need.key && !(need.key in data) && known(() => declared.props.data) !== UNKNOWN) {
                    once(what, `${describe(workload)} needs ${what}, but ${describe(declared)} has no such key: the container `
                        + `stays in CreateContainerConfigError (${K8S_DOCS}). Fix: add the key, or mark the reference optional.`);
                }
                continue;
            }
            const external = externals.find(e => ns(e) === namespace
                && (text(() => e.props.spec?.target?.name) ?? text(() => e.props.metadata?.name)) === need.secret);
            if (!external) {
                once(what, `${describe(workload)} needs ${what}, and nothing in the plan creates that Secret (no Secret and no `
                    + `ExternalSecret targeting it in ${namespace}): the pod never starts (${K8S_DOCS}). Fix: declare the Secret `
                    + "or its ExternalSecret in the same namespace, or mark the reference optional.");
                continue;
            }
            if (known(() => external.props.spec?.target?.creationPolicy) === "None") {
                once(what, `${describe(workload)} needs ${what}, but ${describe(external)} has creationPolicy None, so it `
                    + `never creates the Secret (${ESO_DOCS}). Fix: use creationPolicy Owner.`);
                continue;
            }
            const data = list(known(() => external.props.spec?.data));
            const entries = need.key ? data.filter((d: any) => d?.secretKey === need.key) : data;
            const fromAll = list(known(() => external.props.spec?.dataFrom)).length > 0;
            if (need.key && entries.length === 0 && !fromAll) {
                once(what, `${describe(workload)} needs ${what}, but ${describe(external)} writes no key ${need.key} `
                    + `(spec.data[].secretKey): the container stays in CreateContainerConfigError (${K8S_DOCS}). Fix: add the key to the ExternalSecret.`);
                continue;
            }
            const storeRef = known(() => external.props.spec?.secretStoreRef) as any;
            const storeKind = storeRef?.kind ?? "SecretStore";
            const store = stores.find(s => text(() => s.props.metadata?.name) === storeRef?.name
                && s.type.endsWith(`:${storeKind}`) && (storeKind === "ClusterSecretStore" || ns(s) === namespace));
            if (!store) {
                once(what, `${describe(workload)} needs ${what} from ${describe(external)}, whose ${storeKind} `
                    + `'${storeRef?.name}' is not declared${storeKind === "SecretStore" ? ` in ${namespace}` : ""}: the ExternalSecret `
                    + `stays SecretSyncedError and the Secret is never created (${ESO_DOCS}). Fix: declare the store.`);
                continue;
            }
            const aws = known(() => store.props.spec?.provider?.aws) as any;
            if (!aws || aws === UNKNOWN || (aws.service ?? "SecretsManager") !== "SecretsManager") {
                continue; // another backend: outside what this plan can prove
            }
            for (const entry of entries) {
                const remote = entry?.remoteRef?.key;
                if (typeof remote !== "string") {
                    continue;
                }
                const source = smSecrets.find(s => [text(() => s.props.name), text(() => s.props.arn)].includes(remote));
                if (!source) {
                    if (managed.some(m => dependsOn(external, m))) {
                        continue; // a value the service manages (an RDS-managed master secret)
                    }
                    once(`${what}|${remote}`, `${describe(workload)} needs ${what}, read by ${describe(external)} from Secrets `
                        + `Manager '${remote}', which this plan does not declare: nothing shows it holds a value when the pod `
                        + `first starts (${ESO_DOCS}). Fix: declare the secret and its value in this program, or mark the reference optional.`);
                    continue;
                }
                const storeRegion = typeof aws.region === "string" ? aws.region : undefined;
                const sourceRegion = regionOf(source, byUrn);
                if (storeRegion && !sourceRegion.startsWith("the ") && storeRegion !== sourceRegion) {
                    once(`${what}|region`, `${describe(workload)} needs ${what}, read through ${describe(store)} in `
                        + `${storeRegion}, but ${describe(source)} is in ${sourceRegion}: the ExternalSecret cannot find it. `
                        + "Fix: point the store at the secret's region.");
                    continue;
                }
                if (valueOf(source, versions) === "empty") {
                    once(`${what}|${remote}`, `${describe(workload)} needs ${what}, which comes from Secrets Manager `
                        + `'${remote}' (${describe(source)} via ${describe(external)}), and the plan gives that secret no `
                        + "value: GetSecretValue fails until someone puts one, the ExternalSecret never creates the Secret, "
                        + "the pods sit in CreateContainerConfigError and Pulumi's wait for the workload fails the first `up`. "
                        + "Fix: create a placeholder aws:secretsmanager/secretVersion:SecretVersion that Pulumi never "
                        + "overwrites (ignoreChanges on secretString) and that the service reads as \"not configured\", or "
                        + "make the reference optional.");
                }
            }
        }
    }
}

export const startupSecretPolicies: Policies = [
    {
        name: "secrets-present-at-start",
        description: "Every Secret a pod requires (non-optional secretKeyRef, envFrom or secret volume) is produced in the "
            + "same plan, through Secret or ExternalSecret -> SecretStore -> Secrets Manager secret -> a value.",
        severity: "high",
        configSchema: pendingFixSchema,
        validateStack: (args, report) => missingStartupSecrets(args.resources, report),
    },
];
