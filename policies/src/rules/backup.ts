// A stack rule: production declares a copy of its database backups in a second region.
import { Policies, PolicyResource } from "@pulumi/policy";
import { dependsOn, describe, environmentOf, known, list, ofTypes } from "../support";

const DATABASES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];
const BACKUP_PLAN = ["aws:backup/plan:Plan"];
const BACKUP_VAULT = ["aws:backup/vault:Vault"];
const REPLICATION = ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"];
const VAULT_LOCK = ["aws:backup/vaultLockConfiguration:VaultLockConfiguration"];
const VAULT_POLICY = ["aws:backup/vaultPolicy:VaultPolicy"];
const NO_DELETE = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"];

/** The region of a resource's provider (the explicit AWS provider's `region` input). */
export function regionOf(resource: PolicyResource, byUrn: Map<string, PolicyResource>): string | undefined {
    const provider = resource.provider;
    const fromHanded = provider ? known(() => provider.props?.region) : undefined;
    if (typeof fromHanded === "string" && fromHanded !== "") {
        return fromHanded;
    }
    const fromStack = provider ? byUrn.get(provider.urn) : undefined;
    const region = fromStack ? known(() => fromStack.props.region) : undefined;
    return typeof region === "string" && region !== "" ? region : undefined;
}

/** `arn:aws:backup:<region>:<account>:backup-vault:<name>` -> region. */
function arnRegion(arn: unknown): string | undefined {
    if (typeof arn !== "string") {
        return undefined;
    }
    const parts = arn.split(":");
    return parts.length > 4 && parts[0] === "arn" && parts[3] !== "" ? parts[3] : undefined;
}

/** Whether `guard` (a lock or a policy) is the one of `vault`: by name, or, while the name is unknown, by dependency. */
function guards(guard: PolicyResource, vault: PolicyResource): boolean {
    const name = known(() => guard.props.backupVaultName);
    const vaultName = known(() => vault.props.name);
    if (typeof name === "string" && typeof vaultName === "string") {
        return name === vaultName;
    }
    return dependsOn(guard, vault);
}

/** Whether a vault access policy denies deleting recovery points to every principal (`*`). */
function deniesDeletion(policyText: unknown): boolean {
    if (typeof policyText !== "string") {
        return false;
    }
    let document: any;
    try {
        document = JSON.parse(policyText);
    } catch {
        return false;
    }
    const statements = Array.isArray(document?.Statement) ? document.Statement : [document?.Statement];
    return NO_DELETE.every(action => statements.some((s: any) => s?.Effect === "Deny"
        && (s.Principal === "*" || s.Principal?.AWS === "*")
        && [s.Action].flat().some((a: unknown) => a === action || a === "backup:*")));
}

export const backupPolicies: Policies = [
    {
        name: "production-backup-vaults-locked",
        description: "Every production AWS Backup vault has a Backup Vault Lock in compliance mode (a minimum retention "
            + "and a grace period), replaced delete-first, and an access policy that denies deleting recovery points.",
        severity: "critical",
        validateStack: (args, report) => {
            const vaults = ofTypes(args.resources, BACKUP_VAULT).filter(v => environmentOf(v.urn) === "production");
            for (const vault of vaults) {
                const lock = ofTypes(args.resources, VAULT_LOCK).find(l => guards(l, vault));
                if (!lock) {
                    report(`${describe(vault)} has no Backup Vault Lock: anyone allowed backup:DeleteRecoveryPoint can `
                        + "empty it. Add an aws:backup/vaultLockConfiguration:VaultLockConfiguration for it.", vault.urn);
                } else {
                    const min = known(() => lock.props.minRetentionDays);
                    const grace = known(() => lock.props.changeableForDays);
                    if (typeof min !== "number" || min < 1) {
                        report(`${describe(lock)}: minRetentionDays must be the backup plan's shortest retention, got `
                            + `${JSON.stringify(min)}.`, lock.urn);
                    }
                    if (typeof grace !== "number") {
                        report(`${describe(lock)}: changeableForDays must be set (compliance mode); without it the lock `
                            + "is in governance mode and can be removed.", lock.urn);
                    }
                    if (!lock.opts.deleteBeforeReplace) {
                        report(`${describe(lock)}: deleteBeforeReplace must be set: a replacement created first is `
                            + "removed with the old lock (both act on the vault), leaving the vault unlocked.", lock.urn);
                    }
                }
                const policy = ofTypes(args.resources, VAULT_POLICY).find(p => guards(p, vault));
                const text = policy ? known(() => policy.props.policy) : undefined;
                if (!policy || (typeof text !== "symbol" && !deniesDeletion(text))) {
                    report(`${describe(vault)} has no access policy denying ${NO_DELETE.join(" and ")} to every principal.`,
                        vault.urn);
                }
            }
        },
    },
    {
        name: "rds-backup-replication-replaced-safely",
        description: "RDS automated-backups replication is deleted before it is replaced (every argument forces a "
            + "replacement and RDS replicates to a region once) and protected in production.",
        severity: "high",
        validateResource: (args, report) => {
            if (!REPLICATION.includes(args.type)) {
                return;
            }
            if (!args.opts.deleteBeforeReplace) {
                report("deleteBeforeReplace must be set: a create-first replacement would start a second replication "
                    + "of the same instance while the first still runs (RDS replicates to one destination region).");
            }
            if (environmentOf(args.urn) === "production" && !args.opts.protect) {
                report("protect must be set in production: deleting it stops point-in-time recovery in the recovery region.");
            }
        },
    },
    {
        name: "production-backup-second-region",
        description: "A production stack with a database declares a copy of its backups in a second region (an AWS "
            + "Backup copy action to a vault in another region, or RDS automated backups replication).",
        severity: "high",
        validateStack: (args, report) => {
            const databases = ofTypes(args.resources, DATABASES).filter(r => environmentOf(r.urn) === "production");
            if (databases.length === 0) {
                return;
            }
            const byUrn = new Map(args.resources.map(r => [r.urn, r]));
            const homeRegions = new Set(databases.map(db => regionOf(db, byUrn)).filter(r => r !== undefined));
            if (homeRegions.size === 0) {
                report(`cannot tell the region of ${databases.map(describe).join(", ")}: declare it with an explicit `
                    + "AWS provider that sets region.", databases[0].urn);
                return;
            }
            const elsewhere = (region: string | undefined) => region !== undefined && !homeRegions.has(region);
            const vaults = ofTypes(args.resources, BACKUP_VAULT);

            const copiesByPlan = ofTypes(args.resources, BACKUP_PLAN).some(plan =>
                list(known(() => plan.props.rules)).some((rule: any) =>
                    list(rule?.copyActions).some((copy: any) => {
                        const arn = known(() => copy?.destinationVaultArn);
                        if (elsewhere(arnRegion(arn))) {
                            return true;
                        }
                        // In a preview the vault's ARN is not known yet: follow the plan's dependency to the vault.
                        return vaults.some(v => dependsOn(plan, v) && elsewhere(regionOf(v, byUrn))
                            && (typeof arn !== "string" || arn === known(() => v.props.arn)));
                    })));
            const replicated = ofTypes(args.resources, REPLICATION).some(r => elsewhere(regionOf(r, byUrn)));
            if (!copiesByPlan && !replicated) {
                report(`production databases in ${Array.from(homeRegions).join(", ")} have no backup copy in a second `
                    + "region: add an aws:backup/plan:Plan rule with a copyActions destinationVaultArn in another "
                    + "region, or an aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication "
                    + "declared with a provider for another region.", databases[0].urn);
            }
        },
    },
];
