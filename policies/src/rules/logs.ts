// CloudWatch log groups that hold audit data (the EKS control-plane log), statement text (RDS exports) or network
// records (VPC flow logs): retained for a set time, encrypted with a customer-managed key, protected in production.
import { Policies } from "@pulumi/policy";
import { environmentOf, forTypes } from "../support";

const LOG_GROUP = ["aws:cloudwatch/logGroup:LogGroup"];

/** The names (or name prefixes) of log groups written by EKS, RDS and VPC flow logs. */
export function isAuditLogGroup(props: Record<string, any>): boolean {
    const name = typeof props.name === "string" ? props.name : typeof props.namePrefix === "string" ? props.namePrefix : "";
    return /^\/aws\/eks\/[^/]+\/cluster$/.test(name) || name.startsWith("/aws/rds/") || name.includes("flow-logs");
}

export const logPolicies: Policies = [
    {
        name: "audit-log-groups-kept-encrypted",
        description: "Log groups of the EKS control plane, RDS exports and VPC flow logs have a retention, are encrypted "
            + "with a customer-managed KMS key, and are protected from deletion in production.",
        severity: "high",
        validateResource: forTypes(LOG_GROUP, (group, args, report) => {
            if (!isAuditLogGroup(group)) {
                return;
            }
            if (!(typeof group.retentionInDays === "number" && group.retentionInDays > 0)) {
                report(`retentionInDays must be set (CloudWatch Logs otherwise keeps ${group.name ?? group.namePrefix} `
                    + `forever), got ${JSON.stringify(group.retentionInDays)}.`);
            }
            if (typeof group.kmsKeyId !== "string" || group.kmsKeyId === "") {
                report("kmsKeyId must be a customer-managed KMS key whose policy admits CloudWatch Logs "
                    + `(condition kms:EncryptionContext:aws:logs:arn), got ${JSON.stringify(group.kmsKeyId)}.`);
            }
            if (environmentOf(args.urn) === "production" && !args.opts.protect) {
                report("protect must be set in production: deleting this log group deletes audit records.");
            }
        }),
    },
];
