package com.multiship.platform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Everything a stack declares, parsed once from its Pulumi config and validated once.
 *
 * <p>Holds no secret: secrets are created by the program or entered by operators into the secrets
 * it creates, and never pass through a stack file.
 *
 * @param project     the Pulumi project, which is also the config namespace ({@code platform})
 * @param stack       the Pulumi stack name, such as {@code production}
 * @param stackFile   the file an operator edits, {@code Pulumi.<stack>.yaml}
 * @param environment {@code platform:environment}: dev, staging or production (required)
 * @param region      {@code aws:region}: where the stack lives (required)
 * @param tags        {@code platform:owner} and {@code platform:costCentre}, applied as default tags
 * @param network     {@code platform:network}
 * @param cluster     {@code platform:cluster}
 * @param services    {@code platform:services}: the service catalogue, in name order
 * @param mesh        {@code platform:mesh}: the Istio mesh and the API host's ingress gateway
 * @param edge        {@code platform:edge}: static assets behind CloudFront (optional outside production)
 * @param database    {@code platform:database}: the PostgreSQL database, its backups and recovery objectives
 * @param alerts      {@code platform:alerts}: who receives the stack's alarms
 * @param namespaces  {@code platform:namespaces}: the quota of every namespace, defaults for those left out
 * @param traffic     {@code platform:traffic}: the API host and the largest production canary step
 * @param registry    {@code platform:registry}: how many releases the image repositories keep
 * @param observability {@code platform:observability}: metrics, alert thresholds and routing, the release gate
 */
public record StackSettings(
        String project,
        String stack,
        String stackFile,
        Environment environment,
        String region,
        Tags tags,
        NetworkSettings network,
        ClusterSettings cluster,
        java.util.List<ServiceSettings> services,
        MeshSettings mesh,
        EdgeSettings edge,
        DatabaseSettings database,
        AlertSettings alerts,
        java.util.List<NamespaceSettings> namespaces,
        TrafficSettings traffic,
        RegistrySettings registry,
        ObservabilitySettings observability) {

    /** CloudFront certificates and WAF web ACLs for CloudFront live only here. */
    public static final String EDGE_REGION = "us-east-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The default tags of every AWS provider of this stack. */
    public Map<String, String> defaultTags() {
        return tags.defaultTags(project, stack, environment);
    }

    /**
     * Parses and validates the settings of one stack.
     *
     * @param config the stack's config as the Pulumi CLI sends it: {@code "<namespace>:<key>"} to a string,
     *               structured values as JSON text; read through {@code ctx.config()} by {@link StackConfig}
     * @throws SettingsException listing every problem, before anything is declared
     */
    public static StackSettings parse(StackConfig config) {
        var problems = new Problems(config.stackFile());
        var root = SettingsNode.root(config.project(), projectObject(config, problems), problems);

        var environmentText = root.string("environment", SettingsNode.ANY_TEXT, "one of " + Environment.allowedIds());
        var environment = Environment.fromId(environmentText).orElse(null);
        if (environment == null && !environmentText.isEmpty()) {
            root.invalid("environment", environmentText, "one of " + Environment.allowedIds());
        }
        var region = config.awsRegion().orElse("");
        if (!AwsRegions.exists(region)) {
            problems.invalid("aws:region", config.awsRegion().map(SettingsNode::render).orElse("nothing (the key is missing)"),
                    AwsRegions.ALLOWED + ", such as us-east-1");
        }
        var tags = new Tags(
                root.string("owner", Tags.TAG_VALUE, Tags.TAG_VALUE_ALLOWED),
                root.string("costCentre", Tags.TAG_VALUE, Tags.TAG_VALUE_ALLOWED));
        // With no valid environment its rules cannot be judged: report what is wrong in any environment now (the most
        // lenient rules are dev's); the environment's own rules are reported once it is fixed.
        var rulesOf = environment == null ? Environment.DEV : environment;
        var network = NetworkSettings.parse(root.object("network"), rulesOf,
                AwsRegions.exists(region) ? region : null);
        var cluster = ClusterSettings.parse(root.object("cluster"), rulesOf);
        var services = ServiceSettings.parseAll(root, environment);
        var namespaces = NamespaceSettings.parseAll(root);
        NamespaceSettings.checkCapacity(namespaces, services, problems);
        var traffic = TrafficSettings.parse(root.objectOrDefaults("traffic"));
        var registry = RegistrySettings.parse(root.objectOrDefaults("registry"));
        var mesh = MeshSettings.parse(root.object("mesh"), rulesOf);
        var edge = EdgeSettings.parse(root.objectOrDefaults("edge"), rulesOf);
        var database = DatabaseSettings.parse(root, rulesOf, region);
        var alerts = AlertSettings.parse(root, rulesOf);
        var observability = ObservabilitySettings.parse(root, rulesOf);
        root.finish();
        problems.throwIfAny();
        return new StackSettings(config.project(), config.stack(), config.stackFile(), environment, region, tags,
                network, cluster, services, mesh, edge, database, alerts, namespaces, traffic, registry, observability);
    }

    /** The project namespace as one JSON object: scalars as text, structured values parsed from their JSON text. */
    private static ObjectNode projectObject(StackConfig config, Problems problems) {
        var object = JsonNodeFactory.instance.objectNode();
        config.projectValues().forEach((key, raw) -> {
            if (config.secretKeys().contains(key)) {
                problems.other(config.project() + ":" + key + " is a secret value: the platform takes no secrets from stack files"
                        + " (remove it with `pulumi config rm " + key + "`; secrets are created by the platform or entered into"
                        + " the Secrets Manager secrets it creates)");
                return;
            }
            object.set(key, parseValue(raw));
        });
        return object;
    }

    private static com.fasterxml.jackson.databind.JsonNode parseValue(String raw) {
        var trimmed = raw.trim();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(trimmed);
            } catch (JsonProcessingException e) {
                return JsonNodeFactory.instance.textNode(raw);
            }
        }
        return JsonNodeFactory.instance.textNode(raw);
    }
}
