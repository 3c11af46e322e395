package com.multiship.platform.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlanMocks;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-service secrets and IRSA roles: least privilege, and no secret value anywhere in a plan or an output. */
class ServiceSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "aws:secretsmanager/secret:Secret";
    private static final String VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
    private static Plan production;

    @BeforeAll
    static void plan() {
        production = Stacks.plan("production");
    }

    private static JsonNode policy(String resourceType, String name, String input) throws Exception {
        return JSON.readTree(production.resource(resourceType, name).input(input).asText());
    }

    @Test
    void eachServiceGetsItsSecretsEncryptedWithThePlatformKey() {
        var names = production.ofType(SECRET).stream().map(s -> s.input("name").asText()).toList();
        assertThat(names).contains("multiship/production/order-service/database-url",
                "multiship/production/order-service/payment-gateway-api-key", "multiship/production/order-service/signing-key",
                "multiship/production/notification-service/email-service-api-key",
                "multiship/production/api-gateway/signing-key")
                .doesNotContain("multiship/production/api-gateway/database-url");
        production.ofType(SECRET).forEach(secret -> {
            assertThat(secret.input("kmsKeyId").asText()).isEqualTo(production.output("aws:kms/key:Key", "secrets-key", "arn"));
            assertThat(secret.protect()).isTrue();
        });
    }

    @Test
    void thirdPartyKeysStartWithAPlaceholderVersionThatPulumiNeverOverwrites() {
        for (var key : List.of("order-service-payment-gateway-api-key", "notification-service-email-service-api-key")) {
            var placeholder = production.resource(VERSION, "secrets-" + key + "-placeholder");
            assertThat(placeholder.input("secretId").asText()).isEqualTo(production.output(SECRET, "secrets-" + key, "id"));
            // A marker the services recognise as "not configured", not a key: it may be read in a plan.
            assertThat(placeholder.input("secretString").asText()).isEqualTo(ServiceSecrets.NOT_CONFIGURED)
                    .isEqualTo("NOT-CONFIGURED");
            // Only a label of its own: on a fresh secret Secrets Manager adds AWSCURRENT to the first version; on a
            // secret that already holds an operator's key, AWSCURRENT stays on that key.
            assertThat(placeholder.input("versionStages")).hasSize(1);
            assertThat(placeholder.input("versionStages").get(0).asText()).isEqualTo(ServiceSecrets.PLACEHOLDER_STAGE);
            // Never updated from the program: the operator's put-secret-value moves AWSCURRENT away and stays there.
            assertThat(placeholder.ignoreChanges()).containsExactlyInAnyOrder("secretString", "versionStages");
        }
    }

    @Test
    void signingKeysComeFromTheRandomProviderAsSecrets() {
        var password = production.resource("random:index/randomPassword:RandomPassword", "secrets-order-service-signing-key-value");
        assertThat(password.input("length").asInt()).isEqualTo(64);
        assertThat(password.additionalSecretOutputs()).contains("result");
        var version = production.resource(VERSION, "secrets-order-service-signing-key-version");
        assertThat(version.input("secretString").asText()).isEqualTo("[secret]");
        assertThat(version.dependencies()).anyMatch(urn -> urn.endsWith("::secrets-order-service-signing-key-value"));
    }

    @Test
    void roleIsAssumableOnlyByTheServiceAccount() throws Exception {
        var trust = policy("aws:iam/role:Role", "secrets-order-service-role", "assumeRolePolicy");
        var statement = trust.path("Statement").get(0);
        assertThat(statement.path("Principal").path("Federated").asText())
                .isEqualTo(production.output("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "cluster-oidc", "arn"));
        var issuer = production.output("aws:eks/cluster:Cluster", "cluster-eks", "identities.0.oidcs.0.issuer").replaceFirst("^https://", "");
        assertThat(statement.path("Condition").path("StringEquals").path(issuer + ":sub").asText())
                .isEqualTo("system:serviceaccount:order-service:order-service");
        var shared = policy("aws:iam/role:Role", "secrets-user-service-role", "assumeRolePolicy");
        assertThat(shared.toString()).contains("system:serviceaccount:shared-services:user-service");
    }

    @Test
    void roleReadsOnlyItsOwnSecretsAndConnectsAsItsOwnUser() throws Exception {
        var statements = policy("aws:iam/rolePolicy:RolePolicy", "secrets-order-service-read", "policy").path("Statement");
        var resources = new ArrayList<String>();
        statements.get(0).path("Resource").forEach(r -> resources.add(r.asText()));
        assertThat(resources).containsExactlyInAnyOrder(production.output(SECRET, "secrets-order-service-database-url", "arn"),
                production.output(SECRET, "secrets-order-service-payment-gateway-api-key", "arn"),
                production.output(SECRET, "secrets-order-service-signing-key", "arn"));
        assertThat(statements.get(1).path("Condition").path("StringEquals").path("kms:ViaService").asText())
                .isEqualTo("secretsmanager.us-east-1.amazonaws.com");
        assertThat(statements.get(2).path("Action").get(0).asText()).isEqualTo("rds-db:connect");
        assertThat(statements.get(2).path("Resource").get(0).asText())
                .isEqualTo("arn:aws:rds-db:us-east-1:" + PlanMocks.ACCOUNT + ":dbuser:"
                        + production.output("aws:rds/instance:Instance", "database-instance", "resourceId") + "/order_service");

        var noDatabase = policy("aws:iam/rolePolicy:RolePolicy", "secrets-api-gateway-read", "policy");
        assertThat(noDatabase.toString()).doesNotContain("rds-db:connect");
    }

    @Test
    void noSecretValueInAnyPlanOrOutput() {
        for (var stack : Stacks.ALL) {
            var plan = Stacks.plan(stack);
            var json = plan.toJson();
            assertThat(json).as(stack).doesNotContain(PlanMocks.MOCK_SECRET_PREFIX);
            // No resource is handed a password: RDS generates and keeps the master password itself.
            plan.resources().forEach(r -> assertThat(r.input("password").isMissingNode()).as(r.name()).isTrue());
            assertThat(plan.outputs().path("kubeconfig").asText()).isEqualTo("[secret]");
            assertThat(plan.outputs().path("databaseMasterSecretArn").asText()).startsWith("arn:aws:secretsmanager:");
            plan.outputs().path("serviceSecretArns").forEach(arn -> assertThat(arn.asText()).startsWith("arn:aws:secretsmanager:"));
        }
    }

    @Test
    void exportsTheDatabaseConnectionAndTheRoleArnsForTheServices() {
        var outputs = production.outputs();
        assertThat(outputs.path("databaseEndpoint").asText())
                .isEqualTo(production.output("aws:rds/instance:Instance", "database-instance", "address"));
        assertThat(outputs.path("databasePort").asInt()).isEqualTo(5432);
        assertThat(outputs.path("serviceRoleArns").path("order-service").asText())
                .isEqualTo(production.output("aws:iam/role:Role", "secrets-order-service-role", "arn"));
        assertThat(outputs.path("serviceSecretArns").size()).isEqualTo(12);
    }

    @Test
    void databaseUserIsTheServiceNameWithUnderscores() {
        assertThat(ServiceSecrets.databaseUser("order-service")).isEqualTo("order_service");
        assertThat(ServiceSecrets.keysOf(new com.multiship.platform.config.ServiceSettings("order-service", "order-service",
                true, List.of("payment-gateway"), 8080, false, List.of(), null, null, null, null, null, List.of()))).containsExactly("database-url", "payment-gateway-api-key", "signing-key");
    }
}
