package com.multiship.platform.cluster;

import com.multiship.platform.iam.PolicyDocument;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The managed node groups of a {@link Cluster} and the IAM role their nodes run as. */
final class NodeGroups {
    private static final List<String> NODE_POLICIES = List.of("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly", "AmazonSSMManagedInstanceCore");

    private final List<NodeGroup> groups = new ArrayList<>();

    NodeGroups(String name, Cluster parent, com.pulumi.aws.eks.Cluster cluster, ClusterArgs args,
               List<? extends Resource> after) {
        var role = new Role(name + "-node-role", RoleArgs.builder()
                .assumeRolePolicy(PolicyDocument.assumeRoleByService("ec2.amazonaws.com"))
                .build(), CustomResourceOptions.builder().parent(parent).build());
        var dependencies = new ArrayList<Resource>(after);
        for (var policy : NODE_POLICIES) {
            dependencies.add(parent.attach(name + "-node-role-" + policy, role, policy));
        }
        for (var group : args.settings().nodeGroups()) {
            groups.add(new NodeGroup(name + "-nodes-" + group.name(), NodeGroupArgs.builder()
                    .clusterName(cluster.name())
                    .nodeGroupNamePrefix(args.clusterName() + "-" + group.name() + "-")
                    .nodeRoleArn(role.arn())
                    // The nodes follow the control plane: a kubernetesVersion change rolls each group after the cluster.
                    .version(cluster.version())
                    .subnetIds(args.privateSubnetIds())
                    .instanceTypes(group.instanceTypes())
                    .capacityType(group.capacityType().name())
                    .diskSize(group.diskSizeGib())
                    .scalingConfig(NodeGroupScalingConfigArgs.builder()
                            .minSize(group.minSize())
                            .desiredSize(group.desiredSize())
                            .maxSize(group.maxSize())
                            .build())
                    .updateConfig(NodeGroupUpdateConfigArgs.builder().maxUnavailable(group.maxUnavailable()).build())
                    .labels(Map.of("platform.multiship.com/node-group", group.name()))
                    .build(), CustomResourceOptions.builder()
                    .parent(parent)
                    // Not protected: nodes hold no state, and a change to instanceTypes, capacityType or diskSize replaces
                    // the group, which protect would refuse. The cluster (protected) is what must not go.
                    // The cluster autoscaler owns the running size once the group exists.
                    .ignoreChanges("scalingConfig.desiredSize")
                    // A replacement gets a new name from the prefix, so the new group can come up before the old one goes.
                    .deleteBeforeReplace(false)
                    .dependsOn(List.copyOf(dependencies))
                    .build()));
        }
    }

    List<NodeGroup> all() {
        return List.copyOf(groups);
    }
}
