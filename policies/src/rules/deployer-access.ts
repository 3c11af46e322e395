// Pre-apply check g (issue 11): a first `up` can reach what it creates. The same `up` that creates an EKS cluster
// creates its Kubernetes objects, so the deployer must reach the API endpoint on 443 as soon as it exists:
// - a private-only endpoint needs, in the plan, an ingress rule on 443 to the cluster's security group (or a security
//   group attached to the cluster) from a declared deployer network: a CIDR, a prefix list or a security group, never
//   the whole internet;
// - a public endpoint is reachable only from `publicAccessCidrs`, which must be real networks: the RFC 5737
//   documentation ranges and private ranges match no deployer's public address.
import { Policies, PolicyResource, ReportViolation } from "@pulumi/policy";
import { dependsOn, describe, known, list, UNKNOWN } from "../support";
import { pendingFixSchema } from "./pending";

const CLUSTER = "aws:eks/cluster:Cluster";
const EKS_ENDPOINT_DOCS = "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html";
const WORLD = ["0.0.0.0/0", "::/0"];
/** RFC 5737 documentation ranges (TEST-NET-1/2/3): no network anywhere has these addresses. */
const DOCUMENTATION: [string, string][] = [["192.0.2.0", "24"], ["198.51.100.0", "24"], ["203.0.113.0", "24"]];
/** RFC 1918 private ranges: never the source address the public endpoint sees. */
const PRIVATE: [string, string][] = [["10.0.0.0", "8"], ["172.16.0.0", "12"], ["192.168.0.0", "16"]];

function ipv4(address: string): number | undefined {
    const parts = address.split(".").map(Number);
    return parts.length === 4 && parts.every(p => Number.isInteger(p) && p >= 0 && p <= 255)
        ? parts.reduce((a, p) => a * 256 + p, 0) : undefined;
}

/** The documentation (or, with `publicEndpoint`, private) range a CIDR lies inside, if any. */
export function unreachableCidr(cidr: string, publicEndpoint = false): string | undefined {
    const [address, bits] = cidr.split("/");
    const start = ipv4(address);
    const size = Number(bits ?? 32);
    if (start === undefined || !(size >= 0 && size <= 32)) {
        return undefined;
    }
    for (const [base, prefix] of publicEndpoint ? [...DOCUMENTATION, ...PRIVATE] : DOCUMENTATION) {
        const b = ipv4(base)!;
        const p = Number(prefix);
        if (size >= p && Math.floor(start / 2 ** (32 - p)) === Math.floor(b / 2 ** (32 - p))) {
            return `${base}/${prefix}`;
        }
    }
    return undefined;
}

interface Ingress { resource: PolicyResource; target: unknown; from: number; to: number; protocol: string; sources: string[]; }

/** Ingress rules in the three shapes AWS resources declare them, with the security group they are on. */
function ingressRules(r: PolicyResource): Ingress[] {
    const p = r.props;
    // A source not known yet (a security group created by the same `up`) is still a declared, specific source.
    const read = (f: () => unknown) => { const v = known(f); return v === UNKNOWN ? "(known after create)" : v; };
    const sourcesOf = (x: any) => ["cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "securityGroups"]
        .flatMap(f => { const v = read(() => x?.[f]); return typeof v === "string" ? [v] : list(v); })
        .concat(["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId", "sourceSecurityGroupId"]
            .map(f => read(() => x?.[f])), read(() => x?.self) === true ? ["self"] : [])
        .filter(s => typeof s === "string" && s !== "");
    switch (r.type) {
        case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
            return [{ resource: r, target: known(() => p.securityGroupId), from: p.fromPort, to: p.toPort,
                protocol: String(p.ipProtocol), sources: sourcesOf(p) }];
        case "aws:ec2/securityGroupRule:SecurityGroupRule":
            return p.type !== "ingress" ? [] : [{ resource: r, target: known(() => p.securityGroupId), from: p.fromPort,
                to: p.toPort, protocol: String(p.protocol), sources: sourcesOf(p) }];
        case "aws:ec2/securityGroup:SecurityGroup":
            return list(p.ingress).map(i => ({ resource: r, target: r, from: i?.fromPort, to: i?.toPort,
                protocol: String(i?.protocol), sources: sourcesOf(i) }));
        default:
            return [];
    }
}

const opens443 = (i: Ingress) => (i.protocol === "-1" || i.protocol === "all")
    || ((i.protocol === "tcp" || i.protocol === "6") && Number(i.from) <= 443 && Number(i.to) >= 443);

/**
 * Is the rule on the cluster's own security group or on one attached to the cluster? By value where the cluster's
 * outputs are known (a real preview of an existing stack); where they are not (a first preview, or the offline plan,
 * which holds inputs only), a rule that depends on the cluster itself and allows a source that is not derived from it.
 */
function onCluster(i: Ingress, cluster: PolicyResource): boolean {
    const attached = list(known(() => cluster.props.vpcConfig?.securityGroupIds));
    const own = known(() => cluster.props.vpcConfig?.clusterSecurityGroupId);
    if (i.target instanceof Object && "urn" in (i.target as any)) {
        const sg = i.target as PolicyResource;
        const ids = [known(() => sg.props.id), known(() => sg.props.arn)].filter(v => typeof v === "string");
        return ids.some(id => attached.includes(id)) || dependsOn(cluster, sg);
    }
    if (typeof i.target === "string" && (i.target === own || attached.includes(i.target))) {
        return true;
    }
    return (own === undefined || own === UNKNOWN) && dependsOn(i.resource, cluster) && i.sources.length > 0
        && !i.sources.includes(own as any);
}

/** Reports each cluster that the deployer of its first `up` cannot reach. */
export function unreachableClusters(resources: PolicyResource[], report: ReportViolation): void {
    const rules = resources.flatMap(ingressRules);
    for (const cluster of resources.filter(r => r.type === CLUSTER)) {
        const vpc = known(() => cluster.props.vpcConfig) as any;
        if (!vpc || vpc === UNKNOWN) {
            continue;
        }
        // AWS defaults: public endpoint on, private off, public CIDRs 0.0.0.0/0.
        const isPublic = vpc.endpointPublicAccess !== false;
        if (isPublic) {
            const cidrs = list(vpc.publicAccessCidrs).filter((c: unknown) => typeof c === "string") as string[];
            const bad = cidrs.map(c => ({ c, range: unreachableCidr(c, true) })).filter(x => x.range);
            if (cidrs.length > 0 && bad.length === cidrs.length) {
                report(`${describe(cluster)} has a public API endpoint open only to ${bad.map(b => `${b.c} (inside ${b.range})`)
                    .join(", ")}: documentation (RFC 5737) and private (RFC 1918) ranges match no deployer's public address, `
                    + `so the first \`up\` cannot reach the cluster it creates (${EKS_ENDPOINT_DOCS}). Fix: list the real `
                    + "egress CIDRs of the CI runners and operators in platform:cluster.publicAccessCidrs, or turn the public "
                    + "endpoint off and declare a deployer network that reaches the private endpoint on 443.", cluster.urn);
            }
            continue;
        }
        const reaching = rules.filter(i => opens443(i) && onCluster(i, cluster)
            && i.sources.some(s => !WORLD.includes(s) && !unreachableCidr(s)));
        if (reaching.length === 0) {
            report(`${describe(cluster)} has only a private API endpoint, and the plan has no ingress rule on 443 to the `
                + "cluster security group from a deployer network: on a fresh account the VPC is created by this same `up`, "
                + "so no runner inside it exists yet and the Kubernetes resources of the `up` cannot be created "
                + `(${EKS_ENDPOINT_DOCS}). Fix: declare the deployer's network (a runner's security group, or a tooling VPC's `
                + "CIDR reached by peering or transit gateway) as a setting that becomes an "
                + "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule on 443 to vpcConfig.clusterSecurityGroupId, and "
                + "document the order of the first `up`.", cluster.urn);
        }
    }
}

export const deployerAccessPolicies: Policies = [
    {
        name: "cluster-deployer-access",
        description: "The first `up` can reach the cluster it creates: a private endpoint has a 443 rule from a declared "
            + "deployer network; a public endpoint is open to real networks, not documentation or private ranges.",
        severity: "high",
        configSchema: pendingFixSchema,
        validateStack: (args, report) => unreachableClusters(args.resources, report),
    },
];
