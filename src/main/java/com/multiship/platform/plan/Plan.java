package com.multiship.platform.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What one stack's program declares, as the engine would receive it: the document behind
 * {@code target/plan/<stack>.json}, read by the tests, the policy pack, the plan comparison and reviewers.
 *
 * <p>Shape (stable; see the README): {@code {"project", "stack", "resources": [PlannedResource...], "outputs"}},
 * resources sorted by URN, outputs by name, secret outputs as {@code "[secret]"}.
 */
public record Plan(String project, String stack, List<PlannedResource> resources, JsonNode outputs) {
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public Plan {
        resources = resources.stream().sorted(Comparator.comparing(PlannedResource::urn)).toList();
    }

    /** The resource of this type and logical name. */
    public PlannedResource resource(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("the plan of " + stack + " has no " + type + " named " + name));
    }

    /**
     * What the engine answered for a resource's output, by type, logical name and dotted path ({@code "arn"},
     * {@code "id"}, {@code "vpcConfig.clusterSecurityGroupId"}): what an input wired from that resource must equal.
     *
     * @throws NoSuchElementException when the plan has no such resource or the resource no such output
     */
    public String output(String type, String name, String dottedPath) {
        var value = resource(type, name).output(dottedPath);
        if (value.isMissingNode() || value.isNull()) {
            throw new NoSuchElementException("the plan of " + stack + " records no output " + dottedPath + " of " + type + " " + name);
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** Every resource of this type. */
    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toJson());
    }

    public static Plan read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Plan.class);
    }
}
