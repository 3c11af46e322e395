package com.multiship.platform.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkTest {
    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String NAT = "aws:ec2/natGateway:NatGateway";
    private static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";

    @Test
    void productionSpansThreeZonesWithANatGatewayInEach() {
        var plan = Stacks.plan("production");
        assertThat(plan.resource("aws:ec2/vpc:Vpc", "network-vpc").input("cidrBlock").asText()).isEqualTo("10.30.0.0/16");
        assertThat(plan.ofType(SUBNET)).filteredOn(s -> s.name().startsWith("network-")).extracting(PlannedResource::name).containsExactlyInAnyOrder(
                "network-subnet-public-us-east-1a", "network-subnet-public-us-east-1b", "network-subnet-public-us-east-1c",
                "network-subnet-private-us-east-1a", "network-subnet-private-us-east-1b", "network-subnet-private-us-east-1c");
        assertThat(plan.ofType(NAT)).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("network-nat-us-east-1a", "network-nat-us-east-1b", "network-nat-us-east-1c");
        // each private route table sends egress through its own zone's NAT gateway
        for (var zone : new String[] {"us-east-1a", "us-east-1b", "us-east-1c"}) {
            assertThat(plan.resource(ROUTE_TABLE, "network-rt-private-" + zone).input("routes.0.natGatewayId").asText())
                    .isEqualTo(plan.output(NAT, "network-nat-" + zone, "id"));
        }
    }

    @Test
    void devSharesOneNatGatewayAcrossItsTwoZones() {
        var plan = Stacks.plan("dev");
        assertThat(plan.ofType(NAT)).extracting(PlannedResource::name).containsExactly("network-nat-us-east-2a");
        assertThat(plan.ofType(SUBNET)).filteredOn(s -> s.name().startsWith("network-")).hasSize(4);
        assertThat(plan.resource(ROUTE_TABLE, "network-rt-private-us-east-2b").input("routes.0.natGatewayId").asText())
                .isEqualTo(plan.output(NAT, "network-nat-us-east-2a", "id"));
    }

    @Test
    void subnetsAreTaggedForTheClustersLoadBalancers() {
        var plan = Stacks.plan("staging");
        var publicSubnet = plan.resource(SUBNET, "network-subnet-public-us-east-1b");
        assertThat(publicSubnet.input("tags.kubernetes\\.io/role/elb").isMissingNode()).isTrue();
        assertThat(publicSubnet.inputs().path("tags").path("kubernetes.io/role/elb").asText()).isEqualTo("1");
        assertThat(publicSubnet.inputs().path("tags").path("kubernetes.io/cluster/multiship-staging").asText()).isEqualTo("shared");
        assertThat(publicSubnet.input("mapPublicIpOnLaunch").asBoolean()).isFalse();
        assertThat(publicSubnet.input("cidrBlock").asText()).isEqualTo("10.20.4.0/22");
        var privateSubnet = plan.resource(SUBNET, "network-subnet-private-us-east-1b");
        assertThat(privateSubnet.inputs().path("tags").path("kubernetes.io/role/internal-elb").asText()).isEqualTo("1");
        assertThat(privateSubnet.input("availabilityZone").asText()).isEqualTo("us-east-1b");
    }

    @Test
    void flowLogsRecordAllTrafficInStagingAndProductionButNotDev() {
        assertThat(Stacks.plan("dev").ofType("aws:ec2/flowLog:FlowLog")).isEmpty();
        Plan production = Stacks.plan("production");
        var flowLog = production.resource("aws:ec2/flowLog:FlowLog", "network-flow-log");
        assertThat(flowLog.input("trafficType").asText()).isEqualTo("ALL");
        assertThat(flowLog.input("logDestinationType").asText()).isEqualTo("cloud-watch-logs");
        assertThat(production.resource("aws:cloudwatch/logGroup:LogGroup", "network-flow-logs").input("retentionInDays").asInt())
                .isEqualTo(365);
        assertThat(production.resource("aws:iam/rolePolicy:RolePolicy", "network-flow-logs-write").input("policy").asText())
                .contains("logs:PutLogEvents")
                .contains("\"" + production.output("aws:cloudwatch/logGroup:LogGroup", "network-flow-logs", "arn") + "\"");
        assertThat(flowLog.input("logDestination").asText())
                .isEqualTo(production.output("aws:cloudwatch/logGroup:LogGroup", "network-flow-logs", "arn"));
        assertThat(flowLog.input("iamRoleArn").asText())
                .isEqualTo(production.output("aws:iam/role:Role", "network-flow-logs-role", "arn"));
    }

    @Test
    void devCanTurnFlowLogsOn() {
        var plan = Stacks.plan("dev", c -> ((ObjectNode) c.get("platform:network")).put("flowLogsEnabled", true));
        assertThat(plan.ofType("aws:ec2/flowLog:FlowLog")).hasSize(1);
    }

    @Test
    void theDefaultSecurityGroupIsEmptiedSoNothingUsesItByAccident() {
        var group = Stacks.plan("production").resource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "network-default-sg-locked");
        assertThat(group.inputs().has("ingress")).isFalse();
        assertThat(group.inputs().has("egress")).isFalse();
    }
}
