package com.multiship.platform.secrets;

import com.multiship.platform.kubernetes.CustomObject;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers the service secrets into the cluster with the External Secrets Operator: the operator (Helm chart at a
 * pinned version), and per service a {@code SecretStore} in its namespace that authenticates as the service's own
 * service account (IRSA, so it can read that service's secrets only) and an {@code ExternalSecret} that keeps the
 * Kubernetes secret {@code <service>-secrets} in step with Secrets Manager, rotations included.
 *
 * <p>Chart 0.16.2 is the first that serves both {@code external-secrets.io/v1beta1} and {@code v1}; the objects
 * here use {@code v1}, the only version served from 0.17 on, so the chart can be upgraded without rewriting them.
 */
public final class InClusterSecrets extends ComponentResource {
    public static final String CHART_VERSION = "0.16.2";
    public static final String CHART_REPOSITORY = "https://charts.external-secrets.io";
    public static final String API_VERSION = "external-secrets.io/v1";
    public static final String OPERATOR_NAMESPACE = "external-secrets";
    /** How often a rotated value reaches the Kubernetes secret at the latest. */
    public static final String REFRESH_INTERVAL = "15m";

    public InClusterSecrets(String name, InClusterSecretsArgs args, ComponentResourceOptions options) {
        super("platform:secrets:InClusterSecrets", name, null, options);
        var operator = new Release(name + "-operator", ReleaseArgs.builder()
                .name("external-secrets")
                .chart("external-secrets")
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .namespace(OPERATOR_NAMESPACE)
                .createNamespace(true)
                .atomic(true)
                .values(Map.of("installCRDs", true, "replicaCount", 2))
                .build(), CustomResourceOptions.builder().parent(this).build());

        var after = new ArrayList<Resource>(args.after());
        after.add(operator);
        var waitForOperator = CustomResourceOptions.builder().parent(this).dependsOn(after).build();
        for (var service : args.services()) {
            var storeName = service.name() + "-aws";
            new CustomObject(name + "-store-" + service.name(), API_VERSION, "SecretStore",
                    metadata(storeName, service.namespace()), Output.of(storeSpec(args.region(), service.name())), waitForOperator);
            new CustomObject(name + "-external-" + service.name(), API_VERSION, "ExternalSecret",
                    metadata(service.name() + "-secrets", service.namespace()),
                    Output.of(externalSecretSpec(args.namePrefix(), storeName, service.name(), ServiceSecrets.keysOf(service))),
                    waitForOperator);
        }
        registerOutputs(Map.of());
    }

    /** Secrets Manager in the stack's region, authenticated as the service's own service account. */
    static Map<String, Object> storeSpec(String region, String serviceAccount) {
        return Map.of("provider", Map.of("aws", Map.of(
                "service", "SecretsManager",
                "region", region,
                "auth", Map.of("jwt", Map.of("serviceAccountRef", Map.of("name", serviceAccount))))));
    }

    /** The Kubernetes secret {@code <service>-secrets}: one key per Secrets Manager secret of the service. */
    static Map<String, Object> externalSecretSpec(String prefix, String storeName, String service, List<String> keys) {
        var data = new ArrayList<Map<String, Object>>();
        for (var key : keys) {
            data.add(Map.of("secretKey", key, "remoteRef", Map.of("key", ServiceSecrets.secretName(prefix, service, key))));
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("refreshInterval", REFRESH_INTERVAL);
        spec.put("secretStoreRef", Map.of("name", storeName, "kind", "SecretStore"));
        spec.put("target", Map.of("name", service + "-secrets", "creationPolicy", "Owner"));
        spec.put("data", data);
        return spec;
    }

    private static ObjectMetaArgs metadata(String objectName, String namespace) {
        return ObjectMetaArgs.builder().name(objectName).namespace(namespace)
                .labels(Map.of("app.kubernetes.io/managed-by", "pulumi", "app.kubernetes.io/part-of", "multiship")).build();
    }
}
