// RDS: storage encrypted, never public, backups per environment, deletion protection and Multi-AZ in production,
// a final snapshot outside dev.
import { Policies, PolicyConfigSchema } from "@pulumi/policy";
import { configOf, environmentOf, forTypes } from "../support";

const INSTANCE = ["aws:rds/instance:Instance"];

/**
 * A read replica (`replicateSourceDb` set) is a copy of another instance, which these rules check itself. AWS fixes
 * some of a replica's settings: RDS creates read replicas with backups disabled, and DeleteDBInstance requires
 * SkipFinalSnapshot and refuses FinalDBSnapshotIdentifier "when deleting a read replica" (RDS API reference); its
 * recovery points are the source's.
 */
export function isReadReplica(db: Record<string, any>): boolean {
    return typeof db.replicateSourceDb === "string" && db.replicateSourceDb !== "";
}

const backupSchema: PolicyConfigSchema = {
    properties: {
        minRetentionDays: {
            type: "object",
            description: "Least backupRetentionPeriod (days) per environment; 0 means backups are not required.",
            default: { dev: 0, staging: 1, production: 30 },
        },
    },
};

export const databasePolicies: Policies = [
    {
        name: "rds-storage-encrypted",
        description: "RDS instances encrypt their storage at rest.",
        severity: "high",
        validateResource: forTypes(INSTANCE, (db, args, report) => {
            if (db.storageEncrypted !== true) {
                report(`storageEncrypted must be true, got ${JSON.stringify(db.storageEncrypted)}.`);
            }
        }),
    },
    {
        name: "rds-not-public",
        description: "RDS instances are never reachable from the internet.",
        severity: "critical",
        validateResource: forTypes(INSTANCE, (db, args, report) => {
            if (db.publiclyAccessible === true) {
                report("publiclyAccessible must be false: the database is reached only from inside the VPC.");
            }
        }),
    },
    {
        name: "rds-backups-per-environment",
        description: "RDS automated backups are kept as long as the environment requires (production: 30 days of "
            + "point-in-time recovery; staging: daily snapshots; dev: not required).",
        severity: "high",
        configSchema: backupSchema,
        validateResource: forTypes(INSTANCE, (db, args, report) => {
            const environment = environmentOf(args.urn);
            const { minRetentionDays } = configOf<{ minRetentionDays: Record<string, number> }>(args, backupSchema);
            if (isReadReplica(db)) {
                return; // backups are the source's: RDS creates replicas with automated backups off
            }
            const least = minRetentionDays[environment] ?? 0;
            const retention = db.backupRetentionPeriod;
            if (least > 0 && !(typeof retention === "number" && retention >= least)) {
                report(`backupRetentionPeriod must be at least ${least} days in ${environment}, `
                    + `got ${JSON.stringify(retention)}.`);
            }
        }),
    },
    {
        name: "rds-production-resilience",
        description: "Production RDS instances have deletion protection; primaries (not read replicas) are Multi-AZ.",
        severity: "high",
        validateResource: forTypes(INSTANCE, (db, args, report) => {
            if (environmentOf(args.urn) !== "production") {
                return;
            }
            if (db.deletionProtection !== true) {
                report(`deletionProtection must be true in production, got ${JSON.stringify(db.deletionProtection)}.`);
            }
            // A read replica is itself the copy in another zone; Multi-AZ is required of the instance it replicates.
            if (!isReadReplica(db) && db.multiAz !== true) {
                report(`multiAz must be true in production, got ${JSON.stringify(db.multiAz)}.`);
            }
        }),
    },
    {
        name: "rds-final-snapshot",
        description: "Outside dev, deleting an RDS instance (other than a read replica) leaves a final snapshot.",
        severity: "high",
        validateResource: forTypes(INSTANCE, (db, args, report) => {
            const environment = environmentOf(args.urn);
            if (environment === "dev" || isReadReplica(db)) {
                return; // AWS refuses a final snapshot of a read replica (DeleteDBInstance)
            }
            if (db.skipFinalSnapshot === true) {
                report(`skipFinalSnapshot must be false in ${environment}.`);
            } else if (typeof db.finalSnapshotIdentifier !== "string" || db.finalSnapshotIdentifier === "") {
                report(`finalSnapshotIdentifier must be set in ${environment} (without it AWS refuses to delete `
                    + "the instance, or the snapshot is skipped).");
            }
        }),
    },
];
