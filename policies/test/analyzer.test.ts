// Starts the pack the way the Pulumi CLI does (`node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> .` in
// the pack's folder; the pack prints its analyzer port), then calls the Analyzer service over gRPC with the real
// production plan's resources: the code path `pulumi preview --policy-pack policies` takes, without the CLI.
import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "node:child_process";
import * as assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engine from "@pulumi/pulumi/proto/engine_pb";
import { enforcementOf, evaluate, Plan, PlanResource } from "../src/offline";
import { PACK_NAME, policies } from "../src/policies";
import { configFor, PACK_DIR, previewPlan, production, remove } from "./plans";

/** A stand-in for the engine's gRPC service: the pack may log through it. */
function startFakeEngine(): Promise<{ address: string; logs: string[]; server: grpc.Server }> {
    const logs: string[] = [];
    const server = new grpc.Server();
    server.addService(engineRpc.EngineService, {
        log: (call: grpc.ServerUnaryCall<engine.LogRequest, Empty>, done: grpc.sendUnaryData<Empty>) => {
            logs.push(call.request.getMessage());
            done(null, new Empty());
        },
        getRootResource: (_: unknown, done: grpc.sendUnaryData<engine.GetRootResourceResponse>) =>
            done(null, new engine.GetRootResourceResponse()),
        setRootResource: (_: unknown, done: grpc.sendUnaryData<engine.SetRootResourceResponse>) =>
            done(null, new engine.SetRootResourceResponse()),
        startDebugging: (_: unknown, done: grpc.sendUnaryData<Empty>) => done(null, new Empty()),
    });
    return new Promise((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(),
        (err, port) => err ? reject(err) : resolve({ address: `127.0.0.1:${port}`, logs, server })));
}

/** Runs the pack like the CLI and resolves with the analyzer port it prints. */
function startPack(engineAddress: string): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
    const runner = path.join(PACK_DIR, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
    const child = spawn(process.execPath, [runner, engineAddress, "."], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", d => { stderr += d; });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the pack printed no port in 180 s: ${stderr}`)), 180_000);
        child.stdout!.on("data", d => {
            stdout += d;
            const line = /^(\d+)\s*$/m.exec(stdout);
            if (line) {
                clearTimeout(timer);
                resolve({ child, port: Number(line[1]), stderr: () => stderr });
            }
        });
        child.on("exit", code => {
            clearTimeout(timer);
            reject(new Error(`the pack exited with ${code}: ${stderr}`));
        });
    });
}

function call<Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
    request: Req): Promise<Res> {
    return new Promise((resolve, reject) => method(request, (err, res) => err ? reject(err) : resolve(res)));
}

function options(r: PlanResource): analyzer.AnalyzerResourceOptions {
    const o = new analyzer.AnalyzerResourceOptions();
    o.setProtect(r.protect);
    o.setIgnorechangesList(r.ignoreChanges);
    o.setDeletebeforereplace(r.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(true);
    o.setAdditionalsecretoutputsList(r.additionalSecretOutputs);
    if (r.parent) {
        o.setParent(r.parent);
    }
    return o;
}

function providerOf(plan: Plan, r: PlanResource): analyzer.AnalyzerProviderResource | undefined {
    const p = plan.resources.find(x => x.urn === r.provider);
    if (!p) {
        return undefined;
    }
    const provider = new analyzer.AnalyzerProviderResource();
    provider.setType(p.type);
    provider.setName(p.name);
    provider.setUrn(p.urn);
    provider.setProperties(Struct.fromJavaScript(p.inputs));
    return provider;
}

function analyzeRequest(plan: Plan, r: PlanResource): analyzer.AnalyzeRequest {
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setName(r.name);
    req.setUrn(r.urn);
    req.setProperties(Struct.fromJavaScript(r.inputs));
    req.setOptions(options(r));
    const provider = providerOf(plan, r);
    if (provider) {
        req.setProvider(provider);
    }
    return req;
}

function stackRequest(plan: Plan): analyzer.AnalyzeStackRequest {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(plan.resources.filter(r => r.type !== "pulumi:pulumi:Stack").map(r => {
        const resource = new analyzer.AnalyzerResource();
        resource.setType(r.type);
        resource.setName(r.name);
        resource.setUrn(r.urn);
        resource.setProperties(Struct.fromJavaScript(r.inputs));
        resource.setOptions(options(r));
        resource.setDependenciesList(r.dependencies);
        if (r.parent) {
            resource.setParent(r.parent);
        }
        const provider = providerOf(plan, r);
        if (provider) {
            resource.setProvider(provider);
        }
        return resource;
    }));
    return req;
}

interface Diagnostic { policy: string; urn: string; message: string; mandatory: boolean; }

function diagnostics(res: analyzer.AnalyzeResponse): Diagnostic[] {
    return res.getDiagnosticsList().map(d => ({
        policy: d.getPolicyname(), urn: d.getUrn(), message: d.getMessage(),
        mandatory: d.getEnforcementlevel() === analyzer.EnforcementLevel.MANDATORY,
    }));
}

describe("the pack served over gRPC like the Pulumi CLI runs it", () => {
    let fakeEngine: Awaited<ReturnType<typeof startFakeEngine>>;
    let pack: Awaited<ReturnType<typeof startPack>>;
    let client: analyzerRpc.AnalyzerClient;

    const analyzeAll = async (plan: Plan) => {
        const found: Diagnostic[] = [];
        for (const r of plan.resources.filter(x => x.type !== "pulumi:pulumi:Stack")) {
            found.push(...diagnostics(await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
                client.analyze.bind(client), analyzeRequest(plan, r))));
        }
        return found;
    };

    before(async () => {
        fakeEngine = await startFakeEngine();
        pack = await startPack(fakeEngine.address);
        client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
    }, { timeout: 200_000 });

    after(() => {
        client?.close();
        pack?.child.kill();
        fakeEngine?.server.forceShutdown();
    });

    test("describes the pack: every rule, mandatory by default", async () => {
        const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty());
        assert.equal(info.getName(), PACK_NAME);
        assert.deepEqual(info.getPoliciesList().map(p => p.getName()).sort(), policies.map(p => p.name).sort());
        // Warnings by design (a support end within 90 days) declare themselves advisory; every other rule blocks.
        const warnings = new Set(policies.filter(p => p.enforcementLevel === "advisory").map(p => p.name));
        assert.ok(info.getPoliciesList().every(p => p.getEnforcementlevel() === (warnings.has(p.getName())
            ? analyzer.EnforcementLevel.ADVISORY : analyzer.EnforcementLevel.MANDATORY)));
    });

    test("accepts production's policy config (as the CLI sends it, `all` expanded per rule)", async () => {
        const config = configFor("production");
        const req = new analyzer.ConfigureAnalyzerRequest();
        const levels: Record<string, analyzer.EnforcementLevel> = {
            advisory: analyzer.EnforcementLevel.ADVISORY, mandatory: analyzer.EnforcementLevel.MANDATORY,
            disabled: analyzer.EnforcementLevel.DISABLED, remediate: analyzer.EnforcementLevel.REMEDIATE,
        };
        for (const policy of policies) {
            const entry = new analyzer.PolicyConfig();
            entry.setEnforcementlevel(levels[enforcementOf(policy, config)]);
            // The CLI sends each rule's settings from --policy-pack-config as its properties (here: the exemptions).
            const { enforcementLevel, ...properties } = (typeof config[policy.name] === "object"
                ? config[policy.name] : {}) as Record<string, any>;
            entry.setProperties(Struct.fromJavaScript(properties));
            req.getPolicyconfigMap().set(policy.name, entry);
        }
        await call<analyzer.ConfigureAnalyzerRequest, Empty>(client.configure.bind(client), req);
    });

    test("analyze: no violation on any resource of the production plan", async () => {
        assert.deepEqual(await analyzeAll(production()), []);
    });

    test("analyze: a mutated production resource is a mandatory violation", async () => {
        const plan = production();
        const cluster = plan.resources.find(r => r.type === "aws:eks/cluster:Cluster")!;
        cluster.inputs.vpcConfig.endpointPublicAccess = true;
        const found = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
            client.analyze.bind(client), analyzeRequest(plan, cluster));
        // A resource violation carries no URN: the engine attaches the analyzed resource.
        assert.deepEqual(diagnostics(found).map(d => [d.policy, d.mandatory, /endpointPublicAccess must be false/.test(d.message)]),
            [["eks-endpoint-access", true, true]]);
    });

    test("analyzeStack: no violation on the production plan (every rule mandatory, no pending fix left)", async () => {
        const found = diagnostics(await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
            client.analyzeStack.bind(client), stackRequest(production())));
        assert.deepEqual(found, []);
    });

    test("preview plan: the offline evaluator reports exactly what the pack served over gRPC reports", async () => {
        const plan = previewPlan("production");
        const served = [...await analyzeAll(plan), ...diagnostics(await call<analyzer.AnalyzeStackRequest,
            analyzer.AnalyzeResponse>(client.analyzeStack.bind(client), stackRequest(plan)))];
        const offline = await evaluate(plan, policies, configFor("production"));
        const key = (policy: string, mandatory: boolean, message: string) => `${policy} ${mandatory} ${message}`;
        assert.deepEqual(offline.map(v => key(v.policy, v.enforcement === "mandatory", v.message)).sort(),
            served.map(d => key(d.policy, d.mandatory, d.message)).sort());
        // Unknowns reach the pack, and a rule that reads one is an advisory there, never a violation or a crash.
        assert.ok(served.some(d => !d.mandatory && d.message.startsWith(`can't run policy '`)), JSON.stringify(served));
        assert.ok(served.every(d => !d.mandatory), JSON.stringify(served.filter(d => d.mandatory)));
    });

    test("analyzeStack: relations and provider default tags are checked over gRPC", async () => {
        const plan = remove(production(), "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        const provider = plan.resources.find(r => r.type === "pulumi:providers:aws" && r.name === "aws-us-east-1")!;
        const tags = JSON.parse(provider.inputs.defaultTags);
        delete tags.tags.CostCentre;
        provider.inputs.defaultTags = JSON.stringify(tags);
        const found = diagnostics(await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
            client.analyzeStack.bind(client), stackRequest(plan)));
        assert.ok(found.some(d => d.policy === "s3-public-access-blocked" && d.mandatory), JSON.stringify(found));
        const eks = plan.resources.find(r => r.type === "aws:eks/cluster:Cluster")!;
        assert.ok(found.some(d => d.policy === "aws-required-tags" && d.urn === eks.urn && /lacks tag CostCentre/.test(d.message)),
            JSON.stringify(found));
        assert.equal(fakeEngine.logs.filter(l => /error/i.test(l)).length, 0, fakeEngine.logs.join("\n"));
    });
});
