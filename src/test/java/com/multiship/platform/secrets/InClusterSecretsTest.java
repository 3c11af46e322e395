package com.multiship.platform.secrets;

import com.multiship.platform.plan.Plan;
import com.multiship.platform.testing.Stacks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The External Secrets Operator and, per service, a SecretStore and the ExternalSecret producing {@code <service>-secrets}. */
class InClusterSecretsTest {
    private static final String K8S_PROVIDER = "urn:pulumi:production::platform::pulumi:pulumi:Stack$platform:cluster:Cluster$pulumi:providers:kubernetes::cluster-k8s";
    private static Plan production;

    @BeforeAll
    static void plan() {
        production = Stacks.plan("production");
    }

    @Test
    void installsTheOperatorAtAPinnedChartVersion() {
        var release = production.resource("kubernetes:helm.sh/v3:Release", "in-cluster-secrets-operator");
        assertThat(release.input("chart").asText()).isEqualTo("external-secrets");
        assertThat(release.input("version").asText()).isEqualTo("2.13.0");
        assertThat(release.input("repositoryOpts.repo").asText()).isEqualTo("https://charts.external-secrets.io");
        assertThat(release.provider()).isEqualTo(K8S_PROVIDER);
    }

    @Test
    void storeAuthenticatesAsTheServiceAccount() {
        var store = production.resource("kubernetes:external-secrets.io/v1:SecretStore", "in-cluster-secrets-store-order-service");
        assertThat(store.input("metadata.namespace").asText()).isEqualTo("order-service");
        assertThat(store.input("spec.provider.aws.service").asText()).isEqualTo("SecretsManager");
        assertThat(store.input("spec.provider.aws.region").asText()).isEqualTo("us-east-1");
        assertThat(store.input("spec.provider.aws.auth.jwt.serviceAccountRef.name").asText()).isEqualTo("order-service");
        assertThat(store.provider()).isEqualTo(K8S_PROVIDER);
        assertThat(store.dependencies()).anyMatch(urn -> urn.endsWith("::in-cluster-secrets-operator"));
    }

    @Test
    void externalSecretProducesTheServiceSecretWithItsKeys() {
        var external = production.resource("kubernetes:external-secrets.io/v1:ExternalSecret", "in-cluster-secrets-external-order-service");
        assertThat(external.input("apiVersion").asText()).isEqualTo("external-secrets.io/v1");
        assertThat(external.input("metadata.namespace").asText()).isEqualTo("order-service");
        assertThat(external.input("spec.target.name").asText()).isEqualTo("order-service-secrets");
        assertThat(external.input("spec.secretStoreRef.name").asText()).isEqualTo("order-service-aws");
        var keys = new ArrayList<String>();
        external.input("spec.data").forEach(d -> keys.add(d.path("secretKey").asText() + "=" + d.path("remoteRef").path("key").asText()));
        assertThat(keys).containsExactly(
                "database-url=multiship/production/order-service/database-url",
                "payment-gateway-api-key=multiship/production/order-service/payment-gateway-api-key",
                "signing-key=multiship/production/order-service/signing-key");
        var gateway = production.resource("kubernetes:external-secrets.io/v1:ExternalSecret", "in-cluster-secrets-external-api-gateway");
        assertThat(gateway.input("spec.data")).hasSize(1);
    }

    /**
     * An ExternalSecret whose remote secret has no value fails as a whole: {@code <service>-secrets} is never created and
     * the service's pods wait in CreateContainerConfigError, so the first {@code up} fails on the Deployment. Every key
     * an ExternalSecret reads must therefore get a version in the same {@code up}.
     */
    static List<String> keysWithoutAValueOnTheFirstUp(Plan plan) {
        var versioned = new ArrayList<String>();
        plan.ofType("aws:secretsmanager/secretVersion:SecretVersion").forEach(version -> version.dependencies().forEach(urn ->
                plan.ofType("aws:secretsmanager/secret:Secret").stream().filter(s -> s.urn().equals(urn))
                        .forEach(s -> versioned.add(s.input("name").asText()))));
        var missing = new ArrayList<String>();
        plan.ofType("kubernetes:external-secrets.io/v1:ExternalSecret").forEach(external -> external.input("spec.data").forEach(d -> {
            var key = d.path("remoteRef").path("key").asText();
            if (!versioned.contains(key)) {
                missing.add(external.input("spec.target.name").asText() + " reads " + key + ", which has no version");
            }
        }));
        return missing;
    }

    @Test
    void everySecretAnExternalSecretReadsHasAValueOnTheFirstUp() {
        for (var stack : com.multiship.platform.testing.Stacks.ALL) {
            assertThat(keysWithoutAValueOnTheFirstUp(Stacks.plan(stack))).as(stack).isEmpty();
        }
    }

    @Test
    void operatorRunsTwoReplicasWithLeaderElectionSoThatOnlyOneReconciles() {
        var values = production.resource("kubernetes:helm.sh/v3:Release", "in-cluster-secrets-operator").input("values");
        assertThat(values.path("replicaCount").asInt()).isEqualTo(2);
        assertThat(values.path("leaderElect").asBoolean()).isTrue();
        assertThat(production.resource("kubernetes:helm.sh/v3:Release", "in-cluster-secrets-operator").input("createNamespace").asBoolean()).isFalse();
    }

    @Test
    void operatorNamespaceFollowsThePlatformsNamespaceRules() {
        var namespace = production.resource("kubernetes:core/v1:Namespace", "in-cluster-secrets-ns");
        assertThat(namespace.input("metadata.name").asText()).isEqualTo("external-secrets");
        assertThat(namespace.input("metadata.labels").path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
        assertThat(namespace.input("metadata.labels").path("istio-injection").asText()).isEqualTo("disabled");
        assertThat(production.resource("kubernetes:core/v1:ResourceQuota", "in-cluster-secrets-quota").input("metadata.namespace").asText())
                .isEqualTo("external-secrets");
        assertThat(production.resource("kubernetes:core/v1:LimitRange", "in-cluster-secrets-limits").input("metadata.namespace").asText())
                .isEqualTo("external-secrets");
        assertThat(production.resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "in-cluster-secrets-deny-all").input("spec").toString())
                .isEqualTo("{\"podSelector\":{},\"policyTypes\":[\"Ingress\",\"Egress\"]}");
        // the API server calls the webhook (conversion, validation) from the control plane's ENIs in the VPC
        var webhook = production.resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "in-cluster-secrets-allow-webhook").input("spec");
        assertThat(webhook.path("ingress").get(0).path("ports").toString()).isEqualTo("[{\"port\":10250,\"protocol\":\"TCP\"}]");
        assertThat(webhook.path("ingress").get(0).path("from").get(0).path("ipBlock").path("cidr").asText()).isEqualTo("10.30.0.0/16");
        var release = production.resource("kubernetes:helm.sh/v3:Release", "in-cluster-secrets-operator");
        assertThat(release.dependencies()).contains(production.resource("kubernetes:networking.k8s.io/v1:NetworkPolicy",
                "in-cluster-secrets-allow-kubernetes-api").urn());
    }
}
