package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The SDK's mock monitor, recording each {@code RegisterResourceRequest} exactly as the SDK would send it to the
 * engine: inputs (with secrets marked) and the resource options that matter for safety.
 */
final class RecordingMonitor extends MockMonitor {
    // The SDK's wire markers (sdk/proto: "special signatures").
    static final String SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
    static final String SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";
    static final String RESOURCE_SIGNATURE = "5cf8f73096256a8f31e491e813e4eb8e";
    static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    static final String SECRET_MARK = "[secret]";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();
    private final ConcurrentLinkedQueue<PlannedResource> recorded = new ConcurrentLinkedQueue<>();
    private final java.util.Set<String> urns = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RecordingMonitor(Mocks mocks, Log log) {
        super(mocks, log);
    }

    List<PlannedResource> recorded() {
        return List.copyOf(recorded);
    }

    @Override
    public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource, RegisterResourceRequest request) {
        // The stand-in engine derives every random-looking value from the URN, as the engine seeds auto-names.
        PlanMocks.CURRENT_URN.set(com.pulumi.core.internal.Urn.create(
                com.pulumi.deployment.Deployment.getInstance().getStackName(),
                com.pulumi.deployment.Deployment.getInstance().getProjectName(),
                java.util.Optional.of(request.getParent()), request.getType(), request.getName()));
        CompletableFuture<RegisterResourceResponse> registered;
        try {
            registered = super.registerResourceAsync(resource, request);
        } finally {
            PlanMocks.CURRENT_URN.remove();
        }
        return registered.thenApply(response -> {
            // The engine refuses a second registration of one URN and stops the update (pulumi/pulumi
            // pkg/resource/deploy/step_generator.go); the mock monitor would record both.
            if (!urns.add(response.getUrn())) {
                throw new IllegalStateException("Duplicate resource URN '" + response.getUrn()
                        + "'; try giving it a unique name");
            }
            recorded.add(new PlannedResource(
                    response.getUrn(),
                    request.getType(),
                    request.getName(),
                    request.getCustom(),
                    emptyToNull(request.getParent()),
                    emptyToNull(providerUrn(request.getProvider())),
                    inputsOf(request),
                    request.getProtect(),
                    request.getRetainOnDelete(),
                    request.getDeleteBeforeReplace(),
                    List.copyOf(request.getIgnoreChangesList()),
                    request.getDependenciesList().stream().distinct().sorted().toList(),
                    List.copyOf(request.getAdditionalSecretOutputsList()),
                    List.copyOf(request.getReplaceOnChangesList()),
                    request.getCustom() ? (response.getId().isEmpty() ? UNKNOWN : response.getId()) : null,
                    request.getCustom() ? outputsOf(request, response) : null));
            return response;
        });
    }

    /** A provider reference is {@code <urn>::<id>}; the plan names the provider by its URN. */
    private static String providerUrn(String reference) {
        int separator = reference.lastIndexOf("::");
        return separator < 0 ? reference : reference.substring(0, separator);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static JsonNode inputsOf(RegisterResourceRequest request) {
        try {
            return markSecrets(JSON.readTree(PRINTER.print(request.getObject())));
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the inputs of " + request.getName(), e);
        }
    }

    /**
     * The engine keeps secret what was secret going in and what the program lists as additional secret outputs;
     * the mock monitor hands the mocks plain values, so the recording marks them again.
     */
    private static JsonNode outputsOf(RegisterResourceRequest request, RegisterResourceResponse response) {
        try {
            var outputs = (com.fasterxml.jackson.databind.node.ObjectNode) markSecrets(JSON.readTree(PRINTER.print(response.getObject())));
            var inputs = inputsOf(request);
            var names = new java.util.ArrayList<String>();
            outputs.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                if (request.getAdditionalSecretOutputsList().contains(name)) {
                    outputs.put(name, SECRET_MARK);
                } else if (holdsSecret(inputs.path(name))) {
                    // The provider echoes the input; its secret parts stay marked where they were.
                    outputs.set(name, inputs.get(name));
                }
            }
            return outputs;
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read the outputs of " + response.getUrn(), e);
        }
    }

    private static boolean holdsSecret(JsonNode node) {
        if (node.isTextual()) {
            return SECRET_MARK.equals(node.asText());
        }
        for (var child : node) {
            if (holdsSecret(child)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces every secret value by {@code "[secret]"}, so that a plan never holds one; references become URNs. */
    static JsonNode markSecrets(JsonNode node) {
        if (node.isObject()) {
            var signature = node.path(SIGNATURE_KEY).asText("");
            if (SECRET_SIGNATURE.equals(signature)) {
                return JsonNodeFactory.instance.textNode(SECRET_MARK);
            }
            if (RESOURCE_SIGNATURE.equals(signature)) {
                return node.path("urn");
            }
            var copy = JsonNodeFactory.instance.objectNode();
            var names = new java.util.TreeSet<String>();
            node.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> copy.set(name, markSecrets(node.get(name))));
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(markSecrets(item)));
            return copy;
        }
        if (node.isFloatingPointNumber() && node.asDouble() == Math.rint(node.asDouble()) && Math.abs(node.asDouble()) < 1e15) {
            // The wire carries every number as a double; whole ones are shown as the integers they were declared as.
            return JsonNodeFactory.instance.numberNode(node.asLong());
        }
        return node;
    }

    static ObjectNode object(Map<String, ?> values) {
        return JSON.valueToTree(values);
    }
}
