package com.multiship.platform.network;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AWS APIs the cluster calls, reached inside the VPC: interface VPC endpoints with private DNS (the regional host
 * names, such as {@code sts.us-east-1.amazonaws.com}, resolve to the endpoints' addresses in the VPC) in one small
 * subnet per zone, behind a security group that admits HTTPS from the VPC; and an S3 gateway endpoint on the private
 * route tables. Because the endpoint subnets hold nothing else, the pods' NetworkPolicies allow HTTPS to exactly
 * their blocks ({@link #cidrs()}) instead of to the internet.
 *
 * <p>Who calls what: every pod with an IAM role (IRSA) exchanges its token at STS; the secret sync reads Secrets
 * Manager; the metrics collector writes to Managed Prometheus ({@code aps-workspaces}); the nodes pull images from ECR
 * ({@code ecr.api}, {@code ecr.dkr}) whose layers come from S3. The endpoint subnets get no route table of their own:
 * the VPC's main table has only the local route, and endpoints never initiate connections.
 */
public final class Endpoints extends ComponentResource {
    /** The interface endpoints, by the service name's last part ({@code com.amazonaws.<region>.<service>}). */
    static final List<String> INTERFACE_SERVICES = List.of("sts", "secretsmanager", "aps-workspaces", "ecr.api", "ecr.dkr");
    static final int HTTPS = 443;

    private final List<String> cidrs = new ArrayList<>();

    public Endpoints(String name, EndpointsArgs args, ComponentResourceOptions options) {
        super("platform:network:Endpoints", name, null, options);
        var child = CustomResourceOptions.builder().parent(this).build();

        var subnetIds = new ArrayList<Output<String>>();
        for (var zone : args.zones()) {
            var subnet = new Subnet(name + "-subnet-" + zone.name(), SubnetArgs.builder()
                    .vpcId(args.vpcId())
                    .availabilityZone(zone.name())
                    .cidrBlock(zone.endpointsCidr().toString())
                    .mapPublicIpOnLaunch(false)
                    .tags(Map.of("Name", name + "-" + zone.name()))
                    .build(), child);
            subnetIds.add(subnet.id());
            cidrs.add(zone.endpointsCidr().toString());
        }

        var securityGroup = new SecurityGroup(name + "-security-group", SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description("Interface VPC endpoints: HTTPS from the VPC")
                .ingress(SecurityGroupIngressArgs.builder()
                        .description("HTTPS from the VPC's nodes and pods")
                        .protocol("tcp").fromPort(HTTPS).toPort(HTTPS)
                        .cidrBlocks(args.vpcCidr().applyValue(List::of))
                        .build())
                .tags(Map.of("Name", name))
                .build(), child);

        for (var service : INTERFACE_SERVICES) {
            new VpcEndpoint(name + "-" + service.replace('.', '-'), VpcEndpointArgs.builder()
                    .vpcId(args.vpcId())
                    .serviceName(serviceName(args.region(), service))
                    .vpcEndpointType("Interface")
                    .privateDnsEnabled(true)
                    .subnetIds(Output.all(subnetIds))
                    .securityGroupIds(securityGroup.id().applyValue(List::of))
                    .tags(Map.of("Name", name + "-" + service))
                    .build(), child);
        }
        new VpcEndpoint(name + "-s3", VpcEndpointArgs.builder()
                .vpcId(args.vpcId())
                .serviceName(serviceName(args.region(), "s3"))
                .vpcEndpointType("Gateway")
                .routeTableIds(args.privateRouteTableIds())
                .tags(Map.of("Name", name + "-s3"))
                .build(), child);
        registerOutputs(Map.of("cidrs", Output.of(List.copyOf(cidrs))));
    }

    static String serviceName(String region, String service) {
        return "com.amazonaws." + region + "." + service;
    }

    /** The endpoint subnets' blocks, in the stack file's zone order: where HTTPS to AWS goes. */
    public List<String> cidrs() {
        return List.copyOf(cidrs);
    }
}
