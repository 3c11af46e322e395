// The capacity rules on the real plans, each turned into the defect, and the arithmetic they rest on. Tests call the
// rules directly (only the rule under test), so they do not depend on any stack's level.
import * as assert from "node:assert/strict";
import { describe, test } from "node:test";
import { evaluate, Plan } from "../src/offline";
import { allocatable, capacityPolicies, cpuMilli, memoryMi, reservedCpuMilli, surgePods } from "../src/rules/capacity";
import { find, production, realPlan } from "./plans";

const QUOTA = "kubernetes:core/v1:ResourceQuota";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const NODES = "aws:eks/nodeGroup:NodeGroup";

async function messages(plan: Plan, rule: string): Promise<string[]> {
    return (await evaluate(plan, [capacityPolicies.find(p => p.name === rule)!], {})).map(v => v.message);
}

/** production with order-service's quota exactly full: both colours at the HPA maximum plus one rollout's surge pod. */
function orderQuotaFull(): Plan {
    const plan = production();
    find(plan, QUOTA, "tenancy-ns-order-service-quota").inputs.spec.hard = { "requests.cpu": "7800m", "requests.memory": "14976Mi", "limits.memory": "29952Mi" };
    return plan;
}

describe("capacity-namespace-quota", () => {
    const rule = "capacity-namespace-quota";
    test("passes on the real plans: every quota is sized for the autoscalers' maximum", async () => {
        for (const stack of ["dev", "staging", "production"]) {
            assert.deepEqual(await messages(realPlan(stack), rule), [], stack);
        }
    });
    test("fails on the production plan turned into issue 13 item 5: order-service's quota back at 4 CPU, 8Gi, 16Gi", async () => {
        const plan = production();
        find(plan, QUOTA, "tenancy-ns-order-service-quota").inputs.spec.hard = { "requests.cpu": "4", "requests.memory": "8Gi", "limits.memory": "16Gi" };
        const found = await messages(plan, rule);
        assert.equal(found.length, 3);
        assert.equal(found[0], "namespace 'order-service' ResourceQuota requests.cpu is 4, but its pods at the autoscalers' "
            + "maximum ask 7800m: order-service-blue (HPA max) 6 x 600m (500m/1024Mi order-service + 100m/128Mi sidecar) + "
            + "order-service-green (HPA max) 6 x 600m (500m/1024Mi order-service + 100m/128Mi sidecar) + surge 1 x 600m "
            + "(order-service-blue (HPA max)). Fix: raise the quota to at least 7800m or lower maxReplicas.");
    });
    test("fails on the staging plan turned into issue 13 item 5: catalog-service's quota back at 2 CPU", async () => {
        const plan = realPlan("staging");
        find(plan, QUOTA, "tenancy-ns-catalog-service-quota").inputs.spec.hard["requests.cpu"] = "2";
        const found = await messages(plan, rule);
        assert.equal(found.length, 1, found.join("\n"));
        assert.ok(found[0].startsWith("namespace 'catalog-service' ResourceQuota requests.cpu is 2, but its pods at the "
            + "autoscalers' maximum ask 2700m"), found[0]);
    });
    test("passes when the quota admits both colours at the HPA maximum plus one surge pod, exactly", async () => {
        assert.deepEqual(await messages(orderQuotaFull(), rule), []);
    });
    test("passes when maxReplicas is capped instead", async () => {
        const plan = production();
        for (const r of plan.resources.filter(x => x.name.startsWith("release-order-service-") && x.name.endsWith("-autoscaler"))) {
            r.inputs.spec.maxReplicas = 3;
        }
        assert.deepEqual(await messages(plan, rule), []);
    });
    test("fails a full quota once a rollout may surge one pod more", async () => {
        const plan = orderQuotaFull();
        find(plan, DEPLOYMENT, "release-order-service-blue").inputs.spec.strategy.rollingUpdate.maxSurge = 2;
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(":")[0]), [
            "namespace 'order-service' ResourceQuota requests.cpu is 7800m, but its pods at the autoscalers' maximum ask 8400m",
            "namespace 'order-service' ResourceQuota requests.memory is 14976Mi, but its pods at the autoscalers' maximum ask 16128Mi",
            "namespace 'order-service' ResourceQuota limits.memory is 29952Mi, but its pods at the autoscalers' maximum ask 32256Mi",
        ]);
    });
    test("counts the mesh's default sidecar (100m/128Mi, limits 2000m/1024Mi) when a pod sets no proxy annotations", async () => {
        const plan = orderQuotaFull();
        for (const colour of ["blue", "green"]) {
            const annotations = find(plan, DEPLOYMENT, `release-order-service-${colour}`).inputs.spec.template.metadata.annotations;
            delete annotations["sidecar.istio.io/proxyCPULimit"];
            delete annotations["sidecar.istio.io/proxyMemoryLimit"];
        }
        assert.deepEqual(await messages(plan, rule), ["namespace 'order-service' ResourceQuota limits.memory is 29952Mi, but "
            + "its pods at the autoscalers' maximum ask 39936Mi: order-service-blue (HPA max) 6 x 3072Mi + order-service-green "
            + "(HPA max) 6 x 3072Mi + surge 1 x 3072Mi (order-service-blue (HPA max)). Fix: raise the quota to at least 39936Mi "
            + "or lower maxReplicas."]);
    });
    test("counts chart workloads: the gateway at its maximum plus a 25% surge against istio-ingress's pod quota", async () => {
        const plan = orderQuotaFull();
        find(plan, "kubernetes:helm.sh/v3:Release", "mesh-gateway").inputs.values.autoscaling.maxReplicas = 7;
        assert.deepEqual((await messages(plan, rule)).map(m => m.split(":")[0]), [
            "namespace 'istio-ingress' ResourceQuota requests.cpu is 800m, but its pods at the autoscalers' maximum ask 900m",
            "namespace 'istio-ingress' ResourceQuota requests.memory is 1Gi, but its pods at the autoscalers' maximum ask 1152Mi",
            "namespace 'istio-ingress' ResourceQuota limits.cpu is 16, but its pods at the autoscalers' maximum ask 18000m",
            "namespace 'istio-ingress' ResourceQuota limits.memory is 8Gi, but its pods at the autoscalers' maximum ask 9216Mi",
            "namespace 'istio-ingress' ResourceQuota pods is 8, but istio-ingressgateway (chart gateway, max) 7 + surge 2 = 9 pods. Fix",
        ]);
    });
});

describe("capacity-node-groups", () => {
    const rule = "capacity-node-groups";
    test("passes on production: 9 x m6i.xlarge hold every namespace at its maximum", async () => {
        assert.deepEqual(await messages(production(), rule), []);
    });
    test("fails dev and staging capped at 4 and 6 nodes: the mesh and services at their maximum outgrow the node groups", async () => {
        const capped = (stack: string, maxSize: number) => {
            const plan = realPlan(stack);
            find(plan, NODES).inputs.scalingConfig.maxSize = maxSize;
            return plan;
        };
        assert.match((await messages(capped("dev", 4), rule)).join("\n"), /hold 7720m CPU \(cluster-nodes-general: 4 x t3.large/);
        assert.match((await messages(capped("staging", 6), rule)).join("\n"), /hold 11580m CPU \(cluster-nodes-general: 6 x m6i.large/);
    });
    test("fails production capped at its minimum of 3 nodes", async () => {
        const plan = production();
        find(plan, NODES).inputs.scalingConfig.maxSize = 3;
        const found = await messages(plan, rule);
        assert.match(found[0], /^the node groups at their maximum hold 11760m CPU \(cluster-nodes-general: 3 x m6i.xlarge \(3920m, 15391Mi, 58 pods allocatable\)\), but the workloads at the autoscalers' maximum \(capped by each namespace's quota: .*\) ask \d+m and the system pods \d+m .*: \d+m > 11760m\. Fix: raise scalingConfig.maxSize or use a larger instance type\.$/);
    });
    test("fails an instance type the table does not know", async () => {
        const plan = production();
        find(plan, NODES).inputs.instanceTypes = ["c7g.xlarge"];
        assert.deepEqual(await messages(plan, rule), ["instance type c7g.xlarge is not in the capacity table "
            + "(policies/src/rules/capacity.ts INSTANCE_TYPES): add its vCPUs, memory, ENIs and IPs per ENI with the source."]);
    });
});

describe("capacity arithmetic", () => {
    test("quantities", () => {
        assert.equal(cpuMilli("500m"), 500);
        assert.equal(cpuMilli("2"), 2000);
        assert.equal(cpuMilli("0.5"), 500);
        assert.equal(memoryMi("1Gi"), 1024);
        assert.equal(memoryMi("128Mi"), 128);
    });
    test("maxSurge: a percentage rounds up, the default is 25%", () => {
        assert.equal(surgePods(0, 6), 0);
        assert.equal(surgePods("25%", 6), 2);
        assert.equal(surgePods(undefined, 5), 2);
        assert.equal(surgePods("100%", 5), 5);
    });
    test("allocatable per nodeadm: kube-reserved CPU bands, 11Mi x maxPods + 255Mi, eviction 100Mi", () => {
        assert.equal(reservedCpuMilli(2), 70);
        assert.equal(reservedCpuMilli(4), 80);
        assert.deepEqual(allocatable("m6i.xlarge"), { cpu: 3920, memory: 16384 - (11 * 58 + 255) - 100, pods: 58 });
        assert.deepEqual(allocatable("t3.large"), { cpu: 1930, memory: 8192 - (11 * 35 + 255) - 100, pods: 35 });
    });
});
