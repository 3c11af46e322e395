// Capacity: each namespace's ResourceQuota admits every workload in it at its autoscaler's maximum plus the surge of
// one rollout, with the Istio sidecar; the node groups at their maximum hold every namespace's requests plus the mesh
// and system pods. Sources: docs/policy.md "Capacity" (instance table, reservations, sidecar defaults).
import { Policies, PolicyConfigSchema, PolicyResource } from "@pulumi/policy";
import { get, list, ofTypes } from "../support";
import { CHARTS } from "./flows-data";

/**
 * Instance types: vCPUs and memory (EC2 DescribeInstanceTypes / the instance type pages), ENIs and IPv4 addresses per
 * ENI (awslabs/amazon-eks-ami@v20260724 nodeadm/internal/kubelet/instance-info.jsonl). Checked 2026-12-02. An
 * instance type missing here is reported, so the table grows with the stack files.
 */
export const INSTANCE_TYPES: Record<string, { vcpu: number; memoryMi: number; enis: number; ipsPerEni: number }> = {
    "t3.large": { vcpu: 2, memoryMi: 8192, enis: 3, ipsPerEni: 12 },
    "t3a.large": { vcpu: 2, memoryMi: 8192, enis: 3, ipsPerEni: 12 },
    "m6i.large": { vcpu: 2, memoryMi: 8192, enis: 3, ipsPerEni: 10 },
    "m6i.xlarge": { vcpu: 4, memoryMi: 16384, enis: 4, ipsPerEni: 15 },
    "m6i.2xlarge": { vcpu: 8, memoryMi: 32768, enis: 4, ipsPerEni: 15 },
    "m7i.large": { vcpu: 2, memoryMi: 8192, enis: 3, ipsPerEni: 10 },
    "m7i.xlarge": { vcpu: 4, memoryMi: 16384, enis: 4, ipsPerEni: 15 },
};

/** The Istio sidecar's default requests and limits (istio/istio@1.24.6 istio-discovery values.yaml global.proxy.resources). */
export const SIDECAR_DEFAULTS = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "2000m", memory: "1024Mi" } };

/**
 * What EKS itself runs on every node or in kube-system, requests per pod (the add-ons' manifests for the
 * versions EKS installs: aws-node 25m, kube-proxy 100m, ebs-csi-node 30m/120Mi for 3 containers, coredns 100m/70Mi x 2,
 * ebs-csi-controller 60m/240Mi x 2). An approximation that errs high; stated in docs/policy.md.
 */
export const SYSTEM_PODS = {
    perNode: { cpuMilli: 25 + 100 + 30, memoryMi: 120, pods: 3 },
    perCluster: { cpuMilli: 2 * 100 + 2 * 60, memoryMi: 2 * 70 + 2 * 240, pods: 4 },
};

export function cpuMilli(q: unknown): number | undefined {
    if (typeof q === "number") {
        return q * 1000;
    }
    if (typeof q !== "string" || q === "") {
        return undefined;
    }
    return q.endsWith("m") ? Number(q.slice(0, -1)) : Number(q) * 1000;
}

export function memoryMi(q: unknown): number | undefined {
    if (typeof q === "number") {
        return q / 2 ** 20;
    }
    if (typeof q !== "string" || q === "") {
        return undefined;
    }
    const units: Record<string, number> = { Ki: 2 ** -10, Mi: 1, Gi: 2 ** 10, Ti: 2 ** 20, k: 1e3 / 2 ** 20, M: 1e6 / 2 ** 20, G: 1e9 / 2 ** 20 };
    const match = /^([0-9.]+)([A-Za-z]*)$/.exec(q);
    if (!match) {
        return undefined;
    }
    return match[2] === "" ? Number(match[1]) / 2 ** 20 : Number(match[1]) * (units[match[2]] ?? NaN);
}

const fmtCpu = (m: number) => `${Math.round(m)}m`;
const fmtMem = (mi: number) => `${Math.round(mi)}Mi`;

interface PodSize { cpu: number; memory: number; limitsCpu: number; limitsMemory: number; parts: string; }

/** One workload in a namespace: pods at the autoscaler's maximum, the surge of one rollout, and each pod's size. */
export interface Demand { label: string; urn: string; namespace: string; pods: number; surge: number; size: PodSize; }

function limitRangeDefaults(resources: PolicyResource[], namespace: string) {
    const range = ofTypes(resources, ["kubernetes:core/v1:LimitRange"]).find(r => get(r.props, "metadata.namespace") === namespace);
    const item = list(get(range?.props, "spec.limits")).find((l: any) => l.type === "Container") ?? {};
    return { request: item.defaultRequest ?? {}, limit: item.default ?? {} };
}

/** `maxSurge` resolved against a replica count (Kubernetes: a percentage rounds up; default 25%). */
export function surgePods(maxSurge: unknown, replicas: number): number {
    if (typeof maxSurge === "number") {
        return maxSurge;
    }
    const text = typeof maxSurge === "string" ? maxSurge : "25%";
    return text.endsWith("%") ? Math.ceil(replicas * Number(text.slice(0, -1)) / 100) : Number(text);
}

export function demands(resources: PolicyResource[]): Demand[] {
    const namespaces = new Map(ofTypes(resources, ["kubernetes:core/v1:Namespace"])
        .map(n => [get(n.props, "metadata.name"), get(n.props, "metadata.labels") ?? {}]));
    const hpas = ofTypes(resources, ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler"]);
    const istiod = ofTypes(resources, ["kubernetes:helm.sh/v3:Release"]).find(r => r.props.chart === "istiod");
    const meshProxy = get(istiod?.props, "values.global.proxy.resources") ?? {};
    const proxyDefault = {
        requests: { cpu: meshProxy.requests?.cpu ?? SIDECAR_DEFAULTS.requests.cpu, memory: meshProxy.requests?.memory ?? SIDECAR_DEFAULTS.requests.memory },
        limits: { cpu: meshProxy.limits?.cpu ?? SIDECAR_DEFAULTS.limits.cpu, memory: meshProxy.limits?.memory ?? SIDECAR_DEFAULTS.limits.memory },
    };
    const found: Demand[] = [];
    for (const d of ofTypes(resources, ["kubernetes:apps/v1:Deployment"])) {
        const namespace = get(d.props, "metadata.namespace") ?? "default";
        const name = get(d.props, "metadata.name") ?? d.name;
        const template = get(d.props, "spec.template") ?? {};
        const annotations = get(template, "metadata.annotations") ?? {};
        const defaults = limitRangeDefaults(resources, namespace);
        let cpu = 0, memory = 0, limitsCpu = 0, limitsMemory = 0;
        const parts: string[] = [];
        for (const c of list(get(template, "spec.containers"))) {
            const req = c.resources?.requests ?? {}, lim = c.resources?.limits ?? {};
            const cCpu = cpuMilli(req.cpu ?? lim.cpu ?? defaults.request.cpu) ?? 0;
            const cMem = memoryMi(req.memory ?? lim.memory ?? defaults.request.memory) ?? 0;
            cpu += cCpu; memory += cMem;
            limitsCpu += cpuMilli(lim.cpu ?? defaults.limit.cpu) ?? 0;
            limitsMemory += memoryMi(lim.memory ?? defaults.limit.memory) ?? 0;
            parts.push(`${fmtCpu(cCpu)}/${fmtMem(cMem)} ${c.name}`);
        }
        const injected = namespaces.get(namespace)?.["istio-injection"] === "enabled" && annotations["sidecar.istio.io/inject"] !== "false";
        if (injected) {
            const sCpu = cpuMilli(annotations["sidecar.istio.io/proxyCPU"] ?? proxyDefault.requests.cpu)!;
            const sMem = memoryMi(annotations["sidecar.istio.io/proxyMemory"] ?? proxyDefault.requests.memory)!;
            cpu += sCpu; memory += sMem;
            limitsCpu += cpuMilli(annotations["sidecar.istio.io/proxyCPULimit"] ?? proxyDefault.limits.cpu)!;
            limitsMemory += memoryMi(annotations["sidecar.istio.io/proxyMemoryLimit"] ?? proxyDefault.limits.memory)!;
            parts.push(`${fmtCpu(sCpu)}/${fmtMem(sMem)} sidecar`);
        }
        const hpa = hpas.find(h => get(h.props, "metadata.namespace") === namespace && get(h.props, "spec.scaleTargetRef.name") === name
            && get(h.props, "spec.scaleTargetRef.kind") === "Deployment");
        const replicas = Number(get(d.props, "spec.replicas") ?? 1);
        const pods = hpa ? Number(get(hpa.props, "spec.maxReplicas")) : replicas;
        const strategy = get(d.props, "spec.strategy") ?? {};
        const surge = strategy.type === "Recreate" ? 0 : surgePods(strategy.rollingUpdate?.maxSurge, pods);
        found.push({ label: `${name}${hpa ? " (HPA max)" : ""}`, urn: d.urn, namespace, pods, surge,
            size: { cpu, memory, limitsCpu, limitsMemory, parts: parts.join(" + ") } });
    }
    const maxNodes = ofTypes(resources, ["aws:eks/nodeGroup:NodeGroup"]).reduce((n, g) => n + Number(get(g.props, "scalingConfig.maxSize") ?? 0), 0);
    for (const release of ofTypes(resources, ["kubernetes:helm.sh/v3:Release"])) {
        const row = CHARTS.find(c => c.chart === release.props.chart);
        const r = { name: release.props.name ?? release.name, values: release.props.values ?? {} };
        for (const pod of row?.pods(r, maxNodes) ?? []) {
            if (!pod.capacity) {
                continue;
            }
            const size = {
                cpu: cpuMilli(pod.capacity.requests.cpu) ?? 0, memory: memoryMi(pod.capacity.requests.memory) ?? 0,
                limitsCpu: cpuMilli(pod.capacity.limits.cpu) ?? 0, limitsMemory: memoryMi(pod.capacity.limits.memory) ?? 0, parts: "",
            };
            size.parts = `${fmtCpu(size.cpu)}/${fmtMem(size.memory)} ${pod.name}`;
            const daemon = pod.name === "istio-cni-node";
            found.push({ label: `${pod.name} (chart ${release.props.chart}${daemon ? ", one per node" : ", max"})`, urn: release.urn,
                namespace: pod.namespace ?? release.props.namespace, pods: pod.capacity.pods,
                surge: daemon ? 0 : surgePods(pod.capacity.maxSurge, pod.capacity.pods), size });
        }
    }
    return found;
}

const KEYS: { key: string; of: (s: PodSize) => number; parse: (q: unknown) => number | undefined; fmt: (n: number) => string }[] = [
    { key: "requests.cpu", of: s => s.cpu, parse: cpuMilli, fmt: fmtCpu },
    { key: "requests.memory", of: s => s.memory, parse: memoryMi, fmt: fmtMem },
    { key: "limits.cpu", of: s => s.limitsCpu, parse: cpuMilli, fmt: fmtCpu },
    { key: "limits.memory", of: s => s.limitsMemory, parse: memoryMi, fmt: fmtMem },
];

/** The quota problems of a stack: each message states the arithmetic. */
export function quotaProblems(resources: PolicyResource[]): { urn: string; message: string }[] {
    const all = demands(resources);
    const problems: { urn: string; message: string }[] = [];
    for (const quota of ofTypes(resources, ["kubernetes:core/v1:ResourceQuota"])) {
        const namespace = get(quota.props, "metadata.namespace");
        const hard = get(quota.props, "spec.hard") ?? {};
        const here = all.filter(d => d.namespace === namespace);
        if (here.length === 0) {
            continue;
        }
        // One rollout at a time: the largest surge of any workload in the namespace.
        const surgeOf = (of: (s: PodSize) => number) => Math.max(0, ...here.map(d => d.surge * of(d.size)));
        for (const k of KEYS) {
            const limit = k.parse(hard[k.key]);
            if (limit === undefined) {
                continue;
            }
            const sum = here.reduce((n, d) => n + d.pods * k.of(d.size), 0) + surgeOf(k.of);
            if (sum > limit + 1e-6) {
                const terms = here.map(d => `${d.label} ${d.pods} x ${k.fmt(k.of(d.size))}`
                    + (k.key.startsWith("requests") ? ` (${d.size.parts})` : "")).join(" + ");
                const surge = here.reduce((best, d) => d.surge * k.of(d.size) > best.n ? { n: d.surge * k.of(d.size), d } : best,
                    { n: 0, d: undefined as Demand | undefined });
                problems.push({ urn: quota.urn, message: `namespace '${namespace}' ResourceQuota ${k.key} is ${hard[k.key]}, `
                    + `but its pods at the autoscalers' maximum ask ${k.fmt(sum)}: ${terms}`
                    + `${surge.d ? ` + surge ${surge.d.surge} x ${k.fmt(k.of(surge.d.size))} (${surge.d.label})` : " + no surge (maxSurge 0)"}`
                    + `. Fix: raise the quota to at least ${k.fmt(sum)} or lower maxReplicas.` });
            }
        }
        const pods = Number(hard.pods);
        if (hard.pods !== undefined && Number.isFinite(pods)) {
            const count = here.reduce((n, d) => n + d.pods, 0) + Math.max(0, ...here.map(d => d.surge));
            if (count > pods) {
                problems.push({ urn: quota.urn, message: `namespace '${namespace}' ResourceQuota pods is ${pods}, but `
                    + `${here.map(d => `${d.label} ${d.pods}`).join(" + ")} + surge ${Math.max(0, ...here.map(d => d.surge))} = ${count} pods. `
                    + `Fix: raise pods to at least ${count} or lower maxReplicas.` });
            }
        }
    }
    return problems;
}

/** kube-reserved CPU (nodeadm getCPUMillicoresToReserve): 6% of the first core, 1% of the second, 0.5% of cores 3-4, 0.25% above. */
export function reservedCpuMilli(vcpu: number): number {
    const total = vcpu * 1000;
    const bands: [number, number, number][] = [[0, 1000, 600], [1000, 2000, 100], [2000, 4000, 50], [4000, total, 25]];
    return bands.reduce((n, [a, b, pct]) => total <= a ? n : n + (Math.min(total, b) - a) * pct / 10000, 0);
}

/** Allocatable of one node: capacity minus kube-reserved (CPU bands; memory 11Mi x maxPods + 255Mi) minus eviction 100Mi. */
export function allocatable(type: string) {
    const t = INSTANCE_TYPES[type];
    if (!t) {
        return undefined;
    }
    const maxPods = t.enis * (t.ipsPerEni - 1) + 2;
    return { cpu: t.vcpu * 1000 - reservedCpuMilli(t.vcpu), memory: t.memoryMi - (11 * maxPods + 255) - 100, pods: maxPods };
}

export function nodeProblems(resources: PolicyResource[]): { urn: string; message: string }[] {
    const groups = ofTypes(resources, ["aws:eks/nodeGroup:NodeGroup"]);
    if (groups.length === 0) {
        return [];
    }
    const problems: { urn: string; message: string }[] = [];
    let cpu = 0, memory = 0, pods = 0;
    const parts: string[] = [];
    let nodes = 0;
    for (const g of groups) {
        const max = Number(get(g.props, "scalingConfig.maxSize") ?? 0);
        // A group of several instance types may get the smallest one.
        const sizes = list(g.props.instanceTypes).map((t: string) => ({ t, a: allocatable(t) }));
        const unknown = sizes.filter(s => !s.a).map(s => s.t);
        if (unknown.length > 0) {
            problems.push({ urn: g.urn, message: `instance type ${unknown.join(", ")} is not in the capacity table (policies/src/rules/capacity.ts `
                + `INSTANCE_TYPES): add its vCPUs, memory, ENIs and IPs per ENI with the source.` });
            continue;
        }
        const smallest = sizes.reduce((m, s) => s.a!.cpu < m.a!.cpu || s.a!.memory < m.a!.memory ? s : m);
        cpu += max * smallest.a!.cpu; memory += max * smallest.a!.memory; pods += max * smallest.a!.pods; nodes += max;
        parts.push(`${g.name}: ${max} x ${smallest.t} (${fmtCpu(smallest.a!.cpu)}, ${fmtMem(smallest.a!.memory)}, ${smallest.a!.pods} pods allocatable)`);
    }
    if (problems.length > 0) {
        return problems;
    }
    // Per namespace, what can be scheduled: the demand at the autoscalers' maximum, capped by the namespace's quota
    // (the quota refuses pods beyond it); the namespace's largest surge counts once.
    const all = demands(resources);
    const quotas = new Map(ofTypes(resources, ["kubernetes:core/v1:ResourceQuota"])
        .map(q => [get(q.props, "metadata.namespace"), get(q.props, "spec.hard") ?? {}]));
    const byNamespace = new Map<string, Demand[]>();
    all.forEach(d => byNamespace.set(d.namespace, [...(byNamespace.get(d.namespace) ?? []), d]));
    let wantCpu = 0, wantMem = 0, wantPods = 0;
    const terms: string[] = [];
    for (const [namespace, here] of byNamespace) {
        const hard = quotas.get(namespace) ?? {};
        const sum = (of: (s: PodSize) => number) => here.reduce((n, d) => n + d.pods * of(d.size), 0)
            + Math.max(0, ...here.map(d => d.surge * of(d.size)));
        const capped = (value: number, quota: number | undefined) => quota === undefined ? value : Math.min(value, quota);
        const c = capped(sum(s => s.cpu), cpuMilli(hard["requests.cpu"]));
        const m = capped(sum(s => s.memory), memoryMi(hard["requests.memory"]));
        wantCpu += c; wantMem += m;
        wantPods += here.reduce((n, d) => n + d.pods, 0) + Math.max(0, ...here.map(d => d.surge));
        terms.push(`${namespace} ${fmtCpu(c)}/${fmtMem(m)}`);
    }
    const sysCpu = nodes * SYSTEM_PODS.perNode.cpuMilli + SYSTEM_PODS.perCluster.cpuMilli;
    const sysMem = nodes * SYSTEM_PODS.perNode.memoryMi + SYSTEM_PODS.perCluster.memoryMi;
    const sysPods = nodes * SYSTEM_PODS.perNode.pods + SYSTEM_PODS.perCluster.pods;
    const check = (what: string, want: number, sys: number, have: number, fmt: (n: number) => string) => {
        if (want + sys > have) {
            problems.push({ urn: groups[0].urn, message: `the node groups at their maximum hold ${fmt(have)} ${what} `
                + `(${parts.join("; ")}), but the workloads at the autoscalers' maximum (capped by each namespace's quota: ${terms.join(", ")}) ask ${fmt(want)} and the system pods `
                + `${fmt(sys)} (${nodes} nodes x per-node agents + cluster add-ons): ${fmt(want + sys)} > ${fmt(have)}. `
                + `Fix: raise scalingConfig.maxSize or use a larger instance type.` });
        }
    };
    check("CPU", wantCpu, sysCpu, cpu, fmtCpu);
    check("memory", wantMem, sysMem, memory, fmtMem);
    check("pods", wantPods, sysPods, pods, n => `${n}`);
    return problems;
}

const pendingSchema: PolicyConfigSchema = {
    properties: {
        becomesMandatoryWhen: { type: "string", description: "Why this rule is advisory on this stack for now: the "
            + "defect it reports, and when it becomes mandatory (when that defect is fixed)." },
    },
};

export const capacityPolicies: Policies = [
    {
        name: "capacity-namespace-quota",
        description: "Each namespace's ResourceQuota admits every workload in it at its autoscaler's maximum (both colours), "
            + "plus the surge of one rollout, with the Istio sidecar's requests and limits.",
        severity: "high",
        configSchema: pendingSchema,
        validateStack: (args, report) => quotaProblems(args.resources).forEach(p => report(p.message, p.urn)),
    },
    {
        name: "capacity-node-groups",
        description: "The node groups at their maximum size hold the requests of every namespace at the autoscalers' "
            + "maximum plus the mesh and system pods.",
        severity: "high",
        configSchema: pendingSchema,
        validateStack: (args, report) => nodeProblems(args.resources).forEach(p => report(p.message, p.urn)),
    },
];
