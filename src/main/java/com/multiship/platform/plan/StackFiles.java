package com.multiship.platform.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} and turns them into the config the Pulumi CLI hands the
 * program ({@code PULUMI_CONFIG}): keys {@code "<namespace>:<key>"}, scalars as text, structured values as JSON with
 * object keys sorted (the CLI marshals them with Go's encoding/json, which sorts map keys), and the defaults that
 * {@code Pulumi.yaml} declares applied where the stack file sets nothing, after checking declared types as the CLI does.
 *
 * @param project     the project name from {@code Pulumi.yaml}
 * @param stack       the stack name
 * @param stackConfig the {@code config:} block of the stack file, keys as written
 * @param declared    the {@code config:} block of {@code Pulumi.yaml}
 */
public record StackFiles(String project, String stack, ObjectNode stackConfig, ObjectNode declared) {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper SORTED_JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public static StackFiles read(Path projectDir, String stack) throws IOException {
        var project = YAML.readTree(projectDir.resolve("Pulumi.yaml").toFile());
        var stackFile = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.exists(stackFile)) {
            throw new IOException("no stack file " + stackFile + " (stacks are defined by Pulumi.<stack>.yaml files)");
        }
        var config = YAML.readTree(stackFile.toFile()).path("config");
        return new StackFiles(project.path("name").asText(), stack,
                config.isObject() ? (ObjectNode) config.deepCopy() : YAML.createObjectNode(),
                project.path("config").isObject() ? (ObjectNode) project.path("config") : YAML.createObjectNode());
    }

    /** A copy whose stack config is changed by {@code edit}: tests use it to make bad stack files. */
    public StackFiles with(java.util.function.Consumer<ObjectNode> edit) {
        var copy = stackConfig.deepCopy();
        edit.accept(copy);
        return new StackFiles(project, stack, copy, declared);
    }

    /**
     * The stack's settings, parsed from the files without running the program (for tools such as the plan comparison
     * and the release gate); the same parser the program uses, so the same problems are reported.
     *
     * @throws com.multiship.platform.config.SettingsException when the stack file is invalid
     */
    public com.multiship.platform.config.StackSettings settings() {
        return com.multiship.platform.config.StackSettings.parse(
                com.multiship.platform.config.StackConfig.fromEngineConfig(project, stack, engineConfig(), secretKeys()));
    }

    /** The config as the CLI sends it in {@code PULUMI_CONFIG}. */
    public Map<String, String> engineConfig() {
        var config = new TreeMap<String, String>();
        stackConfig.fields().forEachRemaining(e -> config.put(qualified(e.getKey()), engineValue(e.getValue())));
        declared.fields().forEachRemaining(e -> {
            var key = qualified(e.getKey());
            var declaration = e.getValue();
            if (!config.containsKey(key) && declaration.has("default")) {
                config.put(key, engineValue(declaration.get("default")));
            }
            if (config.containsKey(key) && declaration.has("type")) {
                checkDeclaredType(key, declaration.get("type").asText(), stackConfig.get(e.getKey()));
            }
        });
        return config;
    }

    /** The keys the CLI would mark secret: values written as {@code secure:} in the stack file. */
    public Set<String> secretKeys() {
        var keys = new TreeSet<String>();
        stackConfig.fields().forEachRemaining(e -> {
            if (e.getValue().isObject() && e.getValue().has("secure")) {
                keys.add(qualified(e.getKey()));
            }
        });
        return keys;
    }

    private String qualified(String key) {
        return key.contains(":") ? key : project + ":" + key;
    }

    private static String engineValue(JsonNode value) {
        if (value.isObject() && value.has("secure")) {
            return "[secret: not decrypted offline]";
        }
        if (value.isContainerNode()) {
            try {
                return SORTED_JSON.writeValueAsString(SORTED_JSON.treeToValue(value, Object.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return value.asText();
    }

    /** The CLI refuses to run a program whose stack value does not have the type Pulumi.yaml declares. */
    private void checkDeclaredType(String key, String type, JsonNode value) {
        if (value == null) {
            return;
        }
        boolean ok = switch (type) {
            case "string" -> value.isValueNode() && !value.isNull();
            case "integer" -> value.isIntegralNumber() || value.asText().matches("-?\\d+");
            case "boolean" -> value.isBoolean() || value.asText().matches("true|false");
            case "array" -> value.isArray();
            default -> true;
        };
        if (!ok) {
            throw new IllegalArgumentException("Stack '" + stack + "' with configuration key '" + key
                    + "' must be of type '" + type + "' (Pulumi.yaml declares it so; edit Pulumi." + stack + ".yaml)");
        }
    }
}
