package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-made plans: one service's VirtualService and its two colours' Deployments. */
class TrafficTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VS = "kubernetes:networking.istio.io/v1:VirtualService";
    private static final String PREFIX = "urn:pulumi:production::platform::pulumi:pulumi:Stack$platform:traffic:Release$";

    @Test
    void aCanaryStepChangesOnlyTheVirtualServiceAndShowsTheWeights() {
        var base = plan(virtualService(90, 10), deployment("blue", "v2.1.0"), deployment("green", "v2.2.0"));
        var head = plan(virtualService(75, 25), deployment("blue", "v2.1.0"), deployment("green", "v2.2.0"));
        var comparison = PlanComparison.compare(base, head);
        assertThat(comparison.changed()).extracting(PlanComparison.ResourceChange::type).containsExactly(VS);
        assertThat(comparison.changed().get(0).changes()).extracting(PlanComparison.InputChange::path)
                .containsExactlyInAnyOrder("inputs.spec.http[1].route[0].weight", "inputs.spec.http[1].route[1].weight");
        assertThat(comparison.dangers()).isEmpty();
        assertThat(comparison.traffic().rows()).contains(
                new TrafficTable.Row("order-service", "primary", "blue", 90, 75, "registry/order-service:v2.1.0", "registry/order-service:v2.1.0", false),
                new TrafficTable.Row("order-service", "primary", "green", 10, 25, "registry/order-service:v2.2.0", "registry/order-service:v2.2.0", false),
                new TrafficTable.Row("order-service", "canary-header", "green", 100, 100, "registry/order-service:v2.2.0", "registry/order-service:v2.2.0", true));
        assertThat(comparison.stepWarnings(25)).isEmpty();
    }

    @Test
    void warnsWhenAStepExceedsTheProductionMaximum() {
        var comparison = PlanComparison.compare(plan(virtualService(90, 10)), plan(virtualService(50, 50)));
        assertThat(comparison.stepWarnings(25)).containsExactly(
                "weight step of 40 points exceeds the maximum of 25: order-service route primary subset blue 90 -> 50",
                "weight step of 40 points exceeds the maximum of 25: order-service route primary subset green 10 -> 50");
        assertThat(comparison.stepWarnings(40)).isEmpty();
    }

    @Test
    void aNewImageOnTheIdleColourChangesOnlyThatDeploymentAndShowsInTheTable() {
        var base = plan(virtualService(100, 0), deployment("blue", "v2.1.0"), deployment("green", "v2.1.0"));
        var head = plan(virtualService(100, 0), deployment("blue", "v2.1.0"), deployment("green", "v2.2.0"));
        var comparison = PlanComparison.compare(base, head);
        assertThat(comparison.changed()).extracting(PlanComparison.ResourceChange::name).containsExactly("order-service-green");
        assertThat(comparison.changed().get(0).forcesReplacement()).isFalse();
        assertThat(comparison.traffic().rows()).contains(new TrafficTable.Row("order-service", "primary", "green", 0, 0,
                "registry/order-service:v2.1.0", "registry/order-service:v2.2.0", false));
    }

    @Test
    void aSelectorChangeSlippedIntoAWeightStepIsFlaggedAsAReplacement() {
        var base = plan(virtualService(90, 10), deployment("blue", "v2.1.0"));
        var selectorChanged = deployment("blue", "v2.1.0");
        ((com.fasterxml.jackson.databind.node.ObjectNode) selectorChanged.inputs().at("/spec/selector/matchLabels")).put("tier", "api");
        var comparison = PlanComparison.compare(base, plan(virtualService(75, 25), selectorChanged));
        assertThat(comparison.dangers()).containsExactly("replacement: kubernetes:apps/v1:Deployment order-service-blue"
                + " (spec.selector forces a replacement)");
    }

    @Test
    void aProtectOptionChangeCounts() {
        var protectedDeployment = deployment("blue", "v2.1.0");
        var unprotected = new PlannedResource(protectedDeployment.urn(), protectedDeployment.type(), protectedDeployment.name(),
                true, null, null, protectedDeployment.inputs(), false, false, false, List.of(), List.of(), List.of(), List.of());
        var withProtect = new PlannedResource(protectedDeployment.urn(), protectedDeployment.type(), protectedDeployment.name(),
                true, null, null, protectedDeployment.inputs(), true, false, false, List.of(), List.of(), List.of(), List.of());
        var comparison = PlanComparison.compare(plan(withProtect), plan(unprotected));
        assertThat(comparison.changed().get(0).changes()).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("options.protect");
            assertThat(change.before().asBoolean()).isTrue();
            assertThat(change.after().asBoolean()).isFalse();
        });
    }

    @Test
    void theCliPrintsMarkdownAndExitsThreeOnDangerOnlyWhenAsked(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var base = dir.resolve("base.json");
        var head = dir.resolve("head.json");
        plan(virtualService(90, 10)).write(base);
        plan(virtualService(50, 50)).write(head);
        var out = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            assertThat(PlanDiff.run(base.toString(), head.toString(), "--max-step", "25", "--markdown")).isEqualTo(0);
            assertThat(PlanDiff.run(base.toString(), head.toString(), "--max-step", "25", "--fail-on-danger")).isEqualTo(3);
            assertThat(PlanDiff.run(base.toString(), base.toString(), "--max-step", "25", "--fail-on-danger")).isEqualTo(0);
            assertThat(PlanDiff.run(base.toString())).isEqualTo(2);
            assertThat(PlanDiff.run(base.toString(), dir.resolve("missing.json").toString())).isEqualTo(2);
            assertThat(PlanDiff.run(base.toString(), head.toString(), "--max-step", "abc")).isEqualTo(2);
        } finally {
            System.setOut(original);
        }
        var report = out.toString();
        assertThat(report).contains("### Stack `production`: 1 changed, 0 added, 0 removed");
        assertThat(report).contains("> - weight step of 40 points exceeds the maximum of 25: order-service route primary subset blue 90 -> 50");
        assertThat(report).contains("| order-service | primary | green | 10 -> 50 | - |");
        assertThat(Files.exists(base)).isTrue();
    }

    private static Plan plan(PlannedResource... resources) {
        return new Plan("platform", "production", new ArrayList<>(List.of(resources)), JSON.createObjectNode());
    }

    private static PlannedResource virtualService(int blue, int green) {
        var spec = json("""
                {"hosts": ["order-service.order-service.svc.cluster.local"], "gateways": ["istio-ingress/api-gateway", "mesh"],
                 "http": [
                   {"name": "canary-header", "match": [{"headers": {"canary": {"exact": "true"}}}],
                    "route": [{"destination": {"host": "order-service.order-service.svc.cluster.local", "subset": "green"}}]},
                   {"name": "primary", "route": [
                     {"destination": {"host": "order-service.order-service.svc.cluster.local", "subset": "blue"}, "weight": %d},
                     {"destination": {"host": "order-service.order-service.svc.cluster.local", "subset": "green"}, "weight": %d}]}]}
                """.formatted(blue, green));
        var inputs = JSON.createObjectNode().put("apiVersion", "networking.istio.io/v1").put("kind", "VirtualService");
        inputs.set("metadata", json("{\"name\": \"order-service\", \"namespace\": \"order-service\"}"));
        inputs.set("spec", spec);
        return resource(VS, "order-service-routes", inputs);
    }

    private static PlannedResource deployment(String colour, String tag) {
        var inputs = json("""
                {"apiVersion": "apps/v1", "kind": "Deployment",
                 "metadata": {"name": "order-service-%1$s", "namespace": "order-service"},
                 "spec": {"selector": {"matchLabels": {"app": "order-service", "colour": "%1$s"}},
                  "template": {"metadata": {"labels": {"app": "order-service", "colour": "%1$s"}},
                   "spec": {"containers": [{"name": "app", "image": "registry/order-service:%2$s"}]}}}}
                """.formatted(colour, tag));
        return resource(TrafficTable.DEPLOYMENT, "order-service-" + colour, inputs);
    }

    private static PlannedResource resource(String type, String name, JsonNode inputs) {
        return new PlannedResource(PREFIX + type + "::" + name, type, name, true, null, null, inputs,
                false, false, false, List.of(), List.of(), List.of(), List.of());
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
