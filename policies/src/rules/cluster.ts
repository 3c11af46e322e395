// EKS: Kubernetes secrets envelope-encrypted with KMS, audit logging, a private API endpoint in production.
import { Policies } from "@pulumi/policy";
import { environmentOf, forTypes, get, list } from "../support";

const CLUSTER = ["aws:eks/cluster:Cluster"];
const WORLD = ["0.0.0.0/0", "::/0"];

/** encryptionConfig is one object in the 6.x schema; older programs may send a one-element list. */
function encryptionConfigs(cluster: Record<string, any>): any[] {
    const config = cluster.encryptionConfig;
    return Array.isArray(config) ? config : config ? [config] : [];
}

export const clusterPolicies: Policies = [
    {
        name: "eks-secrets-encryption",
        description: "EKS clusters envelope-encrypt Kubernetes secrets with a KMS key.",
        severity: "high",
        validateResource: forTypes(CLUSTER, (cluster, args, report) => {
            const encrypted = encryptionConfigs(cluster).some(c =>
                list(c?.resources).includes("secrets") && typeof get(c, "provider.keyArn") === "string"
                && get(c, "provider.keyArn") !== "");
            if (!encrypted) {
                report("encryptionConfig must list resources [\"secrets\"] with provider.keyArn set to a KMS key.");
            }
        }),
    },
    {
        name: "eks-audit-logging",
        description: "EKS clusters send the Kubernetes audit log to CloudWatch.",
        severity: "high",
        validateResource: forTypes(CLUSTER, (cluster, args, report) => {
            const types = list(cluster.enabledClusterLogTypes);
            if (!types.includes("audit")) {
                report(`enabledClusterLogTypes must include "audit", got ${JSON.stringify(types)}.`);
            }
        }),
    },
    {
        name: "eks-endpoint-access",
        description: "The EKS API endpoint is private in production; elsewhere a public endpoint is limited to "
            + "named CIDRs, never the whole internet.",
        severity: "high",
        validateResource: forTypes(CLUSTER, (cluster, args, report) => {
            const environment = environmentOf(args.urn);
            const vpc = cluster.vpcConfig ?? {};
            // AWS defaults: public endpoint on, private endpoint off, public CIDRs 0.0.0.0/0.
            const isPublic = vpc.endpointPublicAccess !== false;
            if (environment === "production") {
                if (vpc.endpointPrivateAccess !== true) {
                    report("vpcConfig.endpointPrivateAccess must be true in production.");
                }
                if (isPublic) {
                    report("vpcConfig.endpointPublicAccess must be false in production.");
                }
                return;
            }
            if (isPublic) {
                const cidrs = list(vpc.publicAccessCidrs);
                if (cidrs.length === 0 || cidrs.some(c => WORLD.includes(c))) {
                    report(`a public API endpoint in ${environment} must be limited to named CIDRs in `
                        + `vpcConfig.publicAccessCidrs (empty means 0.0.0.0/0), got ${JSON.stringify(cidrs)}.`);
                }
            }
        }),
    },
];
