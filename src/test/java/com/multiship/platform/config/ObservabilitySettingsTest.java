package com.multiship.platform.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** platform:observability: environment defaults, production's floor, and every rejection by its exact message. */
class ObservabilitySettingsTest {
    private static final String RULES = "aws:amp/ruleGroupNamespace:RuleGroupNamespace";

    private static Consumer<ObjectNode> observability(Consumer<ObjectNode> edit) {
        return cfg -> edit.accept(cfg.putObject("platform:observability"));
    }

    private static Consumer<ObjectNode> thresholds(Consumer<ObjectNode> edit) {
        return observability(o -> edit.accept(o.putObject("thresholds")));
    }

    @Test
    void defaultsFollowTheEnvironment() {
        var dev = Stacks.plan("dev");
        assertThat(dev.resource("aws:amp/workspaceConfiguration:WorkspaceConfiguration", "metrics-retention")
                .input("retentionPeriodInDays").asInt()).isEqualTo(30);
        assertThat(dev.ofType("aws:amp/alertManagerDefinition:AlertManagerDefinition")).isEmpty();
        var production = Stacks.plan("production");
        assertThat(production.resource("aws:amp/workspaceConfiguration:WorkspaceConfiguration", "metrics-retention")
                .input("retentionPeriodInDays").asInt()).isEqualTo(400);
        assertThat(production.ofType("aws:amp/alertManagerDefinition:AlertManagerDefinition")).hasSize(1);
        assertThat(Stacks.plan("staging").resource("aws:amp/workspaceConfiguration:WorkspaceConfiguration",
                "metrics-retention").input("retentionPeriodInDays").asInt()).isEqualTo(90);
    }

    @Test
    void thresholdsAreOverridablePerStack() {
        var plan = Stacks.plan("staging", thresholds(t -> t.put("errorRatePercent", 2.5).put("p95Ms", 1500)));
        var rules = plan.resource(RULES, "alert-routing-rules").input("data").asText();
        assertThat(rules).contains(") > 0.025\n").contains(" > 1500\n");
    }

    @Test
    void stricterThresholdsAreAcceptedInProduction() {
        var plan = Stacks.plan("production", thresholds(t -> t.put("errorRatePercent", 0.5).put("canaryP95Ms", 1500)));
        assertThat(plan.resource(RULES, "alert-routing-rules").input("data").asText()).contains(") > 0.005\n");
    }

    @Test
    void failsOnLooserThresholdsInProduction() {
        assertThat(Stacks.problems("production", thresholds(t -> t.put("errorRatePercent", 2).put("canaryP95Ms", 3000)
                .put("canaryWindowMinutes", 10)))).containsExactly(
                "platform:observability.thresholds.errorRatePercent must be at most 1 in production (the requirements'"
                        + " threshold; stricter is allowed), got 2 (Pulumi.production.yaml)",
                "platform:observability.thresholds.canaryP95Ms must be at most 2000 in production (the requirements'"
                        + " threshold; stricter is allowed), got 3000 (Pulumi.production.yaml)",
                "platform:observability.thresholds.canaryWindowMinutes must be at most 5 in production (the requirements'"
                        + " threshold; stricter is allowed), got 10 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnBasicOutsideDev() {
        assertThat(Stacks.problems("staging", observability(o -> o.put("level", "basic")))).containsExactly(
                "platform:observability.level must be full in staging (the requirements' monitoring is full outside dev),"
                        + " got \"basic\" (Pulumi.staging.yaml)");
    }

    @Test
    void failsWithoutNotificationsInProduction() {
        assertThat(Stacks.problems("production", observability(o -> o.put("notifications", false)))).containsExactly(
                "platform:observability.notifications must be true in production (monitoring there is full, with"
                        + " alerting), got false (Pulumi.production.yaml)");
    }

    @Test
    void failsOnBadValues() {
        assertThat(Stacks.problems("dev", observability(o -> {
            o.put("level", "verbose").put("retentionDays", 0).put("scrapeIntervalSeconds", 20).put("notifications", "yes");
            o.putObject("thresholds").put("p95Ms", "1000").put("errorRatePercent", 80).put("minRequests", 0);
        }))).containsExactly(
                "platform:observability.level must be one of basic, full, got \"verbose\" (Pulumi.dev.yaml)",
                "platform:observability.retentionDays must be a whole number from 1 to 1095, got 0 (Pulumi.dev.yaml)",
                "platform:observability.scrapeIntervalSeconds must be one of 15, 30, 60, got 20 (Pulumi.dev.yaml)",
                "platform:observability.notifications must be true or false, got \"yes\" (Pulumi.dev.yaml)",
                "platform:observability.thresholds.errorRatePercent must be a number from 0.01 to 50, got 80 (Pulumi.dev.yaml)",
                "platform:observability.thresholds.p95Ms must be a whole number from 10 to 60000, got \"1000\" (Pulumi.dev.yaml)",
                "platform:observability.thresholds.minRequests must be a whole number from 1 to 1000000, got 0 (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnACanaryTriggerBelowTheServiceAlert() {
        assertThat(Stacks.problems("dev", thresholds(t -> t.put("errorRatePercent", 3).put("canaryErrorRatePercent", 2))))
                .containsExactly("platform:observability.thresholds.canaryErrorRatePercent must be at least"
                        + " errorRatePercent (3): a rollback trigger below the service alert would roll back a canary"
                        + " that is healthier than the alerting threshold, got 2 (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnUnknownKeys() {
        assertThat(Stacks.problems("dev", thresholds(t -> t.put("p99Ms", 3000)))).containsExactly(
                "platform:observability.thresholds.p99Ms is not a known setting: allowed here are canaryErrorRatePercent,"
                        + " canaryP95Ms, canaryWindowMinutes, cpuPercent, databaseConnectionFailures, diskPercent,"
                        + " errorRatePercent, memoryPercent, minRequests, p95Ms, unavailableMinutes; did you mean p95Ms? (Pulumi.dev.yaml)");
    }
}
