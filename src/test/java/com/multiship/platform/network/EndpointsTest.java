package com.multiship.platform.network;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.multiship.platform.testing.Edits.at;
import static org.assertj.core.api.Assertions.assertThat;

/** AWS APIs are reached through VPC endpoints in subnets of their own, which the pods' egress rules name. */
class EndpointsTest {
    private static final String ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final Map<String, Plan> PLANS = new HashMap<>();

    @BeforeAll
    static void plans() {
        Stacks.ALL.forEach(stack -> PLANS.put(stack, Stacks.plan(stack)));
    }

    @Test
    void interfaceEndpointsForTheServicesThePodsAndNodesCallWithPrivateDns() {
        var plan = PLANS.get("production");
        var interfaces = plan.ofType(ENDPOINT).stream().filter(e -> e.input("vpcEndpointType").asText().equals("Interface")).toList();
        assertThat(interfaces).extracting(e -> e.input("serviceName").asText()).containsExactlyInAnyOrder(
                "com.amazonaws.us-east-1.sts", "com.amazonaws.us-east-1.secretsmanager",
                "com.amazonaws.us-east-1.aps-workspaces", "com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.ecr.dkr");
        var securityGroup = plan.resource("aws:ec2/securityGroup:SecurityGroup", "endpoints-security-group");
        for (var endpoint : interfaces) {
            assertThat(endpoint.input("privateDnsEnabled").asBoolean()).as(endpoint.name()).isTrue();
            assertThat(endpoint.input("vpcId").asText()).isEqualTo(plan.resource("aws:ec2/vpc:Vpc", "network-vpc").id());
            assertThat(endpoint.input("subnetIds")).extracting(n -> n.asText()).containsExactly(
                    plan.resource(SUBNET, "endpoints-subnet-us-east-1a").id(), plan.resource(SUBNET, "endpoints-subnet-us-east-1b").id(),
                    plan.resource(SUBNET, "endpoints-subnet-us-east-1c").id());
            assertThat(endpoint.input("securityGroupIds").toString()).isEqualTo("[\"" + securityGroup.id() + "\"]");
            assertThat(endpoint.dependencies()).contains(securityGroup.urn());
        }
        // the security group admits HTTPS from the VPC (pods and nodes take VPC addresses) and nothing else
        assertThat(securityGroup.input("ingress").toString()).isEqualTo("[{\"cidrBlocks\":[\"10.30.0.0/16\"],"
                + "\"description\":\"HTTPS from the VPC's nodes and pods\",\"fromPort\":443,\"protocol\":\"tcp\",\"toPort\":443}]");
        assertThat(securityGroup.input("egress").isMissingNode()).isTrue();
        // image layers come from S3: a gateway endpoint on every private route table
        var s3 = plan.resource(ENDPOINT, "endpoints-s3");
        assertThat(s3.input("vpcEndpointType").asText()).isEqualTo("Gateway");
        assertThat(s3.input("serviceName").asText()).isEqualTo("com.amazonaws.us-east-1.s3");
        assertThat(s3.input("routeTableIds")).extracting(n -> n.asText()).containsExactly(
                plan.resource("aws:ec2/routeTable:RouteTable", "network-rt-private-us-east-1a").id(),
                plan.resource("aws:ec2/routeTable:RouteTable", "network-rt-private-us-east-1b").id(),
                plan.resource("aws:ec2/routeTable:RouteTable", "network-rt-private-us-east-1c").id());
    }

    @Test
    void theEndpointSubnetsAreTheStackFilesWithNoRouteOut() {
        var dev = PLANS.get("dev");
        assertThat(dev.ofType(SUBNET)).filteredOn(s -> s.name().startsWith("endpoints-"))
                .extracting(s -> s.input("availabilityZone").asText() + "=" + s.input("cidrBlock").asText())
                .containsExactly("us-east-2a=10.10.12.0/26", "us-east-2b=10.10.12.64/26");
        // associated with no route table: only the VPC's local route reaches them
        assertThat(dev.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation"))
                .extracting(a -> a.input("subnetId").asText())
                .doesNotContainAnyElementsOf(dev.ofType(SUBNET).stream().filter(s -> s.name().startsWith("endpoints-"))
                        .map(s -> s.id()).toList());
        assertThat(PLANS.get("dev").resource(ENDPOINT, "endpoints-sts").input("serviceName").asText()).isEqualTo("com.amazonaws.us-east-2.sts");
    }

    @Test
    void failsOnAnEndpointSubnetOutsideTheVpcOrOverlappingAnother() {
        assertThat(Stacks.problems("dev", cfg -> {
            at(cfg, "network", "zones", "us-east-2a").put("endpoints", "10.99.0.0/26");
            at(cfg, "network", "zones", "us-east-2b").put("endpoints", "10.10.32.0/26");
        })).containsExactly(
                "platform:network.zones.us-east-2a.endpoints must be inside the VPC block 10.10.0.0/16, got \"10.99.0.0/26\" (Pulumi.dev.yaml)",
                "platform:network.zones.us-east-2b.endpoints must be a block that does not overlap"
                        + " platform:network.zones.us-east-2a.private (10.10.32.0/19), got \"10.10.32.0/26\" (Pulumi.dev.yaml)");
        assertThat(Stacks.problems("dev", cfg -> at(cfg, "network", "zones", "us-east-2a").remove("endpoints"))).containsExactly(
                "platform:network.zones.us-east-2a.endpoints must be an IPv4 CIDR block from /24 to /28 inside the VPC, for the"
                        + " zone's VPC endpoints, got nothing (the key is missing) (Pulumi.dev.yaml)");
    }

    static List<String> names(List<PlannedResource> resources) {
        return resources.stream().map(PlannedResource::name).toList();
    }
}
