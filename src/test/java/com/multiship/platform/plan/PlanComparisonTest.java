package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Comparisons of real plans: production against production with an edited stack file. */
class PlanComparisonTest {
    private static Plan production;

    @BeforeAll
    static void base() {
        production = Stacks.plan("production");
    }

    @Test
    void identicalPlansHaveNoChanges() {
        var comparison = PlanComparison.compare(production, Stacks.plan("production"));
        assertThat(comparison.isEmpty()).isTrue();
        assertThat(comparison.dangers()).isEmpty();
        assertThat(comparison.traffic().changed()).isFalse();
    }

    @Test
    void previewPlansOfOneCommitHaveNoChangesAndAnUnknownValueReadsAsKnownAfterApply() throws Exception {
        var preview = Stacks.previewPlan("production");
        assertThat(PlanComparison.compare(preview, Stacks.previewPlan("production")).isEmpty()).isTrue();
        // The parameter group's name is computed by Terraform from the prefix: unknown before the first up.
        assertThat(preview.resource("aws:rds/instance:Instance", "database-instance").input("parameterGroupName").asText())
                .isEqualTo(PlanMocks.UNKNOWN);
        // A base where it was known (a hand-written name), against the preview where it is not.
        var edited = (com.fasterxml.jackson.databind.node.ObjectNode) Plan.JSON.readTree(preview.toJson());
        for (var resource : edited.withArray("resources")) {
            if (resource.path("name").asText().equals("database-instance")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) resource.get("inputs")).put("parameterGroupName", "hand-written");
            }
        }
        var comparison = PlanComparison.compare(Plan.JSON.treeToValue(edited, Plan.class), preview);
        var report = PlanReport.render(java.util.List.of(comparison), 25, false);
        assertThat(report).contains("inputs.parameterGroupName: (known after apply)")
                .doesNotContain(PlanMocks.UNKNOWN);
    }

    @Test
    void aNodeGroupInstanceTypeChangeIsAStatefulReplacement() {
        var head = Stacks.plan("production", cfg -> ((ArrayNode) Stacks.object(cfg, "cluster").with("nodeGroups")
                .with("general").withArray("instanceTypes")).removeAll().add("m6i.2xlarge"));
        var comparison = PlanComparison.compare(production, head);
        assertThat(comparison.added()).isEmpty();
        assertThat(comparison.removed()).isEmpty();
        assertThat(comparison.changed()).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo("aws:eks/nodeGroup:NodeGroup");
            assertThat(change.name()).isEqualTo("cluster-nodes-general");
            assertThat(change.stateful()).isTrue();
            assertThat(change.replacingPaths()).containsExactly("instanceTypes");
            assertThat(change.changes()).singleElement().satisfies(input -> {
                assertThat(input.path()).isEqualTo("inputs.instanceTypes[0]");
                assertThat(input.before().asText()).isEqualTo("m6i.xlarge");
                assertThat(input.after().asText()).isEqualTo("m6i.2xlarge");
            });
        });
        assertThat(comparison.dangers()).containsExactly("stateful resource REPLACED: aws:eks/nodeGroup:NodeGroup"
                + " cluster-nodes-general (instanceTypes forces a replacement)");
    }

    @Test
    void aControlPlaneLogRetentionChangeTouchesOnlyTheLogGroupAndRaisesNoFlag() {
        var head = Stacks.plan("production", cfg -> Stacks.object(cfg, "cluster").put("logRetentionDays", 731));
        var comparison = PlanComparison.compare(production, head);
        assertThat(comparison.changed()).singleElement().satisfies(change -> {
            assertThat(change.type()).isEqualTo("aws:cloudwatch/logGroup:LogGroup");
            assertThat(change.changes()).extracting(PlanComparison.InputChange::path).containsExactly("inputs.retentionInDays");
            assertThat(change.changes().get(0).before().asInt()).isEqualTo(365);
            assertThat(change.changes().get(0).after().asInt()).isEqualTo(731);
            assertThat(change.forcesReplacement()).isFalse();
        });
        assertThat(comparison.dangers()).isEmpty();
    }

    @Test
    void aFlowLogRetentionChangeIsAnInPlaceUpdateOfItsLogGroup() {
        var head = Stacks.plan("production", cfg -> Stacks.object(cfg, "network").put("flowLogRetentionDays", 400));
        var comparison = PlanComparison.compare(production, head);
        assertThat(comparison.changed()).isNotEmpty().allSatisfy(change -> {
            assertThat(change.type()).isEqualTo("aws:cloudwatch/logGroup:LogGroup");
            assertThat(change.forcesReplacement()).isFalse();
        });
        assertThat(comparison.dangers()).isEmpty();
    }

    @Test
    void aKubernetesVersionChangeIsAStatefulInPlaceUpdateOfTheCluster() {
        // 1.35: production accepts only versions under EKS standard support
        var head = Stacks.plan("production", cfg -> Stacks.object(cfg, "cluster").put("kubernetesVersion", "1.35"));
        var comparison = PlanComparison.compare(production, head);
        var eks = comparison.changed().stream().filter(c -> c.type().equals("aws:eks/cluster:Cluster")).findFirst().orElseThrow();
        assertThat(eks.forcesReplacement()).isFalse();
        assertThat(eks.changes()).extracting(PlanComparison.InputChange::path).contains("inputs.version");
        assertThat(comparison.dangers()).contains("stateful resource changed: aws:eks/cluster:Cluster cluster-eks (inputs.version)");
    }

    @Test
    void aRemovedNodeGroupIsAStatefulRemoval() {
        var base = Stacks.plan("production", cfg -> Stacks.object(cfg, "cluster").with("nodeGroups").set("batch",
                Stacks.object(cfg, "cluster").with("nodeGroups").get("general").deepCopy()));
        var comparison = PlanComparison.compare(base, production);
        assertThat(comparison.removed()).extracting(PlannedResource::name).contains("cluster-nodes-batch");
        // node groups are not protected (a protected group could not be replaced): the removal is flagged, and it works
        assertThat(comparison.dangers()).contains("stateful resource removed: aws:eks/nodeGroup:NodeGroup cluster-nodes-batch");
    }

    @Test
    void anApiHostChangeRenewsTheApiCertificateAndUpdatesTheGatewayAndTheApiRoute() {
        var host = PlanComparison.compare(production, Stacks.plan("production",
                cfg -> Stacks.object(cfg, "mesh").put("apiHost", "api2.multiship.com")));
        // a new name needs a new ACM certificate (and its validation); the NLB listener takes its ARN in place
        assertThat(host.changed()).extracting(PlanComparison.ResourceChange::name)
                .containsExactlyInAnyOrder("mesh-api-gateway", "release-api-gateway-virtual-service", "api-domain-certificate",
                        "api-domain-certificate-validation", "api-domain-validation-record");
        assertThat(host.dangers()).allMatch(danger -> danger.contains("api-domain"));
    }

    @Test
    void pointersBecomeReadablePaths() {
        assertThat(PlanComparison.dotted("/vpcConfig/subnetIds/0")).isEqualTo("vpcConfig.subnetIds[0]");
        assertThat(PlanComparison.dotted("/values/service/annotations/service.beta.kubernetes.io~1aws-load-balancer-type"))
                .isEqualTo("values.service.annotations[\"service.beta.kubernetes.io/aws-load-balancer-type\"]");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode orderRelease(com.fasterxml.jackson.databind.node.ObjectNode cfg) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) Stacks.object(cfg, "services").get("order-service").get("release");
    }

    @Test
    void aCanaryStepTouchesOnlyTheVirtualServiceAndRaisesNoFlag() {
        var step = PlanComparison.compare(production, Stacks.plan("production", cfg -> orderRelease(cfg).put("canaryWeight", 25)));
        assertThat(step.changed()).extracting(PlanComparison.ResourceChange::name)
                .containsExactly("release-order-service-virtual-service");
        assertThat(step.added()).isEmpty();
        assertThat(step.removed()).isEmpty();
        assertThat(step.dangers()).isEmpty();
        assertThat(step.liveColourChanges()).isEmpty();
        assertThat(step.stepWarnings(25)).isEmpty();
    }

    @Test
    void aStatefulChangeSlippedIntoAWeightStepIsFlagged() {
        var step = PlanComparison.compare(production, Stacks.plan("production", cfg -> {
            orderRelease(cfg).put("canaryWeight", 25);
            Stacks.object(cfg, "database").put("instanceClass", "db.r6g.2xlarge");
        }));
        assertThat(step.dangers()).anySatisfy(d -> assertThat(d)
                .startsWith("stateful resource changed: aws:rds/instance:Instance database-instance"));
    }

    @Test
    void aLiveColourChangeSlippedIntoAWeightStepIsFlagged() {
        // blue is stable and serves 90 %: a new blue image in the same change as the step restarts it under load
        var step = PlanComparison.compare(production, Stacks.plan("production", cfg -> {
            orderRelease(cfg).put("canaryWeight", 25);
            ((com.fasterxml.jackson.databind.node.ObjectNode) orderRelease(cfg).get("blue")).put("image", "v2.1.1");
        }));
        assertThat(step.liveColourChanges()).containsExactly("live colour changed: order-service blue served 90% of its"
                + " traffic before this change; Deployment release-order-service-blue restarts its pods under load");
    }

    @Test
    void aNewImageOnTheIdleColourIsNoLiveChange() {
        // green serves 10 % here; a fully idle colour is one with weight 0 outside the header route
        var idle = Stacks.plan("staging");
        var step = PlanComparison.compare(idle, Stacks.plan("staging", cfg -> {
            var release = (com.fasterxml.jackson.databind.node.ObjectNode) Stacks.object(cfg, "services").get("auth-service").get("release");
            release.putObject("green").put("image", "v1.13.0");
        }));
        assertThat(step.liveColourChanges()).isEmpty();
        assertThat(step.added()).extracting(PlannedResource::name).contains("release-auth-service-green");
    }

    @Test
    void changingOnlyTheStableColourAtWeightHundredIsCaughtAsAFullStep() {
        // green carries 100 %; "stable: green" alone (canaryWeight still 100) would send everything back to blue
        var atHundred = Stacks.plan("production", cfg -> orderRelease(cfg).put("canaryWeight", 100));
        var wrong = PlanComparison.compare(atHundred, Stacks.plan("production", cfg -> orderRelease(cfg)
                .put("canaryWeight", 100).put("stable", "green")));
        assertThat(wrong.stepWarnings(25)).contains(
                "weight step of 100 points exceeds the maximum of 25: order-service route weighted subset blue 0 -> 100");
        var right = PlanComparison.compare(atHundred, Stacks.plan("production", cfg -> orderRelease(cfg)
                .put("canaryWeight", 0).put("stable", "green")));
        assertThat(right.stepWarnings(25)).isEmpty();
    }
}
