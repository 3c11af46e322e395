// An evaluator of Kubernetes NetworkPolicies with the semantics of the EKS VPC CNI network policy agent (the
// controller that resolves policies into PolicyEndpoints, aws/amazon-network-policy-controller-k8s v1.1.7, and the
// node agent that enforces them with eBPF on each pod's host veth, aws/aws-network-policy-agent v1.4.1, the version
// the VPC CNI v1.23.0 chart ships). docs/policy.md, "Network flows", cites the source of every rule below.
//
// Pure functions: no engine, no plan. The flows rule (flows.ts) builds the model from a plan and asks `allows`.

/** Labels of a pod or namespace. */
export type Labels = Record<string, string>;

export interface ContainerPort { name?: string; port: number; protocol: string; }

/** A pod template: where it runs, its labels and its container ports (for named ports). */
export interface Pod {
    /** How messages name it, e.g. `order-service/order-service-blue` or `chart istiod`. */
    label: string;
    namespace: string;
    labels: Labels;
    ports: ContainerPort[];
    /** Host-network pods are not governed by NetworkPolicies (the controller skips them) and use the node's IP. */
    hostNetwork?: boolean;
}

export interface ServicePort { port: number; targetPort: number | string; protocol: string; }

/** A Service with a cluster IP. `selector` undefined: a Service without selector (`default/kubernetes`). */
export interface Service {
    label: string;
    namespace: string;
    name: string;
    selector?: Labels;
    ports: ServicePort[];
    /** The addresses its cluster IP can have: one /32 when known, else the whole service CIDR. */
    clusterIps: string[];
    /** The pods behind it (post-DNAT destinations, ingress-checked there). */
    backends: Pod[];
}

/** Addresses that are not pods: the EKS control plane's ENIs, nodes, the internet, a VPC endpoint's ENIs. */
export interface Addresses { kind: "addresses"; label: string; cidrs: string[]; }

export type Endpoint = { kind: "pod"; pod: Pod } | { kind: "service"; service: Service } | Addresses;

export interface Cluster {
    namespaces: Map<string, Labels>;
    policies: NetworkPolicy[];
    /** Where pod IPs come from (the VPC CNI gives pods addresses of the node subnets). */
    podCidrs: string[];
    /** Where node IPs come from (a host-network pod has its node's IP). */
    nodeCidrs: string[];
}

export interface NetworkPolicy { name: string; namespace: string; spec: any; }

export interface Verdict { allowed: boolean; why: string; }

// ---------------------------------------------------------------------------------------------------------- IPv4

type Range = [number, number];

export function cidrRange(cidr: string): Range {
    const [ip, bits = "32"] = cidr.split("/");
    const parts = ip.split(".").map(Number);
    if (parts.length !== 4 || parts.some(p => !Number.isInteger(p) || p < 0 || p > 255)) {
        throw new Error(`not an IPv4 CIDR: ${cidr}`);
    }
    const base = ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
    const size = 2 ** (32 - Number(bits));
    const start = Math.floor(base / size) * size;
    return [start, start + size - 1];
}

export function isIpv4Cidr(value: unknown): value is string {
    return typeof value === "string" && /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(value);
}

/** The n-th address of a CIDR (n = 1: the first usable one, which Kubernetes gives the `kubernetes` Service). */
export function nthAddress(cidr: string, n: number): string {
    const value = cidrRange(cidr)[0] + n;
    return [24, 16, 8, 0].map(shift => Math.floor(value / 2 ** shift) % 256).join(".") + "/32";
}

function subtract(ranges: Range[], cut: Range): Range[] {
    return ranges.flatMap(([a, b]): Range[] => {
        if (cut[1] < a || cut[0] > b) {
            return [[a, b]];
        }
        const left: Range[] = cut[0] > a ? [[a, cut[0] - 1]] : [];
        const right: Range[] = cut[1] < b ? [[cut[1] + 1, b]] : [];
        return [...left, ...right];
    });
}

/** An ipBlock: its CIDR minus its excepts, as ranges. */
function blockRanges(cidr: string, except: string[]): Range[] {
    return except.reduce((left, e) => subtract(left, cidrRange(e)), [cidrRange(cidr)]);
}

/** True when every address of every target lies in the union of the ipBlocks. */
export function coveredByUnion(blocks: { cidr: string; except: string[] }[], targets: string[]): boolean {
    const allowed = blocks.flatMap(b => blockRanges(b.cidr, b.except));
    return targets.every(t => allowed.reduce((left, range) => subtract(left, range), [cidrRange(t)]).length === 0);
}

/** True when every address of `target` lies in `cidr` minus `except`. */
export function covers(cidr: string, except: string[], target: string): boolean {
    const t = cidrRange(target);
    if (subtract([t], cidrRange(cidr)).length > 0) {
        return false;
    }
    return except.every(e => {
        const [a, b] = cidrRange(e);
        return b < t[0] || a > t[1];
    });
}

/** Public IPv4 space: everything but private, shared, loopback, link-local, multicast and reserved blocks. */
export const NON_PUBLIC = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4"];

/** True when `cidr` minus `except` contains every public IPv4 address (the whole internet). */
export function coversInternet(cidr: string, except: string[]): boolean {
    let publicSpace: Range[] = [[0, 2 ** 32 - 1]];
    for (const block of NON_PUBLIC) {
        publicSpace = subtract(publicSpace, cidrRange(block));
    }
    let left = subtract(publicSpace, cidrRange(cidr));
    if (left.length > 0) {
        return false;
    }
    left = publicSpace;
    for (const e of except) {
        const before = left.reduce((n, [a, b]) => n + b - a + 1, 0);
        left = subtract(left, cidrRange(e));
        if (left.reduce((n, [a, b]) => n + b - a + 1, 0) !== before) {
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------------- selectors

/** A LabelSelector; `undefined` selects everything (as an absent podSelector/namespaceSelector does). */
export function selects(selector: any, labels: Labels): boolean {
    if (selector === undefined || selector === null) {
        return true;
    }
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
        if (labels[key] !== value) {
            return false;
        }
    }
    for (const e of selector.matchExpressions ?? []) {
        const has = Object.prototype.hasOwnProperty.call(labels, e.key);
        const values: string[] = e.values ?? [];
        switch (e.operator) {
            case "In": if (!has || !values.includes(labels[e.key])) { return false; } break;
            case "NotIn": if (has && values.includes(labels[e.key])) { return false; } break;
            case "Exists": if (!has) { return false; } break;
            case "DoesNotExist": if (has) { return false; } break;
            default: return false;
        }
    }
    return true;
}

/** The labels of a namespace: its declared labels plus `kubernetes.io/metadata.name`, which the API server sets. */
export function namespaceLabels(cluster: Cluster, namespace: string): Labels {
    return { ...(cluster.namespaces.get(namespace) ?? {}), "kubernetes.io/metadata.name": namespace };
}

/** spec.policyTypes as the API server defaults it: Ingress always, Egress when egress rules are given. */
export function policyTypes(spec: any): string[] {
    if (Array.isArray(spec?.policyTypes) && spec.policyTypes.length > 0) {
        return spec.policyTypes;
    }
    return Array.isArray(spec?.egress) && spec.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
}

function selecting(cluster: Cluster, pod: Pod, type: "Ingress" | "Egress"): NetworkPolicy[] {
    return cluster.policies.filter(p => p.namespace === pod.namespace && policyTypes(p.spec).includes(type)
        && selects(p.spec?.podSelector ?? {}, pod.labels));
}

// -------------------------------------------------------------------------------------------------------- ports

const protocolOf = (p: any) => (p?.protocol ?? "TCP") as string;

/** A container port by number or name (the controller's LookupContainerPortAndName). */
function containerPort(pod: Pod, port: number | string, protocol: string): number | undefined {
    if (typeof port === "number") {
        return port;
    }
    return pod.ports.find(p => p.name === port && p.protocol === protocol)?.port;
}

/** Does a rule's `ports` admit (port, protocol) at a pod destination? Named ports resolve against that pod. */
function portsAdmitPod(ports: any[] | undefined, pod: Pod, port: number, protocol: string): boolean {
    if (!ports || ports.length === 0) {
        return true;
    }
    return ports.some(p => {
        if (protocolOf(p) !== protocol) {
            return false;
        }
        if (p.port === undefined || p.port === null) {
            return true;
        }
        const start = containerPort(pod, p.port, protocol);
        return start !== undefined && (port === start || (p.endPort !== undefined && port >= start && port <= p.endPort));
    });
}

/** For an ipBlock (or all-destinations) rule named ports cannot be resolved and are skipped by the controller. */
function portsAdmitCidr(ports: any[] | undefined, port: number, protocol: string): boolean | "unresolvable" {
    if (!ports || ports.length === 0) {
        return true;
    }
    const numeric = ports.filter(p => typeof p.port !== "string");
    if (numeric.length === 0) {
        return "unresolvable";
    }
    return numeric.some(p => protocolOf(p) === protocol && (p.port === undefined || p.port === null || p.port === port
        || (p.endPort !== undefined && port >= p.port && port <= p.endPort)));
}

/**
 * The listen port a policy port resolves to on a Service (getMatchingServicePort): the NetworkPolicy port is matched
 * against the Service's targetPort (LookupServiceListenPort), else through a backend pod's container port.
 */
function serviceListenPort(service: Service, npPort: number | string, protocol: string): number | undefined {
    const direct = service.ports.find(sp => sp.protocol === protocol && String(sp.targetPort) === String(npPort)
        && typeof sp.targetPort === typeof npPort);
    if (direct) {
        return direct.port;
    }
    for (const pod of service.backends) {
        const number = containerPort(pod, npPort, protocol);
        const name = pod.ports.find(p => p.port === number && p.protocol === protocol)?.name;
        const sp = service.ports.find(s => s.protocol === protocol
            && (s.targetPort === number || (name !== undefined && s.targetPort === name)));
        if (number !== undefined && sp) {
            return sp.port;
        }
    }
    return undefined;
}

// ------------------------------------------------------------------------------------------------------- egress

/** The addresses a destination has as the source's eBPF egress probe sees them (before any DNAT). */
function destinationCidrs(cluster: Cluster, to: Endpoint): string[] {
    switch (to.kind) {
        case "pod": return to.pod.hostNetwork ? cluster.nodeCidrs : cluster.podCidrs;
        case "service": return to.service.clusterIps;
        case "addresses": return to.cidrs;
    }
}

function peerNamespaces(cluster: Cluster, policy: NetworkPolicy, peer: any, candidate: string): boolean {
    if (peer.namespaceSelector === undefined || peer.namespaceSelector === null) {
        return candidate === policy.namespace;
    }
    return selects(peer.namespaceSelector, namespaceLabels(cluster, candidate));
}

/** The ipBlocks of a rule that admit (port, protocol); a rule without peers admits 0.0.0.0/0. */
function egressBlocks(rule: any, port: number, protocol: string): { cidr: string; except: string[] }[] {
    if (portsAdmitCidr(rule.ports, port, protocol) !== true) {
        return [];
    }
    const peers: any[] = rule.to ?? [];
    if (peers.length === 0) {
        return [{ cidr: "0.0.0.0/0", except: [] }];
    }
    return peers.filter(p => p.ipBlock).map(p => ({ cidr: p.ipBlock.cidr, except: p.ipBlock.except ?? [] }));
}

/** Does a rule's pod-selector peer (or a rule without peers, for a pod) admit the destination? */
function egressSelectorAllows(cluster: Cluster, policy: NetworkPolicy, rule: any, to: Endpoint, port: number,
    protocol: string): boolean {
    const peers: any[] = rule.to ?? [];
    if (peers.length === 0) {
        return to.kind === "pod" && portsAdmitPod(rule.ports, to.pod, port, protocol);
    }
    return peers.some(peer => {
        if (peer.ipBlock) {
            return false;
        }
        if (to.kind === "pod") {
            // Pod peers resolve to pod IPs; a host-network pod's IP is its node's, which the agent never lists
            // for the local node and which is not a pod IP elsewhere: treat it as not matched by pod peers.
            return !to.pod.hostNetwork && peerNamespaces(cluster, policy, peer, to.pod.namespace)
                && selects(peer.podSelector, to.pod.labels) && portsAdmitPod(rule.ports, to.pod, port, protocol);
        }
        if (to.kind === "service") {
            // getMatchingServiceClusterIPs: Services in the peer's namespaces whose spec.selector satisfies the peer's
            // podSelector (an absent one matches every Service, even one without selector) add their cluster IP.
            const service = to.service;
            if (!peerNamespaces(cluster, policy, peer, service.namespace)
                || !selects(peer.podSelector ?? {}, service.selector ?? {})) {
                return false;
            }
            const ports: any[] = rule.ports ?? [];
            if (ports.length === 0) {
                return true;
            }
            return ports.some(p => protocolOf(p) === protocol && (p.port === undefined || p.port === null
                || serviceListenPort(service, p.port, protocol) === port));
        }
        return false;
    });
}

/**
 * Egress of the source: default-allow unless a policy with Egress selects it; host-network pods are never checked.
 * The agent merges every selecting policy's entries into one LPM trie, so ipBlocks of different rules add up.
 */
export function egressAllows(cluster: Cluster, from: Pod, to: Endpoint, port: number, protocol: string): Verdict {
    if (from.hostNetwork) {
        return { allowed: true, why: `${from.label} uses the host network (policies do not apply)` };
    }
    const policies = selecting(cluster, from, "Egress");
    if (policies.length === 0) {
        return { allowed: true, why: `no Egress policy selects ${from.label} (default allow)` };
    }
    const bySelector = policies.find(p => (p.spec.egress ?? []).some((r: any) => egressSelectorAllows(cluster, p, r, to, port, protocol)));
    if (bySelector) {
        return { allowed: true, why: `allowed by ${bySelector.namespace}/${bySelector.name}` };
    }
    const blocks = policies.flatMap(p => (p.spec.egress ?? []).flatMap((r: any) => egressBlocks(r, port, protocol)));
    if (blocks.length > 0 && coveredByUnion(blocks, destinationCidrs(cluster, to))) {
        return { allowed: true, why: `allowed by ipBlocks ${blocks.map(b => b.cidr).join(", ")}` };
    }
    return { allowed: false, why: `no egress rule of ${policies.map(p => p.name).join(", ")} allows it` };
}

// ------------------------------------------------------------------------------------------------------ ingress

/** The addresses a source has as the destination's ingress probe sees them. */
function sourceCidrs(cluster: Cluster, from: Pod | Addresses): string[] {
    if ("kind" in from) {
        return from.cidrs;
    }
    return from.hostNetwork ? cluster.nodeCidrs : cluster.podCidrs;
}

function ingressSelectorAllows(cluster: Cluster, policy: NetworkPolicy, rule: any, from: Pod | Addresses, to: Pod,
    port: number, protocol: string): boolean {
    // Ingress ports (named ones too) resolve against the policy's own pods.
    if (!portsAdmitPod(rule.ports, to, port, protocol)) {
        return false;
    }
    const peers: any[] = rule.from ?? [];
    if (peers.length === 0) {
        return true;
    }
    return peers.some(peer => !peer.ipBlock && !("kind" in from) && !from.hostNetwork
        && peerNamespaces(cluster, policy, peer, from.namespace) && selects(peer.podSelector, from.labels));
}

function ingressBlocks(rule: any, to: Pod, port: number, protocol: string): { cidr: string; except: string[] }[] {
    if (!portsAdmitPod(rule.ports, to, port, protocol)) {
        return [];
    }
    return (rule.from ?? []).filter((p: any) => p.ipBlock).map((p: any) => ({ cidr: p.ipBlock.cidr, except: p.ipBlock.except ?? [] }));
}

/** Ingress of the destination pod: default-allow unless a policy with Ingress selects it. */
export function ingressAllows(cluster: Cluster, from: Pod | Addresses, to: Pod, port: number, protocol: string): Verdict {
    if (to.hostNetwork) {
        return { allowed: true, why: `${to.label} uses the host network (policies do not apply)` };
    }
    const policies = selecting(cluster, to, "Ingress");
    if (policies.length === 0) {
        return { allowed: true, why: `no Ingress policy selects ${to.label} (default allow)` };
    }
    const bySelector = policies.find(p => (p.spec.ingress ?? []).some((r: any) => ingressSelectorAllows(cluster, p, r, from, to, port, protocol)));
    if (bySelector) {
        return { allowed: true, why: `allowed by ${bySelector.namespace}/${bySelector.name}` };
    }
    const blocks = policies.flatMap(p => (p.spec.ingress ?? []).flatMap((r: any) => ingressBlocks(r, to, port, protocol)));
    if (blocks.length > 0 && coveredByUnion(blocks, sourceCidrs(cluster, from))) {
        return { allowed: true, why: `allowed by ipBlocks ${blocks.map(b => b.cidr).join(", ")}` };
    }
    return { allowed: false, why: `no ingress rule of ${policies.map(p => p.name).join(", ")} admits it` };
}

// --------------------------------------------------------------------------------------------------------- flow

/**
 * Is (port, protocol) from `from` to `to` allowed by the source's egress AND the destination's ingress? For a Service
 * destination the egress probe sees the cluster IP and listen port; each backend pod's ingress sees the target port.
 */
export function allows(cluster: Cluster, from: Pod | Addresses, to: Endpoint, port: number, protocol: string): Verdict {
    const out: Verdict = "kind" in from ? { allowed: true, why: `${from.label} is not a pod` }
        : egressAllows(cluster, from, to, port, protocol);
    if (!out.allowed) {
        return { allowed: false, why: `egress: ${out.why}` };
    }
    const targets: { pod: Pod; port: number }[] = [];
    if (to.kind === "pod") {
        targets.push({ pod: to.pod, port });
    } else if (to.kind === "service") {
        const sp = to.service.ports.find(p => p.port === port && p.protocol === protocol);
        if (!sp) {
            return { allowed: false, why: `Service ${to.service.label} has no ${protocol} port ${port}` };
        }
        for (const pod of to.service.backends) {
            const target = containerPort(pod, sp.targetPort, protocol);
            if (target === undefined) {
                return { allowed: false, why: `${pod.label} has no port named ${sp.targetPort}` };
            }
            targets.push({ pod, port: target });
        }
    }
    for (const target of targets) {
        const inn = ingressAllows(cluster, from, target.pod, target.port, protocol);
        if (!inn.allowed) {
            return { allowed: false, why: `ingress on ${target.port}: ${inn.why}` };
        }
    }
    return { allowed: true, why: out.why };
}

/**
 * The egress rules of a pod that reach the whole public internet (an ipBlock covering every public address, or a
 * rule without `to`), or the reason it is unrestricted (no Egress policy selects it).
 */
export function internetEgress(cluster: Cluster, pod: Pod): string[] {
    if (pod.hostNetwork) {
        return [];
    }
    const policies = selecting(cluster, pod, "Egress");
    if (policies.length === 0) {
        return ["no Egress policy selects it (default allow)"];
    }
    const found: string[] = [];
    for (const p of policies) {
        for (const rule of p.spec.egress ?? []) {
            const ports = (rule.ports ?? []).map((x: any) => `${protocolOf(x)} ${x.port ?? "any"}`).join(", ") || "every port";
            const peers: any[] = rule.to ?? [];
            if (peers.length === 0) {
                found.push(`${p.namespace}/${p.name} allows every destination (${ports})`);
            }
            for (const peer of peers) {
                if (peer.ipBlock && coversInternet(peer.ipBlock.cidr, peer.ipBlock.except ?? [])) {
                    found.push(`${p.namespace}/${p.name} allows ${peer.ipBlock.cidr} (${ports})`);
                }
            }
        }
    }
    return found;
}
