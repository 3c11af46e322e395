package com.multiship.platform.config;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code platform:mesh}: defaults and the exact messages of every rule. */
class MeshSettingsTest {

    @Test
    void defaultsToThePinnedVersionAnInternalGatewayAndOneReplicaOutsideProduction() {
        var plan = Stacks.plan("dev", cfg -> {
            Stacks.object(cfg, "mesh").remove("gatewayScheme");
        });
        var gateway = plan.resource("kubernetes:helm.sh/v3:Release", "mesh-gateway");
        assertThat(gateway.input("version").asText()).isEqualTo(MeshSettings.DEFAULT_ISTIO_VERSION);
        assertThat(gateway.input("values.service.annotations").path("service.beta.kubernetes.io/aws-load-balancer-internal").asText())
                .isEqualTo("true");
        assertThat(gateway.input("values.autoscaling.minReplicas").asInt()).isEqualTo(1);
    }

    @Test
    void failsOnAnUnsupportedIstioVersion() {
        // 1.24.6 was the pinned release until its end of life (2025-06-24) was found on 2026-12-02
        assertThat(Stacks.problems("staging", cfg -> Stacks.object(cfg, "mesh").put("istioVersion", "1.24.6")))
                .containsExactly("platform:mesh.istioVersion must be one of 1.31.1 (add a version to"
                        + " MeshSettings.SUPPORTED_ISTIO_VERSIONS only after checking its charts), got \"1.24.6\" (Pulumi.staging.yaml)");
    }

    @Test
    void failsWithoutAnApiHost() {
        assertThat(Stacks.problems("dev", cfg -> Stacks.object(cfg, "mesh").remove("apiHost")))
                .containsExactly("platform:mesh.apiHost must be a lower-case DNS host name such as api.multiship.com,"
                        + " got nothing (the key is missing) (Pulumi.dev.yaml)");
    }

    @Test
    void failsWithoutTheMeshObject() {
        assertThat(Stacks.problems("dev", cfg -> cfg.remove("platform:mesh")))
                .containsExactly("platform:mesh must be an object of settings (see the configuration reference in README.md),"
                        + " got nothing (the key is missing) (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnUpperCaseHost() {
        assertThat(Stacks.problems("dev", cfg -> Stacks.object(cfg, "mesh").put("apiHost", "Dev.Multiship.internal")))
                .containsExactly("platform:mesh.apiHost must be a lower-case DNS host name such as api.multiship.com,"
                        + " got \"Dev.Multiship.internal\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnUnknownScheme() {
        assertThat(Stacks.problems("dev", cfg -> Stacks.object(cfg, "mesh").put("gatewayScheme", "public")))
                .containsExactly("platform:mesh.gatewayScheme must be one of internal, internet-facing, got \"public\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAPrivateHostInProduction() {
        assertThat(Stacks.problems("production", cfg -> {
            Stacks.object(cfg, "mesh").put("apiHost", "api.multiship.internal");
            Stacks.object(cfg, "mesh").put("gatewayScheme", "internal");
        })).containsExactly("platform:mesh.apiHost must be a name in a public DNS zone (ACM validates the API's certificate"
                + " through a record in apiHostedZoneId; a .internal name cannot be validated), got \"api.multiship.internal\""
                + " (Pulumi.production.yaml)");
    }

    @Test
    void failsOnASingleGatewayReplicaInProduction() {
        assertThat(Stacks.problems("production", cfg -> Stacks.object(cfg, "mesh").put("gatewayMinReplicas", 1)))
                .containsExactly("platform:mesh.gatewayMinReplicas must be a whole number from 2 to 20, got 1 (Pulumi.production.yaml)");
    }

    @Test
    void failsOnATextReplicaCountAndABadHostedZoneTogether() {
        assertThat(Stacks.problems("dev", cfg -> {
            Stacks.object(cfg, "mesh").put("gatewayMinReplicas", "2");
            Stacks.object(cfg, "mesh").put("apiHostedZoneId", "multiship.com");
        })).containsExactlyInAnyOrder(
                "platform:mesh.gatewayMinReplicas must be a whole number from 1 to 20, got \"2\" (Pulumi.dev.yaml)",
                "platform:mesh.apiHostedZoneId must be the Route 53 public hosted zone holding apiHost, such as"
                        + " Z0123456789ABCDEFGHIJ, got \"multiship.com\" (Pulumi.dev.yaml)");
    }

    @Test
    void failsOnAnUnknownKey() {
        assertThat(Stacks.problems("dev", cfg -> Stacks.object(cfg, "mesh").put("apiHosts", "x")))
                .containsExactly("platform:mesh.apiHosts is not a known setting: allowed here are apiHost, apiHostedZoneId,"
                        + " gatewayMinReplicas, gatewayScheme, istioVersion; did you mean apiHost? (Pulumi.dev.yaml)");
    }
}
