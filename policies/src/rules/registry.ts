// ECR: images scanned on push, immutable tags outside dev, a lifecycle policy on every repository.
import { Policies } from "@pulumi/policy";
import { dependsOn, describe, environmentOf, forTypes, get, known, ofTypes, UNKNOWN } from "../support";

const REPOSITORY = ["aws:ecr/repository:Repository"];
const LIFECYCLE_POLICY = ["aws:ecr/lifecyclePolicy:LifecyclePolicy"];

export const registryPolicies: Policies = [
    {
        name: "ecr-scan-on-push",
        description: "ECR repositories scan every image on push.",
        severity: "high",
        validateResource: forTypes(REPOSITORY, (repo, args, report) => {
            if (get(repo, "imageScanningConfiguration.scanOnPush") !== true) {
                report("imageScanningConfiguration.scanOnPush must be true.");
            }
        }),
    },
    {
        name: "ecr-immutable-tags",
        description: "Outside dev, ECR image tags are immutable: a release tag always names the same image.",
        severity: "medium",
        validateResource: forTypes(REPOSITORY, (repo, args, report) => {
            const environment = environmentOf(args.urn);
            if (environment !== "dev" && repo.imageTagMutability !== "IMMUTABLE") {
                report(`imageTagMutability must be IMMUTABLE in ${environment}, `
                    + `got ${JSON.stringify(repo.imageTagMutability ?? "MUTABLE (the default)")}.`);
            }
        }),
    },
    {
        name: "ecr-lifecycle-policy",
        description: "Every ECR repository has a lifecycle policy with at least one rule.",
        severity: "low",
        validateStack: (args, report) => {
            const policies = ofTypes(args.resources, LIFECYCLE_POLICY);
            for (const repo of ofTypes(args.resources, REPOSITORY)) {
                const name = known(() => repo.props.name);
                const attached = policies.filter(p => {
                    const target = known(() => p.props.repository);
                    return (typeof name === "string" && target === name) || dependsOn(p, repo);
                });
                if (attached.length === 0) {
                    report(`${describe(repo)} has no aws:ecr/lifecyclePolicy:LifecyclePolicy.`, repo.urn);
                    continue;
                }
                for (const policy of attached) {
                    const document = known(() => policy.props.policy);
                    if (document === UNKNOWN) {
                        continue;
                    }
                    let rules: unknown;
                    try {
                        rules = JSON.parse(typeof document === "string" ? document : JSON.stringify(document)).rules;
                    } catch {
                        rules = undefined;
                    }
                    if (!Array.isArray(rules) || rules.length === 0) {
                        report(`${describe(policy)} must be a JSON lifecycle policy with at least one rule.`,
                            policy.urn);
                    }
                }
            }
        },
    },
];
