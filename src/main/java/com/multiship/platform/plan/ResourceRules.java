package com.multiship.platform.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the plan comparison knows about resource types without a provider: which types hold state that a delete
 * or a replacement destroys, and which input paths force a replacement.
 *
 * <p>Mocks run no provider diff, so this is an approximation, deliberately on the side of warning: the real answer
 * is {@code pulumi preview}'s {@code replace} marker. Paths are the Pulumi (camelCase) input names; a path matches a
 * change at that path or below it (list indexes ignored). Sources, per entry: the Terraform AWS provider schema that
 * pulumi-aws 6.x bridges ({@code ForceNew: true} in {@code internal/service/<svc>/<resource>.go}, shown in the Pulumi
 * registry docs as "Changing this forces a new resource"), the Kubernetes API's immutable fields (which the Pulumi
 * Kubernetes provider turns into a replacement), and the provider changelogs where a field stopped forcing one.
 */
public final class ResourceRules {
    private ResourceRules() {}

    /** Types whose replacement or deletion loses data, keys, images or the cluster itself. */
    public static final Set<String> STATEFUL_TYPES = Set.of(
            "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance",
            "aws:rds/globalCluster:GlobalCluster",
            "aws:backup/vault:Vault", "aws:backup/plan:Plan",
            "aws:ecr/repository:Repository",
            "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2",
            "aws:kms/key:Key",
            "aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup",
            "aws:secretsmanager/secret:Secret",
            "aws:ebs/volume:Volume", "aws:efs/fileSystem:FileSystem",
            "aws:dynamodb/table:Table", "aws:elasticache/replicationGroup:ReplicationGroup",
            "kubernetes:core/v1:PersistentVolumeClaim", "kubernetes:core/v1:PersistentVolume");

    /** Input paths whose change forces a replacement, per type. */
    static final Map<String, List<String>> REPLACING_INPUTS = Map.ofEntries(
            // TF internal/service/rds/instance.go: ForceNew on these. engineVersion, instanceClass, dbSubnetGroupName and
            // multiAz are updated in place (dbSubnetGroupName: hashicorp/terraform-provider-aws PR #2462 was closed, the
            // API refuses a move inside one VPC rather than replacing).
            Map.entry("aws:rds/instance:Instance", List.of("identifier", "identifierPrefix", "engine", "availabilityZone",
                    "dbName", "kmsKeyId", "storageEncrypted", "username", "characterSetName", "ncharCharacterSetName",
                    "timezone", "snapshotIdentifier", "restoreToPointInTime", "s3Import", "customIamInstanceProfile")),
            // TF internal/service/rds/cluster.go: ForceNew.
            Map.entry("aws:rds/cluster:Cluster", List.of("clusterIdentifier", "clusterIdentifierPrefix", "engine",
                    "engineMode", "databaseName", "masterUsername", "kmsKeyId", "storageEncrypted", "availabilityZones",
                    "dbSubnetGroupName", "snapshotIdentifier", "sourceRegion", "restoreToPointInTime", "s3Import")),
            // TF internal/service/eks/cluster.go: ForceNew. vpcConfig.subnetIds and securityGroupIds are updated in place
            // since terraform-provider-aws 5.25.0 (CHANGELOG; issue #34090), which pulumi-aws 6.x includes.
            // encryptionConfig can be added in place but not changed or removed: treated as replacing.
            Map.entry("aws:eks/cluster:Cluster", List.of("name", "roleArn", "encryptionConfig",
                    "kubernetesNetworkConfig", "bootstrapSelfManagedAddons",
                    "accessConfig.bootstrapClusterCreatorAdminPermissions", "outpostConfig")),
            // TF internal/service/eks/node_group.go: ForceNew. scalingConfig, updateConfig, labels, taints, version and
            // launchTemplate.version are updated in place.
            Map.entry("aws:eks/nodeGroup:NodeGroup", List.of("clusterName", "nodeGroupName", "nodeGroupNamePrefix",
                    "nodeRoleArn", "subnetIds", "instanceTypes", "capacityType", "diskSize", "amiType", "remoteAccess")),
            // TF internal/service/ecr/repository.go: ForceNew on name and the encryption_configuration block.
            Map.entry("aws:ecr/repository:Repository", List.of("name", "encryptionConfigurations")),
            // TF internal/service/s3/bucket.go: ForceNew on bucket, bucket_prefix, object_lock_enabled.
            Map.entry("aws:s3/bucket:Bucket", List.of("bucket", "bucketPrefix", "objectLockEnabled")),
            Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket", "bucketPrefix", "objectLockEnabled")),
            // TF internal/service/kms/key.go: ForceNew.
            Map.entry("aws:kms/key:Key", List.of("customerMasterKeySpec", "keyUsage", "multiRegion", "customKeyStoreId",
                    "xksKeyId")),
            // TF internal/service/secretsmanager/secret.go: ForceNew on name and name_prefix.
            Map.entry("aws:secretsmanager/secret:Secret", List.of("name", "namePrefix")),
            // TF internal/service/backup/vault.go: ForceNew on name and kms_key_arn.
            Map.entry("aws:backup/vault:Vault", List.of("name", "kmsKeyArn")),
            // TF internal/service/ec2/ebs_volume.go and efs/file_system.go: ForceNew.
            Map.entry("aws:ebs/volume:Volume", List.of("availabilityZone", "encrypted", "kmsKeyId", "snapshotId", "outpostArn")),
            Map.entry("aws:efs/fileSystem:FileSystem", List.of("creationToken", "encrypted", "kmsKeyId", "performanceMode",
                    "availabilityZoneName")),
            // TF internal/service/logs/group.go: ForceNew on name and name_prefix (a new group starts empty).
            Map.entry("aws:cloudwatch/logGroup:LogGroup", List.of("name", "namePrefix")),
            // TF internal/service/ec2/vpc_.go, vpc_subnet.go, vpc_nat_gateway.go: ForceNew.
            Map.entry("aws:ec2/vpc:Vpc", List.of("cidrBlock", "instanceTenancy")),
            // TF internal/service/ec2/vpc_security_group.go: name, name_prefix, description and vpc_id are ForceNew.
            Map.entry("aws:ec2/securityGroup:SecurityGroup", List.of("name", "namePrefix", "description", "vpcId")),
            Map.entry("aws:ec2/subnet:Subnet", List.of("vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId")),
            Map.entry("aws:ec2/natGateway:NatGateway", List.of("allocationId", "subnetId", "connectivityType")),
            // TF internal/service/iam/role.go: ForceNew on name, name_prefix and path.
            Map.entry("aws:iam/role:Role", List.of("name", "namePrefix", "path")),
            // Kubernetes API: a Deployment's spec.selector is immutable (apps/v1); a Service's spec.clusterIP(s) too.
            Map.entry("kubernetes:apps/v1:Deployment", List.of("spec.selector")),
            Map.entry("kubernetes:apps/v1:StatefulSet", List.of("spec.selector", "spec.serviceName",
                    "spec.volumeClaimTemplates", "spec.podManagementPolicy")),
            Map.entry("kubernetes:apps/v1:DaemonSet", List.of("spec.selector")),
            Map.entry("kubernetes:core/v1:Service", List.of("spec.clusterIP", "spec.clusterIPs")),
            Map.entry("kubernetes:batch/v1:Job", List.of("spec.template", "spec.selector")),
            // pulumi-kubernetes Release (helm/v3): a new release name is a new release.
            Map.entry("kubernetes:helm.sh/v3:Release", List.of("name", "namespace")));

    /** The Kubernetes provider replaces any object whose name or namespace changes. */
    static final List<String> KUBERNETES_IDENTITY = List.of("metadata.name", "metadata.namespace");

    /** Whether a type holds state that a deletion or replacement loses. */
    public static boolean isStateful(String type) {
        return STATEFUL_TYPES.contains(type);
    }

    /** The replace-forcing input paths of a type, plus those its resource options name ({@code replaceOnChanges}). */
    static List<String> replacingInputs(String type, List<String> replaceOnChanges) {
        var paths = new java.util.ArrayList<>(REPLACING_INPUTS.getOrDefault(type, List.of()));
        if (type.startsWith("kubernetes:") && !type.startsWith("kubernetes:helm.sh/")) {
            paths.addAll(KUBERNETES_IDENTITY);
        }
        replaceOnChanges.forEach(path -> paths.add(path.replace("[*]", "").replace("*", "")));
        return paths;
    }

    /** Whether {@code changedPath} (dotted, indexes as {@code [n]}) is, or lies below, one of {@code paths}. */
    static String matching(String changedPath, List<String> paths) {
        var plain = changedPath.replaceAll("\\[\\d+]", "").replaceAll("\\[\"([^\"]*)\"]", ".$1");
        for (var path : paths) {
            if (!path.isEmpty() && (plain.equals(path) || plain.startsWith(path + "."))) {
                return path;
            }
        }
        return null;
    }
}
