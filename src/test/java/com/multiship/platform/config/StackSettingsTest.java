package com.multiship.platform.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.config.ClusterSettings.CapacityType;
import com.multiship.platform.config.NetworkSettings.NatGateways;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.multiship.platform.testing.Stacks.object;
import static com.multiship.platform.testing.Stacks.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackSettingsTest {

    private static StackSettings settingsOf(String stack) {
        return Stacks.files(stack).settings();
    }

    @AfterEach
    void cleanup() {
        com.pulumi.test.PulumiTest.cleanup();
    }

    @Test
    void parsesTheDevStackFile() {
        var dev = settingsOf("dev");
        assertThat(dev.environment()).isEqualTo(Environment.DEV);
        assertThat(dev.region()).isEqualTo("us-east-2");
        assertThat(dev.network().zones()).extracting(NetworkSettings.Zone::name).containsExactly("us-east-2a", "us-east-2b");
        assertThat(dev.network().natGateways()).isEqualTo(NatGateways.SINGLE);
        assertThat(dev.network().flowLogsEnabled()).isFalse();
        assertThat(dev.cluster().nodeGroups().get(0).capacityType()).isEqualTo(CapacityType.SPOT);
        assertThat(dev.cluster().publicAccessCidrs()).isEmpty();
    }

    @Test
    void appliesTheOwnerDefaultDeclaredInPulumiYamlWhereTheStackFileSetsNone() {
        assertThat(Stacks.files("dev").stackConfig().has("platform:owner")).isFalse();
        assertThat(settingsOf("dev").defaultTags()).containsEntry("Owner", "platform-engineering");
    }

    @Test
    void parsesTheProductionStackFile() {
        var production = settingsOf("production");
        assertThat(production.environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(production.network().zones()).hasSize(3);
        assertThat(production.network().natGateways()).isEqualTo(NatGateways.PER_ZONE);
        assertThat(production.network().flowLogsEnabled()).isTrue();
        assertThat(production.network().flowLogRetentionDays()).isEqualTo(365);
        assertThat(production.cluster().publicAccessCidrs()).isEmpty();
        assertThat(production.cluster().adminRoleArns()).hasSize(2);
        assertThat(production.defaultTags()).isEqualTo(Map.of("Project", "platform", "Stack", "production",
                "Environment", "production", "Owner", "platform-engineering", "CostCentre", "logistics-prod",
                "ManagedBy", "pulumi"));
    }

    @Test
    void parsesTheStagingStackFile() {
        var staging = settingsOf("staging");
        assertThat(staging.environment()).isEqualTo(Environment.STAGING);
        assertThat(staging.network().flowLogsEnabled()).isTrue();
        assertThat(staging.network().flowLogRetentionDays()).isEqualTo(30);
        assertThat(staging.services()).extracting(ServiceSettings::name).containsExactly("api-gateway", "auth-service",
                "catalog-service", "notification-service", "order-service", "user-service");
    }

    @Test
    void failsOnATypoInATopLevelKeyAndSuggestsTheKnownOne() {
        assertThat(problems("dev", c -> c.set("platform:netwrok", c.remove("platform:network")))).containsExactly(
                "platform:network must be an object of settings (see the configuration reference in README.md), got nothing (the key is missing) (Pulumi.dev.yaml)",
                "platform:netwrok is not a known setting: allowed here are alerts, cluster, costCentre, database, edge, environment, mesh, namespaces, network, observability, owner, registry, services, traffic; did you mean network? (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnATypoInANestedKey() {
        assertThat(problems("dev", c -> object(c, "network").put("flowLogRetentionDay", 30))).containsExactly(
                "platform:network.flowLogRetentionDay is not a known setting: allowed here are flowLogRetentionDays, flowLogsEnabled, natGateways, vpcCidr, zones; did you mean flowLogRetentionDays? (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnABooleanWrittenAsYes() {
        assertThat(problems("dev", c -> object(c, "network").put("flowLogsEnabled", "yes"))).containsExactly(
                "platform:network.flowLogsEnabled must be true or false, got \"yes\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnANumberWrittenAsText() {
        assertThat(problems("dev", c -> ((ObjectNode) object(c, "cluster").with("nodeGroups").get("general")).put("maxSize", "4")))
                .containsExactly("platform:cluster.nodeGroups.general.maxSize must be a whole number from 1 to 100, got \"4\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnUnknownEnvironmentAndAMissingRegion() {
        assertThat(problems("staging", c -> {
            c.put("platform:environment", "prod");
            c.remove("aws:region");
        })).containsExactly(
                "platform:environment must be one of dev, staging, production, got \"prod\" (Pulumi.staging.yaml)",
                "aws:region must be an AWS region (see config/AwsRegions), such as us-east-1, got nothing (the key is missing) (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnASecretValueInTheStackFile() {
        assertThat(problems("dev", c -> c.putObject("platform:apiKey").put("secure", "v1:AAAA"))).containsExactly(
                "platform:apiKey is a secret value: the platform takes no secrets from stack files (remove it with `pulumi config rm apiKey`; secrets are created by the platform or entered into the Secrets Manager secrets it creates) (Pulumi.dev.yaml)");
    }

    @Test
    void reportsEveryProblemOfAFileTogether() {
        assertThat(problems("production", c -> {
            object(c, "network").put("natGateways", "single").put("flowLogsEnabled", false);
            object(c, "cluster").put("kubernetesVersion", "1.9");
        })).hasSize(3);
    }

    @Test
    void failsOnABadServiceNamespaceAndThirdPartyKind() {
        assertThat(problems("dev", c -> ((ObjectNode) object(c, "services").get("order-service"))
                .put("namespace", "orders").putArray("thirdPartySecrets").add("stripe"))).containsExactly(
                "platform:services.order-service.namespace must be one of catalog-service, order-service, infrastructure, shared-services, got \"orders\" (Pulumi.dev.yaml)",
                "platform:services.order-service.thirdPartySecrets[0] must be one of email-service, maps-api, payment-gateway, sms-gateway, got \"stripe\" (Pulumi.dev.yaml)");
    }

    @Test
    void settingsExceptionSaysNothingWasDeclaredAndWhichFileToFix() {
        assertThatThrownBy(() -> Stacks.plan("dev", c -> c.put("platform:environment", "qa")))
                .hasMessage("The stack settings in Pulumi.dev.yaml are invalid (1 problem); nothing was declared. Fix Pulumi.dev.yaml:\n"
                        + "  - platform:environment must be one of dev, staging, production, got \"qa\" (Pulumi.dev.yaml)");
    }
    @Test
    void failsOnAZoneOfAnotherRegion() {
        assertThat(problems("dev", c -> ((ObjectNode) object(c, "network").get("zones")).set("us-west-2c",
                ((ObjectNode) object(c, "network").get("zones")).remove("us-east-2b")))).containsExactly(
                "platform:network.zones must be keyed by availability zones of us-east-2 (such as us-east-2a), got \"us-west-2c\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnTwoZonesInProduction() {
        assertThat(problems("production", c -> ((ObjectNode) object(c, "network").get("zones")).remove("us-east-1c")))
                .containsExactly("platform:network.zones must be 3 to 6 availability zones in production, got [\"us-east-1a\", \"us-east-1b\"] (Pulumi.production.yaml)");
    }

    @Test
    void failsOnASubnetOutsideTheVpcAndOnOverlappingSubnets() {
        assertThat(problems("staging", c -> {
            var zones = (ObjectNode) object(c, "network").get("zones");
            ((ObjectNode) zones.get("us-east-1a")).put("public", "10.99.0.0/22");
            ((ObjectNode) zones.get("us-east-1b")).put("private", "10.20.32.0/19");
        })).containsExactly(
                "platform:network.zones.us-east-1a.public must be inside the VPC block 10.20.0.0/16, got \"10.99.0.0/22\" (Pulumi.staging.yaml)",
                "platform:network.zones.us-east-1b.private must be a block that does not overlap platform:network.zones.us-east-1a.private (10.20.32.0/19), got \"10.20.32.0/19\" (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnMalformedAndWrongSizedCidrs() {
        assertThat(problems("dev", c -> {
            object(c, "network").put("vpcCidr", "10.10.0.1/16");
            ((ObjectNode) ((ObjectNode) object(c, "network").get("zones")).get("us-east-2a")).put("private", "10.10.32.0/24");
        })).containsExactly(
                "platform:network.vpcCidr must be an IPv4 CIDR block from /16 to /24, such as 10.20.0.0/16, got \"10.10.0.1/16\" (Pulumi.dev.yaml)",
                "platform:network.zones.us-east-2a.private must be an IPv4 CIDR block from /16 to /22 inside the VPC (pods take VPC addresses), got \"10.10.32.0/24\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnASingleNatGatewayOrNoFlowLogsInProduction() {
        assertThat(problems("production", c -> object(c, "network").put("natGateways", "single").put("flowLogsEnabled", false)))
                .containsExactly(
                        "platform:network.natGateways must be perZone in production (a zone outage must not cut egress), got \"single\" (Pulumi.production.yaml)",
                        "platform:network.flowLogsEnabled must be true in production, got false (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAFlowLogRetentionCloudWatchDoesNotAccept() {
        assertThat(problems("staging", c -> object(c, "network").put("flowLogRetentionDays", 45))).containsExactly(
                "platform:network.flowLogRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 45 (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnAPublicEndpointOpenToTheWorldInProduction() {
        assertThat(problems("production", c -> object(c, "cluster").putArray("publicAccessCidrs").add("0.0.0.0/0")))
                .containsExactly("platform:cluster.publicAccessCidrs[0] must be a block no wider than /8 in production (the API is private; list only operator and CI ranges), got \"0.0.0.0/0\" (Pulumi.production.yaml)");
    }

    @Test
    void failsOnSpotNodesOutsideDevAndTooFewNodesInProduction() {
        assertThat(problems("production", c -> ((ObjectNode) object(c, "cluster").with("nodeGroups").get("general"))
                .put("capacityType", "SPOT").put("minSize", 2))).containsExactly(
                "platform:cluster.nodeGroups.general.capacityType must be ON_DEMAND in production (spot capacity is for dev only), got \"SPOT\" (Pulumi.production.yaml)",
                "platform:cluster.nodeGroups.general.minSize must be a whole number from 3 to 100, got 2 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnInconsistentNodeGroupSizes() {
        assertThat(problems("staging", c -> ((ObjectNode) object(c, "cluster").with("nodeGroups").get("general"))
                .put("maxSize", 6).put("desiredSize", 9).put("maxUnavailable", 4))).containsExactly(
                "platform:cluster.nodeGroups.general.desiredSize must be from minSize to maxSize (3 to 6), got 9 (Pulumi.staging.yaml)",
                "platform:cluster.nodeGroups.general.maxUnavailable must be at most half of maxSize (3), so that a rolling update keeps capacity, got 4 (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnABadKubernetesVersionAdminRoleAndInstanceType() {
        assertThat(problems("dev", c -> {
            object(c, "cluster").put("kubernetesVersion", "1.31.2").putArray("adminRoleArns").add("platform-admin");
            ((ObjectNode) object(c, "cluster").with("nodeGroups").get("general")).putArray("instanceTypes").add("large");
        })).containsExactly(
                "platform:cluster.kubernetesVersion must be a Kubernetes minor version written as a string such as \"1.36\", got \"1.31.2\" (Pulumi.dev.yaml)",
                "platform:cluster.adminRoleArns[0] must be an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admin, got \"platform-admin\" (Pulumi.dev.yaml)",
                "platform:cluster.nodeGroups.general.instanceTypes[0] must be an EC2 instance type such as m6i.large, got \"large\" (Pulumi.dev.yaml)",
                "platform:cluster.nodeGroups.general.instanceTypes must be at least one EC2 instance type such as m6i.large, got [] (Pulumi.dev.yaml)");
    }
}
