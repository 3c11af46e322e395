// A stack rule: production declares a copy of its database backups in a second region.
import { Policies, PolicyResource } from "@pulumi/policy";
import { dependsOn, describe, environmentOf, known, list, ofTypes } from "../support";

const DATABASES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];
const BACKUP_PLAN = ["aws:backup/plan:Plan"];
const BACKUP_VAULT = ["aws:backup/vault:Vault"];
const REPLICATION = ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"];

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

export const backupPolicies: Policies = [
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
