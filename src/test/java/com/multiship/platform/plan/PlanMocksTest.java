package com.multiship.platform.plan;

import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stand-in engine answers as the engine and the providers would on a fresh account, so that a value wired from
 * the wrong resource, or a literal where a reference belongs, cannot look right.
 */
class PlanMocksTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static Plan production;

    @BeforeAll
    static void plan() {
        production = Stacks.plan("production");
    }

    /** What the ServiceAccount is handed: the bridge's auto-name, logical name + "-" + 7 hex characters. */
    @Test
    void autoNamedResourcesGetTheLogicalNameAndASevenCharacterSuffix() {
        var account = production.resource("kubernetes:core/v1:ServiceAccount", "tenancy-svc-order-service-account");
        assertThat(account.input("metadata.annotations").path("eks.amazonaws.com/role-arn").asText())
                .matches("arn:aws:iam::" + PlanMocks.ACCOUNT + ":role/secrets-order-service-role-[0-9a-f]{7}");
    }

    @Test
    void idsAndArnsHaveTheProvidersShape() {
        assertThat(production.resource("aws:ec2/subnet:Subnet", "network-subnet-private-us-east-1a").input("vpcId").asText())
                .matches("vpc-0[0-9a-f]{16}");
        assertThat(production.resource("aws:eks/cluster:Cluster", "cluster-eks").input("encryptionConfig.provider.keyArn").asText())
                .matches("arn:aws:kms:us-east-1:" + PlanMocks.ACCOUNT + ":key/" + UUID);
        assertThat(production.resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "assets-public-access-block")
                .input("bucket").asText()).matches("multiship-production-assets-[0-9]{18}[0-9a-f]{8}");
    }

    @Test
    void explicitNamesAreKeptAndArnsCarryTheRegionOfTheResourcesOwnProvider() {
        var secret = production.resource("aws:secretsmanager/secret:Secret", "secrets-order-service-database-url");
        assertThat(secret.output("name").asText()).isEqualTo(secret.input("name").asText());
        assertThat(secret.id()).matches("arn:aws:secretsmanager:us-east-1:" + PlanMocks.ACCOUNT
                + ":secret:multiship/production/order-service/database-url-[A-Za-z]{6}");
        assertThat(production.output("aws:backup/vault:Vault", "database-recovery-recovery-vault", "arn"))
                .startsWith("arn:aws:backup:us-west-2:" + PlanMocks.ACCOUNT + ":backup-vault:");
    }

    @Test
    void previewKnowsWhatCheckComputesAndNothingTheCloudComputes() {
        var preview = Stacks.previewPlan("production");
        var role = preview.resource("aws:iam/role:Role", "secrets-order-service-role");
        assertThat(role.output("name").asText()).matches("secrets-order-service-role-[0-9a-f]{7}");
        assertThat(role.output("arn").asText()).isEqualTo(PlanMocks.UNKNOWN);
        assertThat(role.id()).isEqualTo(PlanMocks.UNKNOWN);
        // Terraform names a prefixed resource when it creates it.
        assertThat(preview.resource("aws:rds/parameterGroup:ParameterGroup", "database-params-postgres17").output("name").asText())
                .isEqualTo(PlanMocks.UNKNOWN);
        assertThat(preview.resource("kubernetes:core/v1:ServiceAccount", "tenancy-svc-order-service-account")
                .input("metadata.annotations").asText()).isEqualTo(PlanMocks.UNKNOWN);
    }

    @Test
    void failsWhenAnAutoNameWouldBeLongerThanTheProviderAccepts() {
        var logical = "x".repeat(57);
        assertThatThrownBy(() -> Autonaming.apply("aws:iam/role:Role", logical, Map.of(), "seed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("name '" + logical + "-' plus 7 random chars is longer than maximum length 64 (the auto-name of "
                        + "aws:iam/role:Role " + logical + "): set name or a shorter logical name");
    }
}
