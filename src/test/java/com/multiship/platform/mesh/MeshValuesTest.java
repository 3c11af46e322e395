package com.multiship.platform.mesh;

import com.multiship.platform.config.MeshSettings;
import com.multiship.platform.config.MeshSettings.GatewayScheme;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Helm value the program sets is a key the pinned chart reads. The key lists are the top-level keys of each
 * chart's {@code values.yaml} (under {@code _internal_defaults_do_not_set}) at istio/istio 1.31.0-rc.0, unchanged on
 * branch release-1.31 (checked 2026-12-02); a value under any other key is ignored by the templates unless a legacy
 * shim copies it up (the cni chart's zzy_descope_legacy.yaml merges {@code cni.*} onto the top level, at 1.24.6 too).
 */
class MeshValuesTest {
    static final Set<String> BASE = Set.of("base", "defaultRevision", "experimental", "global");
    static final Set<String> CNI = Set.of("affinity", "ambient", "chained", "cniBinDir", "cniConfDir", "cniConfFileName",
            "cniNetnsDir", "daemonSetLabels", "env", "excludeNamespaces", "global", "hub", "image", "istioOwnedCNIConfig",
            "istioOwnedCNIConfigFileName", "logging", "ownerName", "podAnnotations", "podLabels", "provider", "pullPolicy",
            "repair", "resourceQuotas", "resources", "revision", "seLinuxOptions", "seccompProfile", "tag",
            "terminationGracePeriodSeconds", "tolerations", "updateStrategy", "useAppArmorAnnotation", "variant");
    static final Set<String> ISTIOD = Set.of("affinity", "autoscaleBehavior", "autoscaleEnabled", "autoscaleMax",
            "autoscaleMin", "base", "cni", "configMap", "cpu", "deploymentAnnotations", "deploymentLabels", "env",
            "envVarFrom", "experimental", "extraContainerArgs", "gatewayClasses", "gateways", "global", "hub", "image",
            "initContainers", "ipFamilies", "ipFamilyPolicy", "istiodRemote", "jwksResolverExtraRootCA",
            "keepaliveMaxServerConnectionAge", "memory", "meshConfig", "nodeSelector", "ownerName", "pdb", "podAnnotations",
            "podLabels", "replicaCount", "resources", "revision", "revisionTags", "rollingMaxSurge", "rollingMaxUnavailable",
            "seccompProfile", "serviceAccountAnnotations", "serviceAnnotations", "sidecarInjectorWebhook",
            "sidecarInjectorWebhookAnnotations", "tag", "taint", "telemetry", "tolerations", "topologySpreadConstraints",
            "traceSampling", "trustedZtunnelName", "trustedZtunnelNamespace", "variant", "volumeMounts", "volumes");
    static final Set<String> ISTIOD_GLOBAL = Set.of("caAddress", "caName", "certSigners", "configCluster",
            "configValidation", "defaultPodDisruptionBudget", "defaultResources", "externalIstiod", "hub",
            "imagePullPolicy", "imagePullSecrets", "istioNamespace", "istiod", "logAsJson", "logging", "meshID",
            "meshNetworks", "mountMtlsCerts", "multiCluster", "nativeNftables", "network", "networkPolicy",
            "omitSidecarInjectorConfigMap", "operatorManageWebhooks", "pilotCertProvider", "priorityClassName", "proxy",
            "proxy_init", "remotePilotAddress", "resourceScope", "sds", "sts", "tag", "variant", "waypoint");
    static final Set<String> GATEWAY = Set.of("additionalContainers", "affinity", "annotations", "autoscaling",
            "containerSecurityContext", "dnsConfig", "dnsPolicy", "env", "envVarFrom", "global", "imagePullPolicy",
            "imagePullSecrets", "initContainers", "kind", "labels", "lifecycle", "minReadySeconds", "name", "networkGateway",
            "networkGatewayPorts", "nodeSelector", "podAnnotations", "podDisruptionBudget", "priorityClassName", "rbac",
            "readinessProbe", "replicaCount", "resources", "revision", "securityContext", "service", "serviceAccount",
            "strategy", "terminationGracePeriodSeconds", "tolerations", "topologySpreadConstraints", "volumeMounts", "volumes");
    static final Set<String> GATEWAY_SERVICE = Set.of("annotations", "clusterIP", "externalIPs", "externalTrafficPolicy",
            "healthCheckNodePort", "ipFamilies", "ipFamilyPolicy", "loadBalancerIP", "loadBalancerSourceRanges", "ports",
            "selectorLabels", "type");
    static final Set<String> GATEWAY_AUTOSCALING = Set.of("autoscaleBehavior", "enabled", "maxReplicas", "minReplicas",
            "targetCPUUtilizationPercentage", "targetMemoryUtilizationPercentage");

    private static final MeshSettings PRODUCTION = new MeshSettings(MeshSettings.DEFAULT_ISTIO_VERSION, "api.multiship.com",
            "Z0PRODUCTION4MULTISHIP", GatewayScheme.INTERNET_FACING, 3);

    @Test
    void everyValueIsAKeyThePinnedChartsRead() {
        assertThat(MeshValues.base().keySet()).isSubsetOf(BASE);
        assertThat(MeshValues.cni().keySet()).isSubsetOf(CNI);
        var istiod = MeshValues.istiod(true);
        assertThat(istiod.keySet()).isSubsetOf(ISTIOD);
        assertThat(keys(istiod.get("global"))).isSubsetOf(ISTIOD_GLOBAL);
        var gateway = MeshValues.gateway(PRODUCTION, "arn:aws:acm:us-east-1:123456789012:certificate/api");
        assertThat(gateway.keySet()).isSubsetOf(GATEWAY);
        assertThat(keys(gateway.get("service"))).isSubsetOf(GATEWAY_SERVICE);
        assertThat(keys(gateway.get("autoscaling"))).isSubsetOf(GATEWAY_AUTOSCALING);
    }

    @Test
    void theIstioVersionIsOneUnderSupportThatServesTheClusterVersions() {
        // istio.io: 1.31.0 released 2026-08-31, 1.31.1 its patch; istioctl k8sversion MinK8SVersion 32, client-go v0.36
        assertThat(MeshSettings.DEFAULT_ISTIO_VERSION).isEqualTo("1.31.1");
        assertThat(MeshSettings.SUPPORTED_ISTIO_VERSIONS).containsExactly("1.31.1");
    }

    private static Set<String> keys(Object map) {
        return new TreeSet<>(((Map<?, ?>) map).keySet().stream().map(Object::toString).toList());
    }
}
