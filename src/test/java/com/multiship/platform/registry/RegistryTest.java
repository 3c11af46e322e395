package com.multiship.platform.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RegistryTest {
    private static final String REPOSITORY = "aws:ecr/repository:Repository";
    private static final Map<String, Plan> PLANS = new HashMap<>();

    @BeforeAll
    static void plans() {
        Stacks.ALL.forEach(stack -> PLANS.put(stack, Stacks.plan(stack)));
    }

    @Test
    void oneScannedKmsEncryptedRepositoryPerService() {
        for (var plan : PLANS.values()) {
            assertThat(plan.ofType(REPOSITORY)).extracting(r -> r.input("name").asText()).containsExactlyInAnyOrder(
                    "multiship/api-gateway", "multiship/auth-service", "multiship/catalog-service",
                    "multiship/notification-service", "multiship/order-service", "multiship/user-service");
            for (var repository : plan.ofType(REPOSITORY)) {
                assertThat(repository.input("imageScanningConfiguration.scanOnPush").asBoolean()).isTrue();
                assertThat(repository.input("encryptionConfigurations.0.encryptionType").asText()).isEqualTo("KMS");
                assertThat(repository.provider()).contains("pulumi:providers:aws");
            }
        }
    }

    @Test
    void tagsAreImmutableOutsideDevAndOnlyDevRepositoriesMayBeDeletedWithImages() {
        var dev = PLANS.get("dev").resource(REPOSITORY, "registry-order-service");
        assertThat(dev.input("imageTagMutability").asText()).isEqualTo("MUTABLE");
        assertThat(dev.input("forceDelete").asBoolean()).isTrue();
        for (var stack : new String[] {"staging", "production"}) {
            var repository = PLANS.get(stack).resource(REPOSITORY, "registry-order-service");
            assertThat(repository.input("imageTagMutability").asText()).as(stack).isEqualTo("IMMUTABLE");
            assertThat(repository.input("forceDelete").asBoolean()).as(stack).isFalse();
        }
    }

    @Test
    void everyRepositoryIsProtectedInProductionOnly() {
        assertThat(PLANS.get("production").ofType(REPOSITORY)).hasSize(6).allMatch(r -> r.protect());
        assertThat(PLANS.get("staging").ofType(REPOSITORY)).noneMatch(r -> r.protect());
        assertThat(PLANS.get("dev").ofType(REPOSITORY)).noneMatch(r -> r.protect());
    }

    @Test
    void lifecycleKeepsTheConfiguredReleasesAndExpiresUntaggedImagesAfterADay() throws Exception {
        var policy = new ObjectMapper().readTree(PLANS.get("staging")
                .resource("aws:ecr/lifecyclePolicy:LifecyclePolicy", "registry-order-service-lifecycle").input("policy").asText());
        var untagged = policy.path("rules").get(0);
        assertThat(untagged.path("selection").toString()).isEqualTo(
                "{\"countNumber\":1,\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"tagStatus\":\"untagged\"}");
        var releases = policy.path("rules").get(1);
        assertThat(releases.path("selection").toString()).isEqualTo(
                "{\"countNumber\":20,\"countType\":\"imageCountMoreThan\",\"tagPatternList\":[\"v*\"],\"tagStatus\":\"tagged\"}");
        assertThat(releases.path("action").path("type").asText()).isEqualTo("expire");
        // production keeps the default
        assertThat(PLANS.get("production").resource("aws:ecr/lifecyclePolicy:LifecyclePolicy", "registry-order-service-lifecycle")
                .input("policy").asText()).contains("\"countNumber\":30");
    }

    @Test
    void exportsTheRepositoryUrls() {
        var production = PLANS.get("production");
        assertThat(production.outputs().path("imageRepositories").path("order-service").asText())
                .isEqualTo(production.output("aws:ecr/repository:Repository", "registry-order-service", "repositoryUrl"));
    }
}
