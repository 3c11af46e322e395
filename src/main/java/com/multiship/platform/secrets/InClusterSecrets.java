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
 * <p>The objects use {@code external-secrets.io/v1}, the API version the pinned chart serves and stores ({@code v1beta1}
 * is not served since 0.17; config/crds/bases at helm-chart-2.9.0: v1 {@code served: true, storage: true}). The
 * operator's namespace follows the platform's namespace rules ({@link OperatorNamespace}); two controller replicas run
 * with leader election ({@code leaderElect}, which the chart turns into {@code --enable-leader-election=true},
 * templates/deployment.yaml), so exactly one reconciles while the other stands by.
 */
public final class InClusterSecrets extends ComponentResource {
    /**
     * Checked 2026-12-02: helm-chart-2.13.0 is the newest chart release (github.com/external-secrets/external-secrets
     * releases; v2.14.0's notes "release helm chart for version 2.13.0"). Values keys read at helm-chart-2.9.0, the
     * newest chart tag in the repository snapshot available here: re-check with {@code helm show values} (docs/data.md).
     */
    public static final String CHART_VERSION = "2.13.0";
    public static final String CHART_REPOSITORY = "https://charts.external-secrets.io";
    public static final String API_VERSION = "external-secrets.io/v1";
    public static final String OPERATOR_NAMESPACE = "external-secrets";
    /** How often a rotated value reaches the Kubernetes secret at the latest. */
    public static final String REFRESH_INTERVAL = "15m";

    public InClusterSecrets(String name, InClusterSecretsArgs args, ComponentResourceOptions options) {
        super("platform:secrets:InClusterSecrets", name, null, options);
        var namespaceRules = OperatorNamespace.declare(name, OPERATOR_NAMESPACE, args.vpcCidr(), args.awsEndpointCidrs(), this);
        var operator = new Release(name + "-operator", ReleaseArgs.builder()
                .name("external-secrets")
                .chart("external-secrets")
                .version(CHART_VERSION)
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .namespace(OPERATOR_NAMESPACE)
                .createNamespace(false)
                .atomic(true)
                .values(operatorValues())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(namespaceRules).build());

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

    /** The chart's values: CRDs, two controllers with one leader, sized containers (the namespace quota counts them). */
    static Map<String, Object> operatorValues() {
        var values = new LinkedHashMap<String, Object>();
        values.put("installCRDs", true);
        values.put("replicaCount", 2);
        values.put("leaderElect", true);
        values.put("resources", OperatorNamespace.CONTAINER_RESOURCES);
        values.put("webhook", Map.of("resources", OperatorNamespace.CONTAINER_RESOURCES));
        values.put("certController", Map.of("resources", OperatorNamespace.CONTAINER_RESOURCES));
        return values;
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
