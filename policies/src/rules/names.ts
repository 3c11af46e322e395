// Pre-apply checks of physical names (issue 11, checks a and b): two resources that AWS or Kubernetes would give the
// same name in one scope, and explicit names or prefixes that AWS refuses for their length or characters.
//
// Only explicit names are checked: an auto-named resource gets the engine's random suffix, and a `namePrefix` gets
// the provider's 26-character unique suffix, so neither can collide inside one plan.
import { Policies, PolicyResource, ReportViolation } from "@pulumi/policy";
import { describe, known, UNKNOWN } from "../support";
import { accountOf, clusterOf, regionOf, text } from "./placement";
import { pendingFixSchema } from "./pending";

type Scope = "global" | "account" | "region";

/** One physical name AWS keeps unique, and the scope it is unique in. */
interface UniqueName {
    field: string;
    what: string;
    scope: Scope;
    /** Further properties that are part of the scope (the VPC of a security group, the cluster of a node group). */
    within?: string[];
    /** What AWS does with a second one, and where it says so. */
    fact: string;
}

const api = (service: string, action: string) => `https://docs.aws.amazon.com/${service}/latest/APIReference/API_${action}.html`;

/** Every AWS type of the three plans that carries an explicit physical name, with the name's scope. */
export const UNIQUE_NAMES: Record<string, UniqueName[]> = {
    "aws:kms/alias:Alias": [{ field: "name", what: "KMS alias", scope: "region",
        fact: `CreateAlias fails with AlreadyExistsException (${api("kms", "CreateAlias")})` }],
    "aws:secretsmanager/secret:Secret": [{ field: "name", what: "Secrets Manager secret name", scope: "region",
        fact: `CreateSecret fails with ResourceExistsException (${api("secretsmanager", "CreateSecret")})` }],
    "aws:cloudwatch/logGroup:LogGroup": [{ field: "name", what: "log group name", scope: "region",
        fact: `CreateLogGroup fails with ResourceAlreadyExistsException (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)` }],
    "aws:sns/topic:Topic": [{ field: "name", what: "SNS topic name", scope: "region",
        fact: `CreateTopic returns the existing topic, so both resources manage one topic and deleting one deletes it (${api("sns", "CreateTopic")})` }],
    "aws:backup/vault:Vault": [{ field: "name", what: "backup vault name", scope: "region",
        fact: "CreateBackupVault fails with AlreadyExistsException (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html)" }],
    "aws:backup/plan:Plan": [{ field: "name", what: "backup plan name", scope: "region",
        fact: "CreateBackupPlan fails with AlreadyExistsException (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupPlan.html)" }],
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": [{ field: "name", what: "restore testing plan name", scope: "region",
        fact: "CreateRestoreTestingPlan fails with AlreadyExistsException (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateRestoreTestingPlan.html)" }],
    "aws:ecr/repository:Repository": [{ field: "name", what: "ECR repository name", scope: "region",
        fact: `CreateRepository fails with RepositoryAlreadyExistsException (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html)` }],
    "aws:rds/parameterGroup:ParameterGroup": [{ field: "name", what: "DB parameter group name", scope: "region",
        fact: "CreateDBParameterGroup fails with DBParameterGroupAlreadyExists (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html)" }],
    "aws:rds/subnetGroup:SubnetGroup": [{ field: "name", what: "DB subnet group name", scope: "region",
        fact: "CreateDBSubnetGroup fails with DBSubnetGroupAlreadyExistsFault (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html)" }],
    "aws:rds/instance:Instance": [
        { field: "identifier", what: "DB instance identifier", scope: "region",
            fact: "CreateDBInstance fails with DBInstanceAlreadyExists (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)" },
        { field: "finalSnapshotIdentifier", what: "DB snapshot identifier", scope: "region",
            fact: "the second deletion fails with DBSnapshotAlreadyExists (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html)" },
    ],
    "aws:ec2/securityGroup:SecurityGroup": [{ field: "name", what: "security group name", scope: "region", within: ["vpcId"],
        fact: "CreateSecurityGroup fails with InvalidGroup.Duplicate in the same VPC (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html)" }],
    "aws:s3/bucketV2:BucketV2": [{ field: "bucket", what: "S3 bucket name", scope: "global",
        fact: "bucket names are unique across all AWS accounts in a partition; CreateBucket fails with BucketAlreadyExists/BucketAlreadyOwnedByYou (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)" }],
    "aws:s3/bucket:Bucket": [{ field: "bucket", what: "S3 bucket name", scope: "global",
        fact: "bucket names are unique across all AWS accounts in a partition (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)" }],
    "aws:cloudwatch/dashboard:Dashboard": [{ field: "dashboardName", what: "CloudWatch dashboard name", scope: "account",
        fact: "PutDashboard replaces a dashboard of the same name, so one resource silently overwrites the other (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html)" }],
    "aws:cloudwatch/metricAlarm:MetricAlarm": [{ field: "name", what: "CloudWatch alarm name", scope: "region",
        fact: "PutMetricAlarm replaces an alarm of the same name, so one resource silently overwrites the other (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html)" }],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": [{ field: "name", what: "metric filter name", scope: "region", within: ["logGroupName"],
        fact: "PutMetricFilter replaces a filter of the same name on the log group (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html)" }],
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": [{ field: "name", what: "log delivery source name", scope: "region",
        fact: "PutDeliverySource updates the source of the same name (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliverySource.html)" }],
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": [{ field: "name", what: "log delivery destination name", scope: "region",
        fact: "PutDeliveryDestination updates the destination of the same name (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliveryDestination.html)" }],
    "aws:wafv2/webAcl:WebAcl": [{ field: "name", what: "WAF web ACL name", scope: "region", within: ["scope"],
        fact: "CreateWebACL fails with WAFDuplicateItemException (https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html)" }],
    "aws:cloudfront/cachePolicy:CachePolicy": [{ field: "name", what: "CloudFront cache policy name", scope: "account",
        fact: "CreateCachePolicy fails with CachePolicyAlreadyExists (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateCachePolicy.html)" }],
    "aws:cloudfront/originAccessControl:OriginAccessControl": [{ field: "name", what: "CloudFront origin access control name", scope: "account",
        fact: "CreateOriginAccessControl fails with OriginAccessControlAlreadyExists (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateOriginAccessControl.html)" }],
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": [{ field: "name", what: "CloudFront response headers policy name", scope: "account",
        fact: "CreateResponseHeadersPolicy fails with ResponseHeadersPolicyAlreadyExists (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateResponseHeadersPolicy.html)" }],
    "aws:iam/role:Role": [{ field: "name", what: "IAM role name", scope: "account",
        fact: "CreateRole fails with EntityAlreadyExists (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html)" }],
    "aws:iam/policy:Policy": [{ field: "name", what: "IAM policy name", scope: "account",
        fact: "CreatePolicy fails with EntityAlreadyExists (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html)" }],
    "aws:iam/rolePolicy:RolePolicy": [{ field: "name", what: "inline role policy name", scope: "account", within: ["role"],
        fact: "PutRolePolicy replaces the role's policy of the same name (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html)" }],
    "aws:eks/cluster:Cluster": [{ field: "name", what: "EKS cluster name", scope: "region",
        fact: "CreateCluster fails with ResourceInUseException (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html)" }],
    "aws:eks/nodeGroup:NodeGroup": [{ field: "nodeGroupName", what: "EKS node group name", scope: "region", within: ["clusterName"],
        fact: "CreateNodegroup fails with ResourceInUseException (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html)" }],
    "aws:eks/addon:Addon": [{ field: "addonName", what: "EKS add-on", scope: "region", within: ["clusterName"],
        fact: "CreateAddon fails with ResourceInUseException (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAddon.html)" }],
    "aws:eks/accessEntry:AccessEntry": [{ field: "principalArn", what: "EKS access entry principal", scope: "region", within: ["clusterName"],
        fact: "CreateAccessEntry fails with ResourceInUseException (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateAccessEntry.html)" }],
    "aws:amp/ruleGroupNamespace:RuleGroupNamespace": [{ field: "name", what: "Prometheus rule groups namespace", scope: "region", within: ["workspaceId"],
        fact: "CreateRuleGroupsNamespace fails with ConflictException (https://docs.aws.amazon.com/prometheus/latest/APIReference/API_CreateRuleGroupsNamespace.html)" }],
    "aws:route53/record:Record": [{ field: "name", what: "Route 53 record", scope: "account", within: ["zoneId", "type", "setIdentifier"],
        fact: "ChangeResourceRecordSets CREATE fails with InvalidChangeBatch when the record exists (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html)" }],
};

/** Kubernetes kinds that are not namespaced: their names are unique in the whole cluster. */
const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "PersistentVolume", "StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
    "ClusterSecretStore", "ClusterExternalSecret", "APIService", "IngressClass", "Node", "RuntimeClass"]);

/** `kubernetes:<group>/<version>:<Kind>` -> group and kind; the version does not matter (one object, many versions). */
function kubernetesKind(type: string): { group: string; kind: string } | undefined {
    const match = /^kubernetes:([^/]+)\/[^:]+:(\w+)$/.exec(type);
    if (!match || match[1] === "helm.sh") {
        return undefined;
    }
    return { group: match[1] === "core" ? "" : match[1], kind: match[2] };
}

interface Claim { key: string; label: string; fact: string; resource: PolicyResource; }

/** Every physical name a resource claims, each with the scope it must be unique in. */
function claims(resource: PolicyResource, byUrn: Map<string, PolicyResource>): Claim[] {
    const found: Claim[] = [];
    for (const rule of UNIQUE_NAMES[resource.type] ?? []) {
        const name = text(() => resource.props[rule.field]);
        if (!name) {
            continue;
        }
        const within = (rule.within ?? []).map(f => {
            const value = known(() => resource.props[f]);
            return value === UNKNOWN ? UNKNOWN : `${f}=${typeof value === "string" ? value : JSON.stringify(value ?? "")}`;
        });
        if (within.includes(UNKNOWN)) {
            continue; // the scope is not known until the resources exist (a first preview): nothing to compare
        }
        const region = rule.scope === "region" ? regionOf(resource, byUrn) : "";
        const account = rule.scope === "global" ? "every account" : accountOf(resource, byUrn);
        const where = [rule.scope === "global" ? "all AWS accounts" : `account ${account}`,
            ...(region ? [`region ${region}`] : []), ...(within as string[])].join(", ");
        found.push({ key: [rule.what, account, region, ...(within as string[]), name].join("|"),
            label: `${rule.what} '${name}' (${where})`, fact: rule.fact, resource });
    }
    const k8s = kubernetesKind(resource.type);
    if (k8s) {
        const name = text(() => resource.props.metadata?.name);
        if (name) {
            const namespace = CLUSTER_SCOPED.has(k8s.kind) ? "" : (text(() => resource.props.metadata?.namespace) ?? "default");
            const kind = k8s.group ? `${k8s.kind}.${k8s.group}` : k8s.kind;
            found.push({ key: ["k8s", clusterOf(resource), kind, namespace, name].join("|"),
                label: `${kind} ${namespace ? `${namespace}/` : ""}${name}`,
                fact: "the API server keeps one object per kind, namespace and name: the second create fails with AlreadyExists, or one resource adopts and then deletes the other's object (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/)",
                resource });
        }
        // An ExternalSecret creates the Secret it targets (spec.target.name, default its own name).
        if (k8s.kind === "ExternalSecret" && known(() => resource.props.spec?.target?.creationPolicy) !== "None") {
            const target = text(() => resource.props.spec?.target?.name) ?? name;
            const namespace = text(() => resource.props.metadata?.namespace) ?? "default";
            if (target) {
                found.push({ key: ["k8s", clusterOf(resource), "Secret", namespace, target].join("|"),
                    label: `Secret ${namespace}/${target} (the target of ExternalSecret ${namespace}/${name})`,
                    fact: "External Secrets owns its target Secret (creationPolicy Owner) and keeps rewriting it, so a second writer of that Secret fights it (https://external-secrets.io/latest/guides/ownership-deletion-policy/)",
                    resource });
            }
        }
    }
    if (resource.type === "kubernetes:helm.sh/v3:Release") {
        const name = text(() => resource.props.name);
        const namespace = text(() => resource.props.namespace) ?? "default";
        if (name) {
            found.push({ key: ["helm", clusterOf(resource), namespace, name].join("|"),
                label: `Helm release ${namespace}/${name}`,
                fact: "Helm keeps one release per name and namespace: the second install fails with \"cannot re-use a name that is still in use\" (https://helm.sh/docs/helm/helm_install/)",
                resource });
        }
    }
    return found;
}

/** Reports every group of two or more resources claiming one physical name in one scope. */
export function duplicateNames(resources: PolicyResource[], report: ReportViolation): void {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const groups = new Map<string, Claim[]>();
    for (const resource of resources) {
        for (const claim of claims(resource, byUrn)) {
            groups.set(claim.key, [...(groups.get(claim.key) ?? []), claim]);
        }
    }
    for (const group of groups.values()) {
        const owners = [...new Map(group.map(c => [c.resource.urn, c.resource])).values()];
        if (owners.length < 2) {
            continue;
        }
        report(`${owners.map(describe).join(" and ")} both claim ${group[0].label}: ${group[0].fact}. `
            + "Fix: give each its own name (or let one of them be auto-named), or declare it once and pass it to the other "
            + "component.", owners[1].urn);
    }
}

/** One AWS naming rule: length, characters, and where AWS publishes it. */
export interface NameLimit {
    field: string;
    min: number;
    max: number;
    /** Characters and shape, as a regular expression over the whole name, with its wording. */
    pattern?: RegExp;
    rule?: string;
    /** A prefix field: the provider appends a 26-character unique suffix (terraform-plugin-sdk id.PrefixedUniqueId). */
    prefixOf?: boolean;
    source: string;
}

const PREFIX_SUFFIX = 26;
const RDS_ID = /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$|^[A-Za-z]$/;
const RDS_ID_RULE = "letters, digits and hyphens, first a letter, no two consecutive hyphens, not ending in a hyphen";
const IAM = /^[\w+=,.@-]+$/;
const IAM_RULE = "letters, digits and +=,.@_-";
const RDS_API = (a: string) => `https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_${a}.html`;

/** The explicit names and prefixes the plans set, per type, with AWS's published limits. */
export const NAME_LIMITS: Record<string, NameLimit[]> = {
    "aws:kms/alias:Alias": [
        { field: "name", min: 7, max: 256, pattern: /^alias\/(?!aws\/)[A-Za-z0-9/_-]+$/, rule: "alias/ then letters, digits and /_-, not alias/aws/", source: api("kms", "CreateAlias") },
        { field: "namePrefix", min: 7, max: 256 - PREFIX_SUFFIX, pattern: /^alias\/(?!aws\/)[A-Za-z0-9/_-]*$/, rule: "alias/ then letters, digits and /_-", prefixOf: true, source: api("kms", "CreateAlias") }],
    "aws:secretsmanager/secret:Secret": [
        { field: "name", min: 1, max: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, rule: "letters, digits and /_+=.@-", source: api("secretsmanager", "CreateSecret") },
        { field: "namePrefix", min: 1, max: 512 - PREFIX_SUFFIX, pattern: /^[A-Za-z0-9/_+=.@-]+$/, rule: "letters, digits and /_+=.@-", prefixOf: true, source: api("secretsmanager", "CreateSecret") }],
    "aws:cloudwatch/logGroup:LogGroup": [
        { field: "name", min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, rule: "letters, digits and ._-/#", source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html" },
        { field: "namePrefix", min: 1, max: 512 - PREFIX_SUFFIX, pattern: /^[.\-_/#A-Za-z0-9]+$/, rule: "letters, digits and ._-/#", prefixOf: true, source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html" }],
    "aws:sns/topic:Topic": [
        { field: "name", min: 1, max: 256, pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/, rule: "letters, digits, hyphens and underscores (.fifo for FIFO topics)", source: api("sns", "CreateTopic") }],
    "aws:backup/vault:Vault": [
        { field: "name", min: 2, max: 50, pattern: /^[A-Za-z0-9_-]+$/, rule: "letters, digits, hyphens and underscores", source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupVault.html" }],
    "aws:backup/plan:Plan": [
        { field: "name", min: 1, max: 50, pattern: /^[A-Za-z0-9_.-]+$/, rule: "letters, digits and -_.", source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupPlanInput.html" }],
    "aws:backup/selection:Selection": [
        { field: "name", min: 1, max: 50, pattern: /^[A-Za-z0-9_.-]+$/, rule: "letters, digits and -_.", source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html" }],
    "aws:backup/restoreTestingPlan:RestoreTestingPlan": [
        { field: "name", min: 1, max: 50, pattern: /^[A-Za-z][A-Za-z0-9_]*$/, rule: "a letter, then letters, digits and underscores", source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingPlanForCreate.html" }],
    "aws:backup/restoreTestingSelection:RestoreTestingSelection": [
        { field: "name", min: 1, max: 50, pattern: /^[A-Za-z][A-Za-z0-9_]*$/, rule: "a letter, then letters, digits and underscores", source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html" }],
    "aws:ecr/repository:Repository": [
        { field: "name", min: 2, max: 256, pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/, rule: "lower-case letters and digits, separated by single . _ - or /", source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html" }],
    "aws:rds/parameterGroup:ParameterGroup": [
        { field: "name", min: 1, max: 255, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$|^[a-z]$/, rule: "lower-case letters, digits and hyphens, first a letter, no two consecutive hyphens, not ending in a hyphen", source: RDS_API("CreateDBParameterGroup") },
        { field: "namePrefix", min: 1, max: 255 - PREFIX_SUFFIX, pattern: /^[a-z](?!.*--)[a-z0-9-]*$/, rule: "lower-case letters, digits and hyphens, first a letter, no two consecutive hyphens", prefixOf: true, source: RDS_API("CreateDBParameterGroup") }],
    "aws:rds/subnetGroup:SubnetGroup": [
        { field: "name", min: 1, max: 255, pattern: /^(?!default$)[a-z0-9._ -]+$/, rule: "lower-case letters, digits, periods, underscores, spaces and hyphens, not \"default\"", source: RDS_API("CreateDBSubnetGroup") }],
    "aws:rds/instance:Instance": [
        { field: "identifier", min: 1, max: 63, pattern: RDS_ID, rule: RDS_ID_RULE, source: RDS_API("CreateDBInstance") },
        { field: "identifierPrefix", min: 1, max: 63 - PREFIX_SUFFIX, pattern: /^[A-Za-z](?!.*--)[A-Za-z0-9-]*$/, rule: RDS_ID_RULE, prefixOf: true, source: RDS_API("CreateDBInstance") },
        { field: "finalSnapshotIdentifier", min: 1, max: 255, pattern: RDS_ID, rule: RDS_ID_RULE, source: RDS_API("DeleteDBInstance") },
        { field: "dbName", min: 1, max: 63, pattern: /^[A-Za-z][A-Za-z0-9_]*$/, rule: "PostgreSQL: a letter, then letters, digits and underscores", source: RDS_API("CreateDBInstance") }],
    "aws:ec2/securityGroup:SecurityGroup": [
        { field: "name", min: 1, max: 255, pattern: /^(?!sg-)[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, rule: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with sg-", source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html" },
        { field: "namePrefix", min: 1, max: 255 - PREFIX_SUFFIX, pattern: /^(?!sg-)[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, rule: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with sg-", prefixOf: true, source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html" }],
    "aws:s3/bucketV2:BucketV2": [
        { field: "bucket", min: 3, max: 63, pattern: /^(?!xn--|sthree-)(?!.*(-s3alias|--ol-s3|--x-s3)$)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9](?!.*\.\.)[a-z0-9.-]*[a-z0-9]$/, rule: "lower-case letters, digits, dots and hyphens, beginning and ending with a letter or digit, not an IP address, no reserved prefix or suffix", source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html" },
        { field: "bucketPrefix", min: 1, max: 63 - PREFIX_SUFFIX, pattern: /^(?!xn--|sthree-)[a-z0-9](?!.*\.\.)[a-z0-9.-]*$/, rule: "lower-case letters, digits, dots and hyphens, beginning with a letter or digit", prefixOf: true, source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html" }],
    "aws:cloudwatch/dashboard:Dashboard": [
        { field: "dashboardName", min: 1, max: 255, pattern: /^[A-Za-z0-9_-]+$/, rule: "letters, digits, hyphens and underscores", source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html" }],
    "aws:cloudwatch/metricAlarm:MetricAlarm": [
        { field: "name", min: 1, max: 255, source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html" }],
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": [
        { field: "name", min: 1, max: 512, pattern: /^[^:*]+$/, rule: "no : or *", source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html" }],
    "aws:cloudwatch/logDeliverySource:LogDeliverySource": [
        { field: "name", min: 1, max: 60, pattern: /^[\w-]+$/, rule: "letters, digits, hyphens and underscores", source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliverySource.html" }],
    "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": [
        { field: "name", min: 1, max: 60, pattern: /^[\w-]+$/, rule: "letters, digits, hyphens and underscores", source: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDeliveryDestination.html" }],
    "aws:wafv2/webAcl:WebAcl": [
        { field: "name", min: 1, max: 128, pattern: /^[\w-]+$/, rule: "letters, digits, hyphens and underscores", source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html" }],
    "aws:iam/role:Role": [
        { field: "name", min: 1, max: 64, pattern: IAM, rule: IAM_RULE, source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html" },
        { field: "namePrefix", min: 1, max: 64 - PREFIX_SUFFIX, pattern: IAM, rule: IAM_RULE, prefixOf: true, source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html" }],
    "aws:iam/policy:Policy": [
        { field: "name", min: 1, max: 128, pattern: IAM, rule: IAM_RULE, source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html" },
        { field: "namePrefix", min: 1, max: 128 - PREFIX_SUFFIX, pattern: IAM, rule: IAM_RULE, prefixOf: true, source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html" }],
    "aws:iam/rolePolicy:RolePolicy": [
        { field: "name", min: 1, max: 128, pattern: IAM, rule: IAM_RULE, source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html" }],
    "aws:eks/cluster:Cluster": [
        { field: "name", min: 1, max: 100, pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/, rule: "a letter or digit, then letters, digits, hyphens and underscores", source: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html" }],
    "aws:eks/nodeGroup:NodeGroup": [
        { field: "nodeGroupName", min: 1, max: 63, pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/, rule: "a letter or digit, then letters, digits, hyphens and underscores", source: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html" },
        { field: "nodeGroupNamePrefix", min: 1, max: 63 - PREFIX_SUFFIX, pattern: /^[0-9A-Za-z][A-Za-z0-9_-]*$/, rule: "a letter or digit, then letters, digits, hyphens and underscores", prefixOf: true, source: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html" }],
    "aws:amp/ruleGroupNamespace:RuleGroupNamespace": [
        { field: "name", min: 1, max: 64, pattern: /^[0-9A-Za-z][-.0-9A-Z_a-z]*$/, rule: "a letter or digit, then letters, digits and -._", source: "https://docs.aws.amazon.com/prometheus/latest/APIReference/API_CreateRuleGroupsNamespace.html" }],
    "aws:amp/workspace:Workspace": [
        { field: "alias", min: 1, max: 100, source: "https://docs.aws.amazon.com/prometheus/latest/APIReference/API_CreateWorkspace.html" }],
};

/** Kubernetes names: DNS-1123 labels for namespaces and services, subdomains for the rest; Helm's release limit. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const K8S_NAMES = "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/";
const LABEL_KINDS = new Set(["Namespace", "Service"]);

/** Every problem with the names and prefixes one resource sets. */
export function nameProblems(type: string, props: Record<string, any>): string[] {
    const problems: string[] = [];
    for (const limit of NAME_LIMITS[type] ?? []) {
        const value = known(() => props[limit.field]);
        if (value === UNKNOWN || typeof value !== "string") {
            continue;
        }
        const what = limit.prefixOf ? `${limit.field} '${value}' (AWS appends ${PREFIX_SUFFIX} characters)` : `${limit.field} '${value}'`;
        if (value.length < limit.min || value.length > limit.max) {
            problems.push(`${what} is ${value.length} characters; AWS allows ${limit.min}-${limit.max}`
                + `${limit.prefixOf ? ` for a prefix` : ""} (${limit.source}). Fix: shorten it.`);
        }
        if (limit.pattern && !limit.pattern.test(value)) {
            problems.push(`${what} breaks AWS's naming rule: ${limit.rule} (${limit.source}). Fix: rename it within that rule.`);
        }
    }
    const k8s = kubernetesKind(type);
    const name = k8s ? known(() => props.metadata?.name) : undefined;
    if (k8s && typeof name === "string") {
        const label = LABEL_KINDS.has(k8s.kind) && k8s.group === "";
        const [max, pattern] = label ? [63, DNS_LABEL] : [253, DNS_SUBDOMAIN];
        if (name.length > max || !pattern.test(name)) {
            problems.push(`metadata.name '${name}' is not a DNS-1123 ${label ? "label" : "subdomain"} (at most ${max} `
                + `lower-case letters, digits${label ? "" : ", dots"} and hyphens, starting and ending with a letter or digit; ${K8S_NAMES}). Fix: rename it.`);
        }
    }
    if (type === "kubernetes:helm.sh/v3:Release") {
        const release = known(() => props.name);
        if (typeof release === "string" && (release.length > 53 || !DNS_LABEL.test(release))) {
            problems.push(`name '${release}' is not a Helm release name (at most 53 lower-case letters, digits and hyphens; `
                + "https://helm.sh/docs/chart_best_practices/conventions/). Fix: shorten or rename it.");
        }
    }
    return problems;
}

export const namePolicies: Policies = [
    {
        name: "unique-physical-names",
        description: "No two resources claim the same physical name where AWS or Kubernetes keeps names unique (per "
            + "partition, account, region, VPC, cluster or namespace).",
        severity: "critical",
        configSchema: pendingFixSchema,
        validateStack: (args, report) => duplicateNames(args.resources, report),
    },
    {
        name: "aws-name-limits",
        description: "Every explicit name and name prefix is within AWS's published length and character limits "
            + "(and Kubernetes and Helm names within theirs).",
        severity: "high",
        configSchema: pendingFixSchema,
        validateResource: (args, report) => nameProblems(args.type, args.props).forEach(p => report(p)),
    },
];
