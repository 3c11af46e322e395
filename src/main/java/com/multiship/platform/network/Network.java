package com.multiship.platform.network;

import com.multiship.platform.config.NetworkSettings;
import com.multiship.platform.config.NetworkSettings.NatGateways;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.RouteTableRouteArgs;
import com.multiship.platform.iam.PolicyDocument;
import com.multiship.platform.iam.ServiceTrust;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.vpc.SecurityGroupEgressRule;
import com.pulumi.aws.vpc.SecurityGroupEgressRuleArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VPC over several availability zones: a public and a private subnet in each, an internet gateway,
 * NAT gateways (one, or one per zone), a private route table per zone, flow logs where enabled, and the
 * VPC's default security group emptied so nothing can use it by accident, and the deployer security group: the group a
 * CI runner or an operator's SSM host in the private subnets runs in, which the cluster admits to its private API.
 */
public final class Network extends ComponentResource {
    private final Output<String> vpcId;
    private final Output<String> vpcCidr;
    private final Output<String> deployerSecurityGroupId;
    private final List<Output<String>> privateSubnetIds = new ArrayList<>();
    private final List<Output<String>> publicSubnetIds = new ArrayList<>();
    private final List<Output<String>> privateRouteTableIds = new ArrayList<>();

    public Network(String name, NetworkArgs args, ComponentResourceOptions options) {
        super("platform:network:Network", name, null, options);
        var settings = args.settings();
        var child = CustomResourceOptions.builder().parent(this).build();

        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(settings.vpcCidr().toString())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(Map.of("Name", name))
                .build(), child);
        this.vpcId = vpc.id();
        this.vpcCidr = vpc.cidrBlock();

        new DefaultSecurityGroup(name + "-default-sg-locked", DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", name + "-default-do-not-use"))
                .build(), child);

        var internetGateway = new InternetGateway(name + "-igw", InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(Map.of("Name", name))
                .build(), child);

        var publicRoutes = new RouteTable(name + "-rt-public", RouteTableArgs.builder()
                .vpcId(vpc.id())
                .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").gatewayId(internetGateway.id()).build())
                .tags(Map.of("Name", name + "-public"))
                .build(), child);

        var natByZone = new LinkedHashMap<String, NatGateway>();
        for (var zone : settings.zones()) {
            var publicSubnet = new Subnet(name + "-subnet-public-" + zone.name(), SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZone(zone.name())
                    .cidrBlock(zone.publicCidr().toString())
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of(
                            "Name", name + "-public-" + zone.name(),
                            "kubernetes.io/role/elb", "1",
                            "kubernetes.io/cluster/" + args.clusterName(), "shared"))
                    .build(), child);
            publicSubnetIds.add(publicSubnet.id());
            new RouteTableAssociation(name + "-rta-public-" + zone.name(), RouteTableAssociationArgs.builder()
                    .subnetId(publicSubnet.id())
                    .routeTableId(publicRoutes.id())
                    .build(), child);

            if (settings.natGateways() == NatGateways.PER_ZONE || natByZone.isEmpty()) {
                var eip = new Eip(name + "-nat-eip-" + zone.name(), EipArgs.builder()
                        .domain("vpc")
                        .tags(Map.of("Name", name + "-nat-" + zone.name()))
                        .build(), child);
                natByZone.put(zone.name(), new NatGateway(name + "-nat-" + zone.name(), NatGatewayArgs.builder()
                        .allocationId(eip.id())
                        .subnetId(publicSubnet.id())
                        .tags(Map.of("Name", name + "-" + zone.name()))
                        .build(), CustomResourceOptions.builder().parent(this).dependsOn(internetGateway).build()));
            }
        }

        for (var zone : settings.zones()) {
            var nat = natByZone.getOrDefault(zone.name(), natByZone.values().iterator().next());
            var privateSubnet = new Subnet(name + "-subnet-private-" + zone.name(), SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .availabilityZone(zone.name())
                    .cidrBlock(zone.privateCidr().toString())
                    .tags(Map.of(
                            "Name", name + "-private-" + zone.name(),
                            "kubernetes.io/role/internal-elb", "1",
                            "kubernetes.io/cluster/" + args.clusterName(), "shared"))
                    .build(), child);
            privateSubnetIds.add(privateSubnet.id());
            var privateRoutes = new RouteTable(name + "-rt-private-" + zone.name(), RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .routes(RouteTableRouteArgs.builder().cidrBlock("0.0.0.0/0").natGatewayId(nat.id()).build())
                    .tags(Map.of("Name", name + "-private-" + zone.name()))
                    .build(), child);
            privateRouteTableIds.add(privateRoutes.id());
            new RouteTableAssociation(name + "-rta-private-" + zone.name(), RouteTableAssociationArgs.builder()
                    .subnetId(privateSubnet.id())
                    .routeTableId(privateRoutes.id())
                    .build(), child);
        }

        // Named by prefix, with a description that never changes: a replacement can come up before the old group goes.
        var deployer = new SecurityGroup(name + "-deployer-sg", SecurityGroupArgs.builder()
                .namePrefix(args.clusterName() + "-deployer-")
                .description("Deployers: CI runners and operator hosts that reach the cluster API")
                .vpcId(vpc.id())
                .tags(Map.of("Name", args.clusterName() + "-deployer"))
                .build(), child);
        this.deployerSecurityGroupId = deployer.id();
        // HTTPS out only: the cluster API, AWS APIs, the Pulumi backend and GitHub, all on 443.
        new SecurityGroupEgressRule(name + "-deployer-sg-https-out", SecurityGroupEgressRuleArgs.builder()
                .securityGroupId(deployer.id())
                .ipProtocol("tcp")
                .fromPort(443)
                .toPort(443)
                .cidrIpv4("0.0.0.0/0")
                .description("HTTPS to the cluster API, AWS APIs, the Pulumi backend and GitHub")
                .build(), child);

        if (settings.flowLogsEnabled()) {
            flowLogs(name, args, vpc, child);
        }
        registerOutputs(Map.of("vpcId", vpcId));
    }

    private void flowLogs(String name, NetworkArgs args, Vpc vpc, CustomResourceOptions child) {
        var logGroup = new LogGroup(name + "-flow-logs", LogGroupArgs.builder()
                .namePrefix("/platform/vpc-flow-logs/" + name + "-")
                .retentionInDays(args.settings().flowLogRetentionDays())
                .kmsKeyId(args.logs().keyArn())
                .build(), args.logs().options(this));
        var role = new Role(name + "-flow-logs-role", RoleArgs.builder()
                .assumeRolePolicy(ServiceTrust.of(this, "vpc-flow-logs.amazonaws.com",
                        "arn:{partition}:ec2:" + args.region() + ":{account}:vpc-flow-log/*"))
                .build(), child);
        new RolePolicy(name + "-flow-logs-write", RolePolicyArgs.builder()
                .role(role.id())
                .policy(logGroup.arn().applyValue(arn -> PolicyDocument.create()
                        .allow(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups",
                                "logs:DescribeLogStreams"), List.of(arn, arn + ":*"))
                        .toJson()))
                .build(), child);
        new FlowLog(name + "-flow-log", FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(logGroup.arn())
                .iamRoleArn(role.arn())
                .maxAggregationInterval(60)
                .build(), child);
    }

    public Output<String> vpcId() {
        return vpcId;
    }

    public Output<String> vpcCidr() {
        return vpcCidr;
    }

    /** The security group a deployer (CI runner, operator host) runs in inside the VPC; the cluster API admits it on 443. */
    public Output<String> deployerSecurityGroupId() {
        return deployerSecurityGroupId;
    }

    /** The private subnets' ids, in the stack file's zone order. */
    public Output<List<String>> privateSubnetIds() {
        return Output.all(privateSubnetIds);
    }

    /** The private route tables' ids, in the stack file's zone order (gateway VPC endpoints attach to them). */
    public Output<List<String>> privateRouteTableIds() {
        return Output.all(privateRouteTableIds);
    }

    /** The public subnets' ids, in the stack file's zone order. */
    public Output<List<String>> publicSubnetIds() {
        return Output.all(publicSubnetIds);
    }
}
