package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One resource registration as the engine receives it, in the shape of {@code target/plan/<stack>.json}.
 *
 * @param urn                     the resource's URN; its type chain shows the parents
 * @param type                    the type token, such as {@code aws:rds/instance:Instance}
 * @param name                    the logical name, the resource's identity in state
 * @param custom                  false for component resources (and the stack), which the engine does not send to a provider
 * @param parent                  the parent's URN
 * @param provider                the URN of the provider resource it is declared with (custom resources only)
 * @param inputs                  inputs under the provider schema's property names; secrets as {@code "[secret]"}
 * @param protect                 the resource's own protect option (not inherited from its parent)
 * @param retainOnDelete          whether deleting it from the program leaves it in the cloud
 * @param deleteBeforeReplace     whether a replacement deletes it before creating the new one
 * @param ignoreChanges           input paths whose changes the engine ignores
 * @param dependencies            URNs it waits for: explicit {@code dependsOn} and the resources its inputs come from
 * @param additionalSecretOutputs outputs the engine stores encrypted beyond the provider's own secret outputs
 * @param replaceOnChanges        input paths whose change forces a replacement
 * @param id                      the id the stand-in engine answered; {@code null} for component resources, the
 *                                unknown sentinel in a preview plan
 * @param outputs                 the state the stand-in engine answered (inputs as checked, plus what the provider
 *                                computes), secrets as {@code "[secret]"}, unknowns as the sentinel; {@code null}
 *                                for component resources
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        boolean custom,
        String parent,
        String provider,
        JsonNode inputs,
        boolean protect,
        boolean retainOnDelete,
        boolean deleteBeforeReplace,
        List<String> ignoreChanges,
        List<String> dependencies,
        List<String> additionalSecretOutputs,
        List<String> replaceOnChanges,
        String id,
        JsonNode outputs) {

    @com.fasterxml.jackson.annotation.JsonCreator
    public PlannedResource {
    }

    /** A registration without a recorded answer (component resources, hand-made test plans). */
    public PlannedResource(String urn, String type, String name, boolean custom, String parent, String provider,
                           JsonNode inputs, boolean protect, boolean retainOnDelete, boolean deleteBeforeReplace,
                           List<String> ignoreChanges, List<String> dependencies, List<String> additionalSecretOutputs,
                           List<String> replaceOnChanges) {
        this(urn, type, name, custom, parent, provider, inputs, protect, retainOnDelete, deleteBeforeReplace,
                ignoreChanges, dependencies, additionalSecretOutputs, replaceOnChanges, null, null);
    }

    /** Reads a recorded output by a dotted path such as {@code vpcConfig.clusterSecurityGroupId}; missing node when absent. */
    public JsonNode output(String dottedPath) {
        if ("id".equals(dottedPath)) {
            return id == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(id);
        }
        var node = outputs == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : outputs;
        for (var part : dottedPath.split("\\.")) {
            node = part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    /** Reads an input by a dotted path such as {@code vpcConfig.endpointPublicAccess}; missing node when absent. */
    public JsonNode input(String dottedPath) {
        var node = inputs;
        for (var part : dottedPath.split("\\.")) {
            node = part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }
}
