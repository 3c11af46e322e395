package com.multiship.platform.cluster;

import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterTest {
    private static final String EKS = "aws:eks/cluster:Cluster";
    private static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    private static final String SUBNET = "aws:ec2/subnet:Subnet";

    @Test
    void productionApiIsPrivateOnly() {
        var cluster = Stacks.plan("production").resource(EKS, "cluster-eks");
        assertThat(cluster.input("vpcConfig.endpointPrivateAccess").asBoolean()).isTrue();
        assertThat(cluster.input("vpcConfig.endpointPublicAccess").asBoolean()).isFalse();
        // unset, not an empty list: AWS reports 0.0.0.0/0 for a disabled public endpoint, so [] would drift
        assertThat(cluster.input("vpcConfig.publicAccessCidrs").isMissingNode()).isTrue();
    }

    @Test
    void theApiIsPublicOnlyForTheListedCidrs() {
        var plan = Stacks.plan("dev", c -> Stacks.object(c, "cluster").putArray("publicAccessCidrs").add("81.2.69.160/27"));
        var cluster = plan.resource(EKS, "cluster-eks");
        assertThat(cluster.input("vpcConfig.endpointPrivateAccess").asBoolean()).isTrue();
        assertThat(cluster.input("vpcConfig.endpointPublicAccess").asBoolean()).isTrue();
        assertThat(cluster.input("vpcConfig.publicAccessCidrs").toString()).isEqualTo("[\"81.2.69.160/27\"]");
        assertThat(cluster.input("vpcConfig.subnetIds").toString())
                .isEqualTo("[\"" + plan.output(SUBNET, "network-subnet-private-us-east-2a", "id") + "\",\""
                        + plan.output(SUBNET, "network-subnet-private-us-east-2b", "id") + "\"]");
    }

    @Test
    void secretsAreEnvelopeEncryptedWithARotatingKey() {
        var plan = Stacks.plan("staging");
        var cluster = plan.resource(EKS, "cluster-eks");
        assertThat(cluster.input("encryptionConfig.resources").toString()).isEqualTo("[\"secrets\"]");
        assertThat(cluster.input("encryptionConfig.provider.keyArn").asText())
                .isEqualTo(plan.output("aws:kms/key:Key", "cluster-secrets-key", "arn"));
        assertThat(plan.resource("aws:kms/key:Key", "cluster-secrets-key").input("enableKeyRotation").asBoolean()).isTrue();
    }

    @Test
    void controlPlaneLogsGoToAGroupWithTheStacksRetention() {
        var plan = Stacks.plan("staging");
        var cluster = plan.resource(EKS, "cluster-eks");
        assertThat(cluster.input("enabledClusterLogTypes").toString()).isEqualTo("[\"api\",\"audit\",\"authenticator\"]");
        assertThat(cluster.input("version").asText()).isEqualTo("1.36");
        var logs = plan.resource("aws:cloudwatch/logGroup:LogGroup", "cluster-control-plane-logs");
        assertThat(logs.input("name").asText()).isEqualTo("/aws/eks/multiship-staging/cluster");
        assertThat(logs.input("retentionInDays").asInt()).isEqualTo(30);
        assertThat(cluster.dependencies()).contains(logs.urn());
    }

    @Test
    void nodeGroupsFollowTheStackFileAndLeaveTheRunningSizeToTheAutoscaler() {
        var dev = Stacks.plan("dev").resource(NODE_GROUP, "cluster-nodes-general");
        assertThat(dev.input("capacityType").asText()).isEqualTo("SPOT");
        assertThat(dev.input("instanceTypes").toString()).isEqualTo("[\"t3.large\",\"t3a.large\"]");
        var production = Stacks.plan("production").resource(NODE_GROUP, "cluster-nodes-general");
        assertThat(production.input("capacityType").asText()).isEqualTo("ON_DEMAND");
        assertThat(production.input("scalingConfig.minSize").asInt()).isEqualTo(3);
        assertThat(production.input("scalingConfig.maxSize").asInt()).isEqualTo(9);
        assertThat(production.input("updateConfig.maxUnavailable").asInt()).isEqualTo(1);
        assertThat(production.input("subnetIds")).hasSize(3);
        assertThat(production.ignoreChanges()).containsExactly("scalingConfig.desiredSize");
    }

    @Test
    void managedAddOnsIncludeNetworkPolicyEnforcementAndTheEbsDriverWithItsOwnRole() {
        var plan = Stacks.plan("production");
        assertThat(plan.ofType("aws:eks/addon:Addon")).extracting(r -> r.input("addonName").asText())
                .containsExactlyInAnyOrder("vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver", "metrics-server");
        assertThat(plan.resource("aws:eks/addon:Addon", "cluster-addon-vpc-cni").input("configurationValues").asText())
                .isEqualTo("{\"enableNetworkPolicy\":\"true\"}");
        assertThat(plan.resource("aws:eks/addon:Addon", "cluster-addon-aws-ebs-csi-driver").input("serviceAccountRoleArn").asText())
                .isEqualTo(plan.output("aws:iam/role:Role", "cluster-ebs-csi-role", "arn"));
        var issuer = plan.output(EKS, "cluster-eks", "identities.0.oidcs.0.issuer").replaceFirst("^https://", "");
        assertThat(plan.resource("aws:iam/role:Role", "cluster-ebs-csi-role").input("assumeRolePolicy").asText())
                .contains("\"" + issuer + ":sub\":\"system:serviceaccount:kube-system:ebs-csi-controller-sa\"")
                .contains("\"Federated\":\"" + plan.output("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-oidc", "arn") + "\"")
                .contains("sts:AssumeRoleWithWebIdentity");
    }

    @Test
    void anOidcProviderServesServiceAccountRoles() {
        var plan = Stacks.plan("dev");
        var oidc = plan.resource("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-oidc");
        assertThat(oidc.input("url").asText()).isEqualTo(plan.output(EKS, "cluster-eks", "identities.0.oidcs.0.issuer"));
        assertThat(oidc.input("clientIdLists").toString()).isEqualTo("[\"sts.amazonaws.com\"]");
    }

    @Test
    void adminRolesGetClusterAdminThroughAccessEntries() {
        var plan = Stacks.plan("production");
        assertThat(plan.ofType("aws:eks/accessEntry:AccessEntry")).extracting(r -> r.input("principalArn").asText())
                .containsExactlyInAnyOrder("arn:aws:iam::777788889999:role/platform-deployer",
                        "arn:aws:iam::777788889999:role/platform-admin", "arn:aws:iam::777788889999:role/break-glass");
        var association = plan.resource("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "cluster-access-break-glass-admin");
        assertThat(association.input("policyArn").asText()).isEqualTo("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy");
        assertThat(association.input("accessScope.type").asText()).isEqualTo("cluster");
        assertThat(plan.resource(EKS, "cluster-eks").input("accessConfig.authenticationMode").asText()).isEqualTo("API");
    }

    @Test
    void productionProtectsTheClusterAndItsKeyButNotItsReplaceableNodesAndDevNothing() {
        var production = Stacks.plan("production");
        assertThat(production.resource(EKS, "cluster-eks").protect()).isTrue();
        assertThat(production.resource(NODE_GROUP, "cluster-nodes-general").protect()).isFalse();
        assertThat(production.resource("aws:kms/key:Key", "cluster-secrets-key").protect()).isTrue();
        var dev = Stacks.plan("dev");
        assertThat(dev.ofType(EKS).get(0).protect()).isFalse();
        assertThat(dev.ofType(NODE_GROUP)).noneMatch(PlannedResource::protect);
    }

    @Test
    void theKubernetesProviderUsesASecretKubeconfigAndWaitsForNodes() {
        var plan = Stacks.plan("staging");
        var provider = plan.resource("pulumi:providers:kubernetes", "cluster-k8s");
        assertThat(provider.input("kubeconfig").asText()).isEqualTo("[secret]");
        assertThat(provider.dependencies()).contains(plan.resource(NODE_GROUP, "cluster-nodes-general").urn(),
                plan.resource("aws:eks/addon:Addon", "cluster-addon-coredns").urn());
    }

    @Test
    void kubeconfigAuthenticatesThroughAwsEksGetToken() {
        var kubeconfig = Kubeconfig.render("multiship-dev", "https://example", "Q0E=", "us-east-2");
        assertThat(kubeconfig).contains("\"command\":\"aws\"")
                .contains("[\"eks\",\"get-token\",\"--cluster-name\",\"multiship-dev\",\"--region\",\"us-east-2\",\"--output\",\"json\"]")
                .contains("\"certificate-authority-data\":\"Q0E=\"")
                .doesNotContain("token\":");
    }

    @Test
    void serviceCidrIsExplicitSoThatNetworkPoliciesCanNameTheApiClusterIp() {
        for (var stack : Stacks.ALL) {
            var eks = Stacks.plan(stack).resource("aws:eks/cluster:Cluster", "cluster-eks");
            assertThat(eks.input("kubernetesNetworkConfig.serviceIpv4Cidr").asText()).as(stack).isEqualTo("172.20.0.0/16");
            assertThat(eks.input("kubernetesNetworkConfig.ipFamily").asText()).as(stack).isEqualTo("ipv4");
        }
    }

    @Test
    void metricsServerIsTheEksCommunityAddOnSoThatAutoscalersScale() {
        var plan = Stacks.plan("production");
        var addon = plan.resource("aws:eks/addon:Addon", "cluster-addon-metrics-server");
        assertThat(addon.input("addonName").asText()).isEqualTo("metrics-server");
        // on nodes: its Deployment needs somewhere to run before the Kubernetes provider reports the cluster ready
        assertThat(plan.resource("pulumi:providers:kubernetes", "cluster-k8s").dependencies()).contains(addon.urn());
    }
}
