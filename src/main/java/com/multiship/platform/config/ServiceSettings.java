package com.multiship.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One service the platform runs, from the catalogue {@code platform:services.<name>}.
 *
 * @param name              the service's name, also its Kubernetes service account, Service and ECR repository name
 * @param namespace         the namespace it runs in: one of {@link #NAMESPACES} (required)
 * @param databaseAccess    whether it gets its own database role and a {@code DATABASE_URL}; default false
 * @param thirdPartySecrets third-party keys it needs, by kind ({@link #THIRD_PARTY_KINDS}); operators fill their
 *                          values into the secrets the platform creates; default none
 * @param port              the container port it listens on; default 8080
 * @param ingress           whether the ingress gateway routes the stack's API host to it (and may reach its pods);
 *                          at most one service; default false
 * @param peers             the services that may call it (network policy and mesh); default none
 * @param resources         the application container's requests and limits; default requests 250m / 256Mi,
 *                          limits 500m / 512Mi
 * @param probes            liveness {@code /health}, readiness {@code /ready} and startup {@code /startup} timings;
 *                          defaults from the requirements (see {@link Probes})
 * @param config            the per-environment application settings delivered as a ConfigMap
 * @param autoscaling       the autoscaler of each deployed colour
 * @param release           the release state: colours, images, replicas, stable colour and canary weight
 * @param externalEgress    the outside APIs it calls (a payment gateway, an email service), each a named egress rule of
 *                          its own pods; AWS is reached through the VPC endpoints and needs none. Default none: the
 *                          service's pods reach nothing outside the VPC
 */
public record ServiceSettings(String name, String namespace, boolean databaseAccess, List<String> thirdPartySecrets,
                              int port, boolean ingress, List<String> peers, Resources resources, Probes probes,
                              AppConfig config, Autoscaling autoscaling, ReleaseState release,
                              List<ExternalEgress> externalEgress) {

    /**
     * Egress from the service's pods to an API outside the VPC ({@code platform:services.<name>.externalEgress.<rule>}),
     * declared as the NetworkPolicy {@code <service>-external-<rule>}.
     *
     * @param name  the rule's name, such as {@code payment-gateway}: what is called, for the reviewer
     * @param cidrs the provider's address blocks (required; {@code 0.0.0.0/0} when it publishes none, which opens the
     *              port to the whole internet for this service's pods only)
     * @param ports the TCP ports; default 443
     */
    public record ExternalEgress(String name, List<String> cidrs, List<Integer> ports) {}

    /** The namespaces of the requirements; each service runs in one of them. */
    public static final List<String> NAMESPACES = List.of("catalog-service", "order-service", "infrastructure", "shared-services");

    /** The third-party keys a service may need. */
    public static final Set<String> THIRD_PARTY_KINDS = Set.of("payment-gateway", "email-service", "sms-gateway", "maps-api");

    /**
     * The application container's resources.
     *
     * @param requests what the scheduler reserves and the namespace quota counts; default 250m CPU, 256Mi
     * @param limits   the ceiling; memory above it is killed; default 500m CPU, 512Mi
     */
    public record Resources(Compute requests, Compute limits) {}

    /**
     * One HTTP probe on the container port.
     *
     * @param path                the endpoint (fixed by the requirements)
     * @param initialDelaySeconds wait after the container starts (after the startup probe, for liveness and readiness)
     * @param periodSeconds       how often it is probed
     * @param failureThreshold    consecutive failures before the pod is restarted (liveness, startup) or taken out of
     *                            the Service (readiness)
     */
    public record Probe(String path, int initialDelaySeconds, int periodSeconds, int failureThreshold) {}

    /**
     * The three probes. Defaults: liveness {@code /health} 30 s initial delay, every 10 s, 3 failures (the requirements'
     * "3 failed health checks"); readiness {@code /ready} 5 s / 5 s, 3 failures; startup {@code /startup} every 5 s,
     * 30 failures (2.5 minutes to start).
     */
    public record Probes(Probe liveness, Probe readiness, Probe startup) {}

    /**
     * Application settings for the environment, delivered to pods as the ConfigMap {@code <service>-config}.
     *
     * @param logLevel debug, info, warn or error; default debug in dev, info in staging, warn in production
     * @param features feature flags by name; a flag named {@code experimental-...} must be on in dev and off in staging
     *                 and production (stable features only); default none
     */
    public record AppConfig(String logLevel, Map<String, Boolean> features) {}

    /**
     * The HorizontalPodAutoscaler of each deployed colour; its minimum is the colour's replicas.
     *
     * @param maxReplicas      the most pods of one colour; default twice the colour's replicas
     * @param targetCpuPercent average CPU utilisation (of requests) the autoscaler aims at; default 70 (the
     *                         requirements' CPU target)
     */
    public record Autoscaling(Optional<Integer> maxReplicas, int targetCpuPercent) {
        public int maxReplicasFor(int replicas) {
            return maxReplicas.orElse(replicas * 2);
        }
    }

    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,38}[a-z0-9]$");
    static final Pattern FLAG = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    static final String EXPERIMENTAL_PREFIX = "experimental-";
    static final List<String> LOG_LEVELS = List.of("debug", "info", "warn", "error");
    static final Compute DEFAULT_REQUESTS = Compute.of("250m", "256Mi");
    static final Compute DEFAULT_LIMITS = Compute.of("500m", "512Mi");

    /**
     * @param environment the stack's environment; null while it is itself invalid, and then the rules that depend on
     *                    it are left for the next run (defaults follow dev's)
     */
    static List<ServiceSettings> parseAll(SettingsNode node, Environment environment) {
        var nodes = node.objects("services", NAME, "service names (lower case letters, digits and -, 3 to 40 characters)");
        var services = new ArrayList<ServiceSettings>();
        nodes.forEach((name, service) -> services.add(parse(name, service, environment, nodes.keySet())));
        if (services.isEmpty()) {
            node.invalid("services", "nothing", "at least one service");
        }
        var ingress = services.stream().filter(ServiceSettings::ingress).map(ServiceSettings::name).toList();
        for (var extra : ingress.stream().skip(1).toList()) {
            nodes.get(extra).invalid("ingress", true, "false: only one service takes the ingress gateway's traffic ("
                    + ingress.get(0) + " does)");
        }
        return List.copyOf(services);
    }

    private static ServiceSettings parse(String name, SettingsNode node, Environment environment, Set<String> catalogue) {
        var namespaceAllowed = "one of " + String.join(", ", NAMESPACES);
        var namespace = node.string("namespace", SettingsNode.ANY_TEXT, namespaceAllowed);
        if (!namespace.isEmpty() && !NAMESPACES.contains(namespace)) {
            node.invalid("namespace", namespace, namespaceAllowed);
        }
        boolean database = node.bool("databaseAccess", false);
        var kinds = "one of " + String.join(", ", THIRD_PARTY_KINDS.stream().sorted().toList());
        var thirdParty = node.stringList("thirdPartySecrets", SettingsNode.ANY_TEXT, kinds);
        for (int i = 0; i < thirdParty.size(); i++) {
            if (!THIRD_PARTY_KINDS.contains(thirdParty.get(i))) {
                node.invalid("thirdPartySecrets[" + i + "]", thirdParty.get(i), kinds);
            }
        }
        int port = node.integer("port", 1024, 65535, 8080);
        if (port >= 15000 && port <= 15099) {
            node.invalid("port", port, "outside 15000-15099, the ports of the Istio sidecar");
        }
        boolean ingress = node.bool("ingress", false);
        var others = catalogue.stream().filter(s -> !s.equals(name)).sorted().toList();
        var peersAllowed = "another service of platform:services (" + String.join(", ", others) + ")";
        var peers = node.stringList("peers", SettingsNode.ANY_TEXT, peersAllowed);
        for (int i = 0; i < peers.size(); i++) {
            if (!others.contains(peers.get(i))) {
                node.invalid("peers[" + i + "]", peers.get(i), peersAllowed);
            }
        }
        var resources = resources(node.objectOrDefaults("resources"));
        var probes = probes(node.objectOrDefaults("probes"));
        var config = appConfig(node.objectOrDefaults("config"), environment);
        var autoscaling = autoscaling(node.objectOrDefaults("autoscaling"));
        var release = ReleaseState.parse(node.object("release"), environment == null ? Environment.DEV : environment);
        for (var colour : release.deployedColours()) {
            int replicas = release.colour(colour).replicas();
            if (autoscaling.maxReplicas().isPresent() && autoscaling.maxReplicas().get() < replicas) {
                node.invalid("autoscaling.maxReplicas", autoscaling.maxReplicas().get(),
                        "at least the replicas of colour " + colour.id() + " (" + replicas + ")");
            }
        }
        var externalEgress = externalEgress(node);
        node.finish();
        return new ServiceSettings(name, namespace, database, thirdParty, port, ingress, peers, resources, probes,
                config, autoscaling, release, externalEgress);
    }

    static final Pattern RULE_NAME = Pattern.compile("^[a-z][a-z0-9-]{0,38}[a-z0-9]$");

    private static List<ExternalEgress> externalEgress(SettingsNode node) {
        var rules = new ArrayList<ExternalEgress>();
        node.objects("externalEgress", RULE_NAME, "rule names (lower case letters, digits and -, such as payment-gateway)")
                .forEach((ruleName, rule) -> {
                    var cidrs = rule.stringList("cidrs", Ipv4Cidr.SHAPE, "an IPv4 CIDR block such as 203.0.113.0/24");
                    var raw = rule.raw("cidrs");
                    for (int i = 0; i < cidrs.size(); i++) {
                        if (Ipv4Cidr.parse(cidrs.get(i)).isEmpty()) {
                            rule.invalid("cidrs[" + i + "]", cidrs.get(i), "an IPv4 CIDR block such as 203.0.113.0/24");
                        }
                    }
                    if (raw.isMissingNode() || (raw.isArray() && raw.isEmpty())) {
                        rule.invalid("cidrs", raw.isMissingNode() ? "nothing (the key is missing)" : "[]",
                                "the provider's address blocks (0.0.0.0/0 only when it publishes none)");
                    }
                    var ports = new ArrayList<Integer>();
                    var rawPorts = rule.raw("ports");
                    if (!rule.has("ports")) {
                        ports.add(443);
                    } else if (!rawPorts.isArray()) {
                        rule.invalid("ports", rawPorts, "a list of TCP ports 1 to 65535");
                    } else {
                        for (int i = 0; i < rawPorts.size(); i++) {
                            var item = rawPorts.get(i);
                            if (item.isInt() && item.asInt() >= 1 && item.asInt() <= 65535) {
                                ports.add(item.asInt());
                            } else {
                                rule.invalid("ports[" + i + "]", item, "a TCP port 1 to 65535");
                            }
                        }
                    }
                    rule.finish();
                    rules.add(new ExternalEgress(ruleName, cidrs, List.copyOf(ports)));
                });
        return List.copyOf(rules);
    }

    private static Resources resources(SettingsNode node) {
        var requests = Compute.parse(node.objectOrDefaults("requests"), DEFAULT_REQUESTS);
        var limits = Compute.parse(node.objectOrDefaults("limits"), DEFAULT_LIMITS);
        if (limits.cpuMillis() < requests.cpuMillis()) {
            node.invalid("limits.cpu", limits.cpu(), "at least requests.cpu (" + requests.cpu() + ")");
        }
        if (limits.memoryMib() < requests.memoryMib()) {
            node.invalid("limits.memory", limits.memory(), "at least requests.memory (" + requests.memory() + ")");
        }
        var max = NamespaceSettings.MAX_CONTAINER;
        if (limits.cpuMillis() > max.cpuMillis()) {
            node.invalid("limits.cpu", limits.cpu(), "at most " + max.cpu() + ", the largest container the namespaces' LimitRange admits");
        }
        if (limits.memoryMib() > max.memoryMib()) {
            node.invalid("limits.memory", limits.memory(), "at most " + max.memory() + ", the largest container the namespaces' LimitRange admits");
        }
        node.finish();
        return new Resources(requests, limits);
    }

    private static Probes probes(SettingsNode node) {
        var probes = new Probes(
                probe(node.objectOrDefaults("liveness"), new Probe("/health", 30, 10, 3)),
                probe(node.objectOrDefaults("readiness"), new Probe("/ready", 5, 5, 3)),
                probe(node.objectOrDefaults("startup"), new Probe("/startup", 0, 5, 30)));
        node.finish();
        return probes;
    }

    private static Probe probe(SettingsNode node, Probe fallback) {
        var probe = new Probe(fallback.path(),
                node.integer("initialDelaySeconds", 0, 600, fallback.initialDelaySeconds()),
                node.integer("periodSeconds", 1, 300, fallback.periodSeconds()),
                node.integer("failureThreshold", 1, 100, fallback.failureThreshold()));
        node.finish();
        return probe;
    }

    static String defaultLogLevel(Environment environment) {
        return switch (environment) {
            case DEV -> "debug";
            case STAGING -> "info";
            case PRODUCTION -> "warn";
        };
    }

    private static AppConfig appConfig(SettingsNode node, Environment environment) {
        var logLevel = node.string("logLevel", Pattern.compile("^(" + String.join("|", LOG_LEVELS) + ")$"),
                "one of " + String.join(", ", LOG_LEVELS), defaultLogLevel(environment == null ? Environment.DEV : environment));
        var features = node.booleans("features", FLAG, "feature flag names (lower case letters, digits and -)");
        features.forEach((flag, on) -> {
            if (!flag.startsWith(EXPERIMENTAL_PREFIX) || environment == null) {
                return;
            }
            if (environment == Environment.DEV && !on) {
                node.invalid("features." + flag, false, "true in dev (every experimental flag is on in dev)");
            } else if (environment != Environment.DEV && on) {
                node.invalid("features." + flag, true, "false in " + environment.id()
                        + " (stable features only; experimental flags are for dev)");
            }
        });
        node.finish();
        return new AppConfig(logLevel, java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(features)));
    }

    private static Autoscaling autoscaling(SettingsNode node) {
        var max = node.has("maxReplicas") ? Optional.of(node.integer("maxReplicas", 1, 100)) : Optional.<Integer>empty();
        int target = node.integer("targetCpuPercent", 10, 95, 70);
        node.finish();
        return new Autoscaling(max, target);
    }
}
