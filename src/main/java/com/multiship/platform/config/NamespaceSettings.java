package com.multiship.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The quota of one namespace ({@code platform:namespaces.<namespace>}); every namespace of
 * {@link ServiceSettings#NAMESPACES} exists, with these defaults when the stack file leaves it out:
 * catalog-service 2 CPU / 4Gi and order-service 4 CPU / 8Gi (the requirements), infrastructure 4 CPU / 8Gi, and
 * shared-services 6 CPU / 12Gi (three services; room for one of them to run both colours).
 *
 * <p>The quota counts CPU and memory requests and memory limits. CPU limits are not capped by the quota: CPU is
 * compressible (a container over its limit is throttled, not killed), so the sum of CPU limits may exceed the quota.
 *
 * @param name         the namespace
 * @param requests     the most CPU and memory its pods may request ({@code requests.cpu}, {@code requests.memory})
 * @param limitsMemoryMib the most memory its pods may set as limits ({@code limits.memory}); default twice the requests'
 */
public record NamespaceSettings(String name, Compute requests, int limitsMemoryMib) {

    /** What this program assumes the Istio sidecar (and its init container) asks for: set on every pod by annotation. */
    public static final Compute SIDECAR_REQUESTS = Compute.of("100m", "128Mi");
    /** The sidecar's limits, set on every pod by annotation (Istio's own default would be 2 CPU / 1Gi). */
    public static final Compute SIDECAR_LIMITS = Compute.of("500m", "256Mi");
    /** The LimitRange's requests for a container that states none. */
    public static final Compute DEFAULT_CONTAINER_REQUESTS = Compute.of("100m", "128Mi");
    /** The LimitRange's limits for a container that states none. */
    public static final Compute DEFAULT_CONTAINER_LIMITS = Compute.of("500m", "512Mi");
    /** The LimitRange's largest container: the requirements' largest limits (order service, 2 CPU / 4Gi). */
    public static final Compute MAX_CONTAINER = Compute.of("2", "4Gi");

    static final Map<String, Compute> DEFAULT_QUOTAS = Map.of(
            "catalog-service", Compute.of("2", "4Gi"),
            "order-service", Compute.of("4", "8Gi"),
            "infrastructure", Compute.of("4", "8Gi"),
            "shared-services", Compute.of("6", "12Gi"));

    /** The memory limits quota as Kubernetes writes it. */
    public String limitsMemory() {
        return new Compute(0, limitsMemoryMib).memory();
    }

    static List<NamespaceSettings> parseAll(SettingsNode root) {
        var allowed = "the namespaces " + String.join(", ", ServiceSettings.NAMESPACES);
        var nodes = root.objects("namespaces", Pattern.compile("^(" + String.join("|", ServiceSettings.NAMESPACES) + ")$"), allowed);
        var result = new ArrayList<NamespaceSettings>();
        for (var name : ServiceSettings.NAMESPACES) {
            var fallback = DEFAULT_QUOTAS.get(name);
            var node = nodes.get(name);
            if (node == null) {
                result.add(new NamespaceSettings(name, fallback, fallback.memoryMib() * 2));
                continue;
            }
            int cpu = Compute.cpuMillis(node.scalar("cpu", Compute.CPU, Compute.CPU_ALLOWED, fallback.cpu()));
            int memory = Compute.memoryMib(node.scalar("memory", Compute.MEMORY, Compute.MEMORY_ALLOWED, fallback.memory()));
            int limitsMemory = Compute.memoryMib(node.scalar("limitsMemory", Compute.MEMORY, Compute.MEMORY_ALLOWED,
                    new Compute(0, memory * 2).memory()));
            if (limitsMemory < memory) {
                node.invalid("limitsMemory", new Compute(0, limitsMemory).memory(), "at least memory (" + new Compute(0, memory).memory() + ")");
            }
            node.finish();
            result.add(new NamespaceSettings(name, new Compute(cpu, memory), limitsMemory));
        }
        return List.copyOf(result);
    }

    /**
     * The pods a rolling update adds above a colour's count: Deployments roll one surge pod at a time, and a quota that
     * refuses the surge pod stalls the rollout. A configuration change rolls both colours at once, so every colour
     * counts its own.
     */
    public static final int ROLLOUT_SURGE_PODS = 1;

    /**
     * Checks that the pods of each namespace fit its quota at their most: every deployed colour of every service at
     * its autoscaler's maximum, plus {@link #ROLLOUT_SURGE_PODS} per colour, each pod with the application container
     * and the Istio sidecar. A quota below that stops the autoscaler (the pod it adds is refused) or a rollout.
     */
    static void checkCapacity(List<NamespaceSettings> namespaces, List<ServiceSettings> services, Problems problems) {
        for (var namespace : namespaces) {
            var members = services.stream().filter(s -> s.namespace().equals(namespace.name())).toList();
            var key = "platform:namespaces." + namespace.name() + ".";
            check(problems, key + "cpu", namespace.requests().cpu(), namespace.requests().cpuMillis(), members,
                    "CPU its pods request", s -> s.resources().requests().cpuMillis(), SIDECAR_REQUESTS.cpuMillis(), "m");
            check(problems, key + "memory", namespace.requests().memory(), namespace.requests().memoryMib(), members,
                    "memory its pods request", s -> s.resources().requests().memoryMib(), SIDECAR_REQUESTS.memoryMib(), "Mi");
            check(problems, key + "limitsMemory", namespace.limitsMemory(), namespace.limitsMemoryMib(), members,
                    "memory limits of its pods", s -> s.resources().limits().memoryMib(), SIDECAR_LIMITS.memoryMib(), "Mi");
        }
    }

    /** Sums in the smallest unit ({@code m} or {@code Mi}) so that the arithmetic of the message can be followed. */
    private static void check(Problems problems, String key, String quotaAsWritten, int quota, List<ServiceSettings> members,
                              String what, ToIntFunction<ServiceSettings> perContainer, int sidecar, String unit) {
        int total = members.stream().mapToInt(s -> mostPods(s) * (perContainer.applyAsInt(s) + sidecar)).sum();
        if (total <= quota) {
            return;
        }
        var breakdown = members.stream().filter(s -> mostPods(s) > 0)
                .map(s -> s.name() + ": " + s.release().deployedColours().stream()
                        .map(c -> c.id() + " (" + s.autoscaling().maxReplicasFor(s.release().colour(c).replicas()) + " + "
                                + ROLLOUT_SURGE_PODS + ")")
                        .collect(Collectors.joining(" + "))
                        + " = " + mostPods(s) + " pods x (" + perContainer.applyAsInt(s) + unit + " + " + sidecar + unit + " sidecar)")
                .collect(Collectors.joining("; "));
        problems.invalid(key, quotaAsWritten, "at least " + total + unit + ", the " + what
                + " with each colour at its autoscaler's maximum plus one rollout surge pod, each pod with the Istio sidecar ("
                + breakdown + ")");
    }

    /** The most pods of a service at once: each deployed colour at its autoscaler's maximum, plus its rollout surge. */
    static int mostPods(ServiceSettings service) {
        return service.release().deployedColours().stream()
                .mapToInt(c -> service.autoscaling().maxReplicasFor(service.release().colour(c).replicas()) + ROLLOUT_SURGE_PODS)
                .sum();
    }
}
