// Every rule of the pack, in one list. `index.ts` hands it to the PolicyPack (which starts the analyzer server);
// tests and the offline check (`bin/policy-check`) import this module instead.
import { EnforcementLevel, Policies } from "@pulumi/policy";
import { backupPolicies } from "./rules/backup";
import { capacityPolicies } from "./rules/capacity";
import { clusterPolicies } from "./rules/cluster";
import { databasePolicies } from "./rules/database";
import { edgePolicies } from "./rules/edge";
import { flowPolicies } from "./rules/flows";
import { kubernetesPolicies } from "./rules/kubernetes";
import { logPolicies } from "./rules/logs";
import { registryPolicies } from "./rules/registry";
import { secretsPolicies } from "./rules/secrets";
import { tagPolicies } from "./rules/tags";
import { trafficPolicies } from "./rules/traffic";
import { deployerAccessPolicies } from "./rules/deployer-access";
import { namePolicies } from "./rules/names";
import { startupSecretPolicies } from "./rules/startup-secrets";
import { versionPolicies } from "./rules/versions";

export const PACK_NAME = "multiship-platform";

/**
 * The pack's default: every rule blocks. A stack relaxes a rule only through its policy config file
 * (policy-config.<stack>.json, passed with --policy-pack-config), which is reviewed like any other change.
 */
export const PACK_ENFORCEMENT: EnforcementLevel = "mandatory";

export const policies: Policies = [
    ...databasePolicies,
    ...backupPolicies,
    ...logPolicies,
    ...registryPolicies,
    ...clusterPolicies,
    ...edgePolicies,
    ...secretsPolicies,
    ...kubernetesPolicies,
    ...trafficPolicies,
    ...tagPolicies,
    // Pre-apply checks of what AWS or the cluster would refuse or break (issue 11, part 2: a, b, c, d, g).
    ...namePolicies,
    ...versionPolicies,
    ...startupSecretPolicies,
    ...deployerAccessPolicies,
    ...flowPolicies,
    ...capacityPolicies,
];
