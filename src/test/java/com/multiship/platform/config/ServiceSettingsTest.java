package com.multiship.platform.config;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static com.multiship.platform.testing.Edits.at;
import static com.multiship.platform.testing.Edits.release;
import static org.assertj.core.api.Assertions.assertThat;

/** The service catalogue's release state, workloads and quotas: every rejection by its exact message. */
class ServiceSettingsTest {

    @Test
    void failsOnACanaryWeightAbove100() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "order-service").put("canaryWeight", 101)))
                .containsExactly("platform:services.order-service.release.canaryWeight must be a whole number from 0 to 100,"
                        + " got 101 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnANegativeCanaryWeight() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "order-service").put("canaryWeight", -5)))
                .containsExactly("platform:services.order-service.release.canaryWeight must be a whole number from 0 to 100,"
                        + " got -5 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAWeightWrittenAsText() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "order-service").put("canaryWeight", "25")))
                .containsExactly("platform:services.order-service.release.canaryWeight must be a whole number from 0 to 100,"
                        + " got \"25\" (Pulumi.production.yaml)");
    }

    @Test
    void failsOnTrafficToACanaryColourWithoutAnImage() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "catalog-service").put("canaryWeight", 10)))
                .containsExactly("platform:services.catalog-service.release.canaryWeight must be 0 while the canary colour"
                        + " green has no image, got 10 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAStableColourWithoutAnImage() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "catalog-service").put("stable", "green")))
                .containsExactly("platform:services.catalog-service.release.stable must be a colour that has an image"
                        + " (green has none), got \"green\" (Pulumi.production.yaml)");
    }

    @Test
    void failsOnTheCanaryHeaderRouteToAColourWithoutAnImage() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "catalog-service").put("canaryHeader", true)))
                .containsExactly("platform:services.catalog-service.release.canaryHeader must be false while the canary"
                        + " colour green is not deployed (it needs an image and replicas), got true (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAnUnknownStableColour() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "order-service").put("stable", "red")))
                .containsExactly("platform:services.order-service.release.stable must be one of blue, green, got \"red\""
                        + " (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAnUnknownColourKey() {
        assertThat(Stacks.problems("production", cfg -> release(cfg, "order-service").putObject("red").put("image", "v1.0.0")))
                .containsExactly("platform:services.order-service.release.red is not a known setting: allowed here are"
                        + " blue, canaryHeader, canaryWeight, green, stable; did you mean green? (Pulumi.production.yaml)");
    }

    @Test
    void failsOnASwitchToAColourWithZeroReplicas() {
        assertThat(Stacks.problems("production", cfg -> {
            var release = release(cfg, "order-service");
            release.put("stable", "green").put("canaryWeight", 0);
            ((com.fasterxml.jackson.databind.node.ObjectNode) release.get("green")).put("replicas", 0);
        })).containsExactly("platform:services.order-service.release.stable must be a colour with replicas"
                + " (green has replicas: 0), got \"green\" (Pulumi.production.yaml)");
    }

    @Test
    void failsOnCanaryTrafficToAColourWithZeroReplicas() {
        assertThat(Stacks.problems("production", cfg ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) release(cfg, "order-service").get("green")).put("replicas", 0)))
                .containsExactly("platform:services.order-service.release.canaryWeight must be 0 while the canary colour"
                        + " green has replicas: 0, got 10 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAStableColourBelowThreeReplicasInProduction() {
        assertThat(Stacks.problems("production", cfg ->
                ((com.fasterxml.jackson.databind.node.ObjectNode) release(cfg, "order-service").get("blue")).put("replicas", 2)))
                .containsExactly("platform:services.order-service.release.blue.replicas must be at least 3 for the stable"
                        + " colour in production, got 2 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnImageTagsThatAreNotReleaseVersions() {
        assertThat(Stacks.problems("production", cfg -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) release(cfg, "order-service").get("green")).put("image", "latest");
            ((com.fasterxml.jackson.databind.node.ObjectNode) release(cfg, "order-service").get("blue")).put("image", "2.1.0");
        })).containsExactly(
                "platform:services.order-service.release.blue.image must be a release version tag such as v2.2.0"
                        + " (v<major>.<minor>.<patch>; never latest), got \"2.1.0\" (Pulumi.production.yaml)",
                "platform:services.order-service.release.green.image must be a release version tag such as v2.2.0"
                        + " (v<major>.<minor>.<patch>; never latest), got \"latest\" (Pulumi.production.yaml)");
    }

    @Test
    void failsWhenBothColoursAndTheirSidecarsDoNotFitTheNamespaceQuota() {
        // The guide's sizes: requests 1 CPU / 2Gi, 3 replicas of each colour (autoscaler maximum 6).
        assertThat(Stacks.problems("production", cfg -> {
            var requests = at(cfg, "services", "order-service", "resources", "requests");
            requests.put("cpu", 1).put("memory", "2Gi");
        })).containsExactly(
                "platform:namespaces.order-service.cpu must be at least 15400m, the CPU its pods request with each colour"
                        + " at its autoscaler's maximum plus one rollout surge pod, each pod with the Istio sidecar"
                        + " (order-service: blue (6 + 1) + green (6 + 1) = 14 pods x (1000m + 100m sidecar)), got 9"
                        + " (Pulumi.production.yaml)",
                "platform:namespaces.order-service.memory must be at least 30464Mi, the memory its pods request with each"
                        + " colour at its autoscaler's maximum plus one rollout surge pod, each pod with the Istio sidecar"
                        + " (order-service: blue (6 + 1) + green (6 + 1) = 14 pods x (2048Mi + 128Mi sidecar)), got 16Gi"
                        + " (Pulumi.production.yaml)");
    }

    @Test
    void failsWhenTheAutoscalersMaximumAndTheRolloutSurgeDoNotFitTheNamespaceQuota() {
        // 7 pods of each colour at the autoscaler's maximum, one more each while it rolls: 16 pods of 600m and 1152Mi.
        assertThat(Stacks.problems("production", cfg -> at(cfg, "services", "order-service", "autoscaling").put("maxReplicas", 7)))
                .containsExactly(
                        "platform:namespaces.order-service.cpu must be at least 9600m, the CPU its pods request with each"
                                + " colour at its autoscaler's maximum plus one rollout surge pod, each pod with the Istio"
                                + " sidecar (order-service: blue (7 + 1) + green (7 + 1) = 16 pods x (500m + 100m sidecar)),"
                                + " got 9 (Pulumi.production.yaml)",
                        "platform:namespaces.order-service.memory must be at least 18432Mi, the memory its pods request with"
                                + " each colour at its autoscaler's maximum plus one rollout surge pod, each pod with the Istio"
                                + " sidecar (order-service: blue (7 + 1) + green (7 + 1) = 16 pods x (1024Mi + 128Mi sidecar)),"
                                + " got 16Gi (Pulumi.production.yaml)",
                        "platform:namespaces.order-service.limitsMemory must be at least 36864Mi, the memory limits of its"
                                + " pods with each colour at its autoscaler's maximum plus one rollout surge pod, each pod with"
                                + " the Istio sidecar (order-service: blue (7 + 1) + green (7 + 1) = 16 pods x (2048Mi + 256Mi"
                                + " sidecar)), got 32Gi (Pulumi.production.yaml)");
    }

    @Test
    void failsWhenMemoryLimitsDoNotFitTheNamespaceQuota() {
        assertThat(Stacks.problems("production", cfg ->
                at(cfg, "services", "order-service", "resources", "limits").put("memory", "4Gi")))
                .containsExactly("platform:namespaces.order-service.limitsMemory must be at least 60928Mi, the memory"
                        + " limits of its pods with each colour at its autoscaler's maximum plus one rollout surge pod, each"
                        + " pod with the Istio sidecar (order-service: blue (6 + 1) + green (6 + 1) = 14 pods x (4096Mi +"
                        + " 256Mi sidecar)), got 32Gi (Pulumi.production.yaml)");
    }

    @Test
    void failsWhenACanaryOfTheRequirementsSizeDoesNotFitTheRequirementsQuota() {
        // staging's catalog canary (2 colours x (4 + 1) pods x 300m) in the guide's 2 CPU
        assertThat(Stacks.problems("staging", cfg -> at(cfg, "namespaces", "catalog-service").put("cpu", 2)))
                .containsExactly("platform:namespaces.catalog-service.cpu must be at least 3000m, the CPU its pods request"
                        + " with each colour at its autoscaler's maximum plus one rollout surge pod, each pod with the Istio"
                        + " sidecar (catalog-service: blue (4 + 1) + green (4 + 1) = 10 pods x (200m + 100m sidecar)), got 2"
                        + " (Pulumi.staging.yaml)");
    }

    @Test
    void acceptsTheGuideSizesWhenTheQuotaIsRaised() {
        var plan = Stacks.plan("production", cfg -> {
            at(cfg, "services", "order-service", "resources", "requests").put("cpu", 1).put("memory", "2Gi");
            at(cfg, "namespaces", "order-service").put("cpu", 16).put("memory", "30Gi");
        });
        assertThat(plan.resource("kubernetes:core/v1:ResourceQuota", "tenancy-ns-order-service-quota").input("spec.hard").toString())
                .isEqualTo("{\"limits.memory\":\"32Gi\",\"requests.cpu\":\"16\",\"requests.memory\":\"30Gi\"}");
    }

    @Test
    void failsOnALimitBelowItsRequestAndAboveTheLimitRange() {
        assertThat(Stacks.problems("staging", cfg -> {
            at(cfg, "services", "catalog-service", "resources", "limits").put("cpu", "100m");
            at(cfg, "services", "order-service", "resources", "limits").put("memory", "8Gi");
        })).contains(
                "platform:services.catalog-service.resources.limits.cpu must be at least requests.cpu (200m), got \"100m\""
                        + " (Pulumi.staging.yaml)",
                "platform:services.order-service.resources.limits.memory must be at most 4Gi, the largest container the"
                        + " namespaces' LimitRange admits, got \"8Gi\" (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnAnExternalEgressRuleWithABadNameBlockOrPort() {
        assertThat(Stacks.problems("dev", cfg -> {
            var rules = at(cfg, "services", "order-service", "externalEgress");
            rules.putObject("Payments").putArray("cidrs").add("0.0.0.0/0");
            var email = at(cfg, "services", "notification-service", "externalEgress", "email-service");
            email.putArray("cidrs").add("203.0.113.0/33");
            email.putArray("ports").add(0);
        })).containsExactlyInAnyOrder(
                "platform:services.notification-service.externalEgress.email-service.cidrs[0] must be an IPv4 CIDR block such as"
                        + " 203.0.113.0/24, got \"203.0.113.0/33\" (Pulumi.dev.yaml)",
                "platform:services.notification-service.externalEgress.email-service.ports[0] must be a TCP port 1 to 65535, got 0"
                        + " (Pulumi.dev.yaml)",
                "platform:services.order-service.externalEgress must be keyed by rule names (lower case letters, digits and -,"
                        + " such as payment-gateway), got \"Payments\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAMisspelledServiceKey() {
        assertThat(Stacks.problems("dev", cfg -> at(cfg, "services", "order-service").put("replica", 2)))
                .containsExactly("platform:services.order-service.replica is not a known setting: allowed here are"
                        + " autoscaling, config, databaseAccess, externalEgress, ingress, namespace, peers, port, probes, release,"
                        + " resources, thirdPartySecrets (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnExperimentalFlagOffInDev() {
        assertThat(Stacks.problems("dev", cfg ->
                at(cfg, "services", "order-service", "config", "features").put("experimental-route-optimizer", false)))
                .containsExactly("platform:services.order-service.config.features.experimental-route-optimizer must be true"
                        + " in dev (every experimental flag is on in dev), got false (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnExperimentalFlagOnInProduction() {
        assertThat(Stacks.problems("production", cfg ->
                at(cfg, "services", "order-service", "config", "features").put("experimental-route-optimizer", true)))
                .containsExactly("platform:services.order-service.config.features.experimental-route-optimizer must be false"
                        + " in production (stable features only; experimental flags are for dev), got true"
                        + " (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAFlagThatIsNotABoolean() {
        assertThat(Stacks.problems("staging", cfg ->
                at(cfg, "services", "order-service", "config", "features").put("split-shipments", "yes")))
                .containsExactly("platform:services.order-service.config.features.split-shipments must be true or false,"
                        + " got \"yes\" (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnAnUnknownPeerAndASecondIngressService() {
        assertThat(Stacks.problems("production", cfg -> {
            at(cfg, "services", "order-service").putArray("peers").add("api-gateway").add("web");
            at(cfg, "services", "catalog-service").put("ingress", true);
        })).containsExactly(
                "platform:services.order-service.peers[1] must be another service of platform:services (api-gateway,"
                        + " auth-service, catalog-service, notification-service, user-service), got \"web\" (Pulumi.production.yaml)",
                "platform:services.catalog-service.ingress must be false: only one service takes the ingress gateway's"
                        + " traffic (api-gateway does), got true (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAnAutoscalerMaximumBelowAColoursReplicas() {
        assertThat(Stacks.problems("production", cfg ->
                at(cfg, "services", "order-service", "autoscaling").put("maxReplicas", 2)))
                .containsExactly(
                        "platform:services.order-service.autoscaling.maxReplicas must be at least the replicas of colour"
                                + " blue (3), got 2 (Pulumi.production.yaml)",
                        "platform:services.order-service.autoscaling.maxReplicas must be at least the replicas of colour"
                                + " green (3), got 2 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnAnUnknownNamespaceAndACanaryStepOutOfRange() {
        assertThat(Stacks.problems("staging", cfg -> {
            at(cfg, "namespaces", "payments").put("cpu", 2);
            cfg.putObject("platform:traffic").put("maxCanaryStepPercent", 0);
        })).containsExactly(
                "platform:namespaces must be keyed by the namespaces catalog-service, order-service, infrastructure,"
                        + " shared-services, got \"payments\" (Pulumi.staging.yaml)",
                "platform:traffic.maxCanaryStepPercent must be a whole number from 1 to 100, got 0 (Pulumi.staging.yaml)");
    }

    @Test
    void failsOnAPortOfTheSidecar() {
        assertThat(Stacks.problems("dev", cfg -> at(cfg, "services", "user-service").put("port", 15001)))
                .containsExactly("platform:services.user-service.port must be outside 15000-15099, the ports of the Istio"
                        + " sidecar, got 15001 (Pulumi.dev.yaml)");
    }
}
