package com.multiship.platform.traffic;

import com.multiship.platform.config.Compute;
import com.multiship.platform.config.Environment;
import com.multiship.platform.config.NamespaceSettings;
import com.multiship.platform.config.ReleaseState.Colour;
import com.multiship.platform.config.ServiceSettings;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.DeploymentArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentSpecArgs;
import com.pulumi.kubernetes.apps.v1.inputs.DeploymentStrategyArgs;
import com.pulumi.kubernetes.apps.v1.inputs.RollingUpdateDeploymentArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapEnvSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvFromSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pods of one colour of a service: a restricted security context (uid 1000, read-only root filesystem with an
 * emptyDir on {@code /tmp}, no privilege escalation, no capabilities, the runtime's seccomp profile), probes and
 * resources from the settings, configuration from the ConfigMap, secrets from {@code <service>-secrets}.
 *
 * <p>The Deployment sets no {@code replicas}: the colour's HorizontalPodAutoscaler owns the count (its minimum is the
 * configured replicas), so a {@code pulumi up} never resets what the autoscaler chose. A new Deployment starts with one
 * pod and the autoscaler raises it to its minimum within seconds.
 */
final class Workload {
    static final String APP_LABEL = "app";
    static final String COLOUR_LABEL = "colour";
    static final String VERSION_LABEL = "version";
    static final String CONFIG_HASH_ANNOTATION = "multiship.io/config-hash";
    static final int RUN_AS = 1000;
    /** Contract with the secrets sync: the Kubernetes Secret {@code <service>-secrets} holds these keys. */
    static final String DATABASE_URL_KEY = "database-url";
    static final String SIGNING_KEY = "signing-key";

    private Workload() {}

    static String secretName(ServiceSettings service) {
        return service.name() + "-secrets";
    }

    static String configMapName(ServiceSettings service) {
        return service.name() + "-config";
    }

    static String deploymentName(ServiceSettings service, Colour colour) {
        return service.name() + "-" + colour.id();
    }

    /** The ConfigMap's data: the environment's application settings, as environment variables. */
    static Map<String, String> configData(ServiceSettings service, Environment environment) {
        var data = new TreeMap<String, String>();
        data.put("SERVICE_NAME", service.name());
        data.put("ENVIRONMENT", environment.id());
        data.put("PORT", String.valueOf(service.port()));
        data.put("LOG_LEVEL", service.config().logLevel());
        service.config().features().forEach((flag, on) ->
                data.put("FEATURE_" + flag.toUpperCase(Locale.ROOT).replace('-', '_'), String.valueOf(on)));
        return data;
    }

    /** A digest of the ConfigMap's data, on the pod template so that a configuration change rolls the pods. */
    static String configHash(Map<String, String> data) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(new TreeMap<>(data).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Istio sidecar's resources, pinned per pod so that the quota check's assumption holds. */
    static Map<String, String> sidecarAnnotations() {
        return Map.of(
                "sidecar.istio.io/proxyCPU", NamespaceSettings.SIDECAR_REQUESTS.cpu(),
                "sidecar.istio.io/proxyMemory", NamespaceSettings.SIDECAR_REQUESTS.memory(),
                "sidecar.istio.io/proxyCPULimit", NamespaceSettings.SIDECAR_LIMITS.cpu(),
                "sidecar.istio.io/proxyMemoryLimit", NamespaceSettings.SIDECAR_LIMITS.memory());
    }

    static DeploymentArgs deployment(ServiceSettings service, Colour colour, Output<String> repositoryUrl, String configHash) {
        var tag = service.release().colour(colour).image().orElseThrow();
        var selector = Map.of(APP_LABEL, service.name(), COLOUR_LABEL, colour.id());
        var annotations = new TreeMap<>(sidecarAnnotations());
        annotations.put(CONFIG_HASH_ANNOTATION, configHash);
        return DeploymentArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(deploymentName(service, colour)).namespace(service.namespace())
                        .labels(selector).build())
                .spec(DeploymentSpecArgs.builder()
                        .selector(LabelSelectorArgs.builder().matchLabels(selector).build())
                        // One new pod before each old one goes: a colour never drops below its replicas, so a single
                        // replica (dev) is never down during a rollout. The namespace quota must hold one surge pod.
                        .strategy(DeploymentStrategyArgs.builder().type("RollingUpdate").rollingUpdate(
                                RollingUpdateDeploymentArgs.builder().maxSurge(1).maxUnavailable(0).build()).build())
                        .revisionHistoryLimit(5)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder()
                                        .labels(Map.of(APP_LABEL, service.name(), COLOUR_LABEL, colour.id(), VERSION_LABEL, tag))
                                        .annotations(annotations)
                                        .build())
                                .spec(pod(service, selector, Output.format("%s:%s", repositoryUrl, tag)))
                                .build())
                        .build())
                .build();
    }

    private static PodSpecArgs pod(ServiceSettings service, Map<String, String> selector, Output<String> image) {
        var runtimeDefault = SeccompProfileArgs.builder().type("RuntimeDefault").build();
        return PodSpecArgs.builder()
                .serviceAccountName(service.name())
                .automountServiceAccountToken(false)
                .securityContext(PodSecurityContextArgs.builder().runAsNonRoot(true).runAsUser(RUN_AS).runAsGroup(RUN_AS)
                        .fsGroup(RUN_AS).seccompProfile(runtimeDefault).build())
                .topologySpreadConstraints(TopologySpreadConstraintArgs.builder()
                        .topologyKey("topology.kubernetes.io/zone").maxSkew(1).whenUnsatisfiable("ScheduleAnyway")
                        .labelSelector(LabelSelectorArgs.builder().matchLabels(selector).build()).build())
                .containers(ContainerArgs.builder()
                        .name(service.name())
                        .image(image)
                        .ports(ContainerPortArgs.builder().name("http").containerPort(service.port()).protocol("TCP").build())
                        .envFrom(EnvFromSourceArgs.builder().configMapRef(ConfigMapEnvSourceArgs.builder()
                                .name(configMapName(service)).build()).build())
                        .env(secretEnv(service))
                        .resources(ResourceRequirementsArgs.builder()
                                .requests(quantities(service.resources().requests()))
                                .limits(quantities(service.resources().limits()))
                                .build())
                        .startupProbe(probe(service.probes().startup()))
                        .livenessProbe(probe(service.probes().liveness()))
                        .readinessProbe(probe(service.probes().readiness()))
                        .securityContext(SecurityContextArgs.builder()
                                .runAsNonRoot(true).runAsUser(RUN_AS).runAsGroup(RUN_AS)
                                .readOnlyRootFilesystem(true)
                                .allowPrivilegeEscalation(false)
                                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                                .seccompProfile(runtimeDefault)
                                .build())
                        .volumeMounts(VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build())
                        .build())
                .volumes(VolumeArgs.builder().name("tmp")
                        .emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("256Mi").build()).build())
                .build();
    }

    /** {@code DATABASE_URL} (database access), {@code <KIND>_API_KEY} per third-party key, {@code SIGNING_KEY}. */
    static List<EnvVarArgs> secretEnv(ServiceSettings service) {
        var env = new ArrayList<EnvVarArgs>();
        if (service.databaseAccess()) {
            env.add(fromSecret(service, "DATABASE_URL", DATABASE_URL_KEY));
        }
        for (var kind : service.thirdPartySecrets()) {
            env.add(fromSecret(service, kind.toUpperCase(Locale.ROOT).replace('-', '_') + "_API_KEY", kind + "-api-key"));
        }
        env.add(fromSecret(service, "SIGNING_KEY", SIGNING_KEY));
        return env;
    }

    private static EnvVarArgs fromSecret(ServiceSettings service, String variable, String key) {
        return EnvVarArgs.builder().name(variable).valueFrom(EnvVarSourceArgs.builder()
                .secretKeyRef(SecretKeySelectorArgs.builder().name(secretName(service)).key(key).build())
                .build()).build();
    }

    private static ProbeArgs probe(ServiceSettings.Probe probe) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(probe.path()).port("http").build())
                .initialDelaySeconds(probe.initialDelaySeconds())
                .periodSeconds(probe.periodSeconds())
                .failureThreshold(probe.failureThreshold())
                .build();
    }

    static Map<String, String> quantities(Compute compute) {
        return Map.of("cpu", compute.cpu(), "memory", compute.memory());
    }
}
