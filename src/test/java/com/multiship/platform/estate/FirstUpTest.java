package com.multiship.platform.estate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;

import static com.multiship.platform.testing.Stacks.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the first {@code pulumi up} of a stack on an empty account needs (issue 12, items 1, 2, 3, 4, 10, 11, 16), checked
 * on the plans of the real stack files: each test fails on the code before its fix.
 */
class FirstUpTest {
    private static final String EKS = "aws:eks/cluster:Cluster";
    private static final String INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private static final String RDS = "aws:rds/instance:Instance";

    // Item 1: CreateAlias refuses a name that exists in the account and region.
    @Test
    void kmsAliasesAreUniqueInEachRegionOfEveryStack() {
        for (var stack : Stacks.ALL) {
            var seen = new HashMap<String, String>();
            for (var alias : Stacks.plan(stack).ofType("aws:kms/alias:Alias")) {
                var key = alias.provider() + " " + alias.input("name").asText();
                assertThat(seen.put(key, alias.name())).as("%s: alias %s of %s", stack, key, alias.name()).isNull();
            }
        }
    }

    // Item 2: the newest EKS version under standard support on 2026-12-02 (1.36, EKS release 2026-06-02).
    @Test
    void everyStackRunsTheNewestEksVersionUnderStandardSupport() {
        for (var stack : Stacks.ALL) {
            assertThat(Stacks.plan(stack).resource(EKS, "cluster-eks").input("version").asText()).as(stack).isEqualTo("1.36");
        }
    }

    @Test
    void failsOnAnEksVersionEksNoLongerCreatesClustersOn() {
        assertThat(Stacks.problems("dev", cluster(c -> c.put("kubernetesVersion", "1.31")))).containsExactly(
                "platform:cluster.kubernetesVersion must be one of 1.32, 1.33, 1.34, 1.35, 1.36 (the versions EKS creates"
                        + " clusters on, from eks:DescribeClusterVersions), got \"1.31\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnEksVersionOnExtendedSupportInProduction() {
        assertThat(Stacks.problems("production", cluster(c -> c.put("kubernetesVersion", "1.34")))).containsExactly(
                "platform:cluster.kubernetesVersion must be one of 1.35, 1.36 in production (versions under EKS standard"
                        + " support; extended support costs more and ends sooner), got \"1.34\" (Pulumi.production.yaml)");
    }

    // Item 3: a pinned minor that RDS upgrades would make the next `pulumi up` try a downgrade.
    @Test
    void theDatabaseNamesOnlyItsMajorVersionAndRdsAppliesTheMinors() {
        var plan = Stacks.plan("production");
        for (var name : List.of("database-instance", "database-replica")) {
            var instance = plan.resource(RDS, name);
            assertThat(instance.input("autoMinorVersionUpgrade").asBoolean()).as(name).isTrue();
        }
        assertThat(plan.resource(RDS, "database-instance").input("engineVersion").asText()).isEqualTo("17");
    }

    @Test
    void failsOnAPinnedPostgresMinorVersion() {
        assertThat(Stacks.problems("dev", database(d -> d.put("engineVersion", "16.4")))).containsExactly(
                "platform:database.engineVersion must be a PostgreSQL major version RDS offers, written as a string such as"
                        + " \"17\" (RDS applies the minor versions; a pinned minor would be downgraded at the next update),"
                        + " got \"16.4\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAPostgresMajorVersionRdsDoesNotOfferForNewInstances() {
        assertThat(Stacks.problems("dev", database(d -> d.put("engineVersion", "12")))).containsExactly(
                "platform:database.engineVersion must be one of 14, 15, 16, 17, 18 (PostgreSQL major versions under RDS"
                        + " standard support; an older one is created only into paid RDS Extended Support), got \"12\""
                        + " (Pulumi.dev.yaml)");
    }

    // Item 4: the private endpoint admits the deployer's network on 443.
    @Test
    void theDeployerSecurityGroupReachesThePrivateEndpointOn443() {
        var plan = Stacks.plan("production");
        var deployer = plan.resource("aws:ec2/securityGroup:SecurityGroup", "network-deployer-sg");
        var rule = plan.resource(INGRESS_RULE, "cluster-api-from-deployer-sg");
        assertThat(rule.input("securityGroupId").asText())
                .isEqualTo(plan.output("aws:eks/cluster:Cluster", "cluster-eks", "vpcConfig.clusterSecurityGroupId"));
        // the reference, not a literal: the rule's source is the deployer group the plan declares
        assertThat(rule.input("referencedSecurityGroupId").asText()).isNotEmpty();
        assertThat(rule.dependencies()).contains(deployer.urn());
        assertThat(rule.input("cidrIpv4").isMissingNode()).isTrue();
        assertThat(rule.input("fromPort").asInt()).isEqualTo(443);
        assertThat(rule.input("toPort").asInt()).isEqualTo(443);
        assertThat(rule.input("ipProtocol").asText()).isEqualTo("tcp");
    }

    @Test
    void eachDeployerNetworkGetsA443RuleOnTheClusterSecurityGroup() {
        var plan = Stacks.plan("production", cluster(c -> c.putArray("deployerCidrs").add("10.0.0.0/16")));
        var rule = plan.resource(INGRESS_RULE, "cluster-api-from-10.0.0.0-16");
        assertThat(rule.input("cidrIpv4").asText()).isEqualTo("10.0.0.0/16");
        assertThat(rule.input("securityGroupId").asText())
                .isEqualTo(plan.output("aws:eks/cluster:Cluster", "cluster-eks", "vpcConfig.clusterSecurityGroupId"));
        assertThat(rule.input("fromPort").asInt()).isEqualTo(443);
    }

    @Test
    void failsOnADocumentationRangeAsANetworkThatReachesTheClusterApi() {
        assertThat(Stacks.problems("staging", cluster(c -> c.putArray("publicAccessCidrs").add("203.0.113.0/24").add("198.51.100.0/24"))))
                .containsExactly(
                        "platform:cluster.publicAccessCidrs[0] must be a real network (203.0.113.0/24 is an RFC 5737 documentation"
                                + " range: put your office or VPN egress range here), got \"203.0.113.0/24\" (Pulumi.staging.yaml)",
                        "platform:cluster.publicAccessCidrs[1] must be a real network (198.51.100.0/24 is an RFC 5737 documentation"
                                + " range: put your office or VPN egress range here), got \"198.51.100.0/24\" (Pulumi.staging.yaml)");
    }

    // Item 10: no implicit admin; the deployer's access is in code.
    @Test
    void theClusterCreatorGetsNoHiddenAdminAndTheDeployerAnExplicitAccessEntry() {
        var plan = Stacks.plan("production");
        assertThat(plan.resource(EKS, "cluster-eks").input("accessConfig.bootstrapClusterCreatorAdminPermissions").asBoolean(true))
                .isFalse();
        var entry = plan.resource("aws:eks/accessEntry:AccessEntry", "cluster-access-platform-deployer");
        assertThat(entry.input("principalArn").asText()).isEqualTo("arn:aws:iam::777788889999:role/platform-deployer");
        var admin = plan.resource("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "cluster-access-platform-deployer-admin");
        assertThat(admin.input("policyArn").asText()).isEqualTo("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assertThat(plan.resource("pulumi:providers:kubernetes", "cluster-k8s").dependencies()).contains(admin.urn());
    }

    @Test
    void flowLogsAndDatabaseMonitoringRolesTrustTheirServiceOnlyForThisAccount() {
        var plan = Stacks.plan("production");
        var flowLogs = plan.resource("aws:iam/role:Role", "network-flow-logs-role").input("assumeRolePolicy").asText();
        assertThat(flowLogs).contains("\"aws:SourceAccount\":\"123456789012\"")
                .contains("\"aws:SourceArn\":\"arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*\"");
        var monitoring = plan.resource("aws:iam/role:Role", "database-monitoring-role").input("assumeRolePolicy").asText();
        assertThat(monitoring).contains("\"aws:SourceAccount\":\"123456789012\"")
                .contains("\"aws:SourceArn\":\"arn:aws:rds:us-east-1:123456789012:db:multiship-production*\"");
    }

    // Item 11: a protected resource cannot be replaced; a fixed name cannot be created before the old one is deleted.
    @Test
    void productionNodeGroupsCanBeReplacedCreateBeforeDelete() {
        var group = Stacks.plan("production").resource("aws:eks/nodeGroup:NodeGroup", "cluster-nodes-general");
        assertThat(group.protect()).isFalse();
        assertThat(group.deleteBeforeReplace()).isFalse();
        assertThat(group.input("nodeGroupNamePrefix").asText()).isEqualTo("multiship-production-general-");
    }

    // Item 2: the upgrade path: node groups follow the control plane's version in the same update.
    @Test
    void nodeGroupsFollowTheControlPlaneVersion() {
        var plan = Stacks.plan("staging");
        var cluster = plan.resource(EKS, "cluster-eks");
        var group = plan.resource("aws:eks/nodeGroup:NodeGroup", "cluster-nodes-general");
        assertThat(group.input("version").asText()).isEqualTo(cluster.input("version").asText());
        assertThat(group.dependencies()).contains(cluster.urn());
    }

    @Test
    void theDatabaseSecurityGroupIsNamedByPrefixSoAReplacementCanComeUpFirst() {
        var group = Stacks.plan("production").resource("aws:ec2/securityGroup:SecurityGroup", "database-sg");
        assertThat(group.input("name").isMissingNode()).isTrue();
        assertThat(group.input("namePrefix").asText()).isEqualTo("multiship-production-database-");
        assertThat(group.deleteBeforeReplace()).isFalse();
    }

    // Item 16
    @Test
    void failsOnRegionsThatDoNotExist() {
        assertThat(Stacks.problems("production", c -> object(c, "database").put("recoveryRegion", "us-west-9"))).containsExactly(
                "platform:database.recoveryRegion must be an AWS region (see config/AwsRegions), such as us-west-2, got"
                        + " \"us-west-9\" (Pulumi.production.yaml)");
        assertThat(Stacks.problems("dev", c -> c.put("aws:region", "eu-north-9"))).contains(
                "aws:region must be an AWS region (see config/AwsRegions), such as us-east-1, got \"eu-north-9\" (Pulumi.dev.yaml)");
    }

    private static Consumer<ObjectNode> cluster(Consumer<ObjectNode> edit) {
        return c -> edit.accept(object(c, "cluster"));
    }

    private static Consumer<ObjectNode> database(Consumer<ObjectNode> edit) {
        return c -> edit.accept(object(c, "database"));
    }

    @SuppressWarnings("unused")
    private static PlannedResource only(Plan plan, String type) {
        return plan.ofType(type).get(0);
    }
}
