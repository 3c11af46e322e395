// The policy pack the Pulumi CLI runs: `pulumi preview --policy-pack policies`. Constructing the PolicyPack starts
// the analyzer's gRPC server, which never exits, so the rules live in src/policies.ts and nothing else happens here.
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT, PACK_NAME, policies } from "./src/policies";

new PolicyPack(PACK_NAME, {
    description: "Multiship platform guardrails: encryption, exposure, backups, Kubernetes tenancy, Istio routing, tags.",
    enforcementLevel: PACK_ENFORCEMENT,
    policies,
});
