// RDS: storage encrypted, never public, backups per environment, deletion protection and Multi-AZ in production,
// a final snapshot outside dev.
import { Policies, PolicyConfigSchema } from "@pulumi/policy";
import { configOf, environmentOf, forTypes } from "../support";

const INSTANCE = ["aws:rds/instance:Instance"];

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
        description: "Production RDS instances have deletion protection and Multi-AZ replication.",
        severity: "high",
        validateResource: forTypes(INSTANCE, (db, args, report) => {
            if (environmentOf(args.urn) !== "production") {
                return;
            }
            if (db.deletionProtection !== true) {
                report(`deletionProtection must be true in production, got ${JSON.stringify(db.deletionProtection)}.`);
            }
            if (db.multiAz !== true) {
                report(`multiAz must be true in production, got ${JSON.stringify(db.multiAz)}.`);
            }
        }),
    },
    {
        name: "rds-final-snapshot",
        description: "Outside dev, deleting an RDS instance leaves a final snapshot.",
        severity: "high",
        validateResource: forTypes(INSTANCE, (db, args, report) => {
            const environment = environmentOf(args.urn);
            if (environment === "dev") {
                return;
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
