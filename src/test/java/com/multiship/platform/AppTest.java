package com.multiship.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.config.SettingsException;
import com.multiship.platform.config.StackConfig;
import com.multiship.platform.plan.PlanMocks;
import com.multiship.platform.plan.PlannedResource;
import com.multiship.platform.testing.Stacks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole program for each real stack file. */
class AppTest {

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyResourceIsDeclaredWithAnExplicitProvider(String stack) {
        var plan = Stacks.plan(stack);
        var providers = plan.resources().stream().filter(r -> r.type().startsWith("pulumi:providers:")).map(PlannedResource::urn).toList();
        assertThat(plan.resources()).filteredOn(r -> r.custom() && !r.type().startsWith("pulumi:providers:"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(providers).as("provider of %s", r.name()).contains(r.provider()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyAwsProviderTagsForCostAndOwnership(String stack) throws Exception {
        var plan = Stacks.plan(stack);
        var awsProviders = plan.ofType("pulumi:providers:aws");
        assertThat(awsProviders).isNotEmpty();
        for (var provider : awsProviders) {
            // provider configuration travels as JSON text
            var tags = new ObjectMapper().readTree(provider.input("defaultTags").asText()).path("tags");
            assertThat(tags.path("Environment").asText()).isEqualTo(stack);
            assertThat(tags.path("ManagedBy").asText()).isEqualTo("pulumi");
            assertThat(tags.path("Owner").asText()).isEqualTo("platform-engineering");
            assertThat(tags.path("CostCentre").asText()).startsWith("logistics-");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void exportsTheClusterAndNetworkWithTheKubeconfigAsASecret(String stack) {
        var plan = Stacks.plan(stack);
        var outputs = plan.outputs();
        assertThat(outputs.path("clusterName").asText()).isEqualTo("multiship-" + stack);
        assertThat(outputs.path("kubeconfig").asText()).isEqualTo("[secret]");
        assertThat(outputs.path("oidcProviderArn").asText())
                .isEqualTo(plan.output("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-oidc", "arn"));
        assertThat(outputs.path("vpcId").asText()).isEqualTo(plan.output("aws:ec2/vpc:Vpc", "network-vpc", "id"));
        assertThat(outputs.path("privateSubnetIds")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(outputs.path("publicSubnetIds")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void invalidSettingsDeclareNothing() {
        var files = Stacks.files("production").with(c -> c.put("platform:environment", "prod"));
        var config = files.engineConfig();
        var result = PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName("platform").stackName("production").build())
                .config(config, Set.of())
                .mocks(new PlanMocks())
                .build()
                .runTest(ctx -> App.stack(ctx, StackConfig.read(ctx, config.keySet(), Set.of())));
        assertThat(result.exceptions()).isNotEmpty().allSatisfy(e ->
                assertThat(e instanceof SettingsException || e.getCause() instanceof SettingsException).isTrue());
        assertThat(result.resources()).allMatch(r -> r.pulumiResourceType().equals("pulumi:pulumi:Stack"));
    }
}
