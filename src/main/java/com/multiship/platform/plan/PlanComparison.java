package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What changes between two plans of one stack (for example the base branch and a pull request): resources added,
 * removed and changed, by URN, with each changed input and option, and the danger flags a reviewer must see:
 * a stateful resource changed or removed, and a change to an input known to force a replacement
 * ({@link ResourceRules}). Offline: the provider's own diff is what {@code pulumi preview} adds.
 *
 * @param stack   the stack of the head plan
 * @param added   resources only in the head plan
 * @param removed resources only in the base plan
 * @param changed resources in both whose inputs or options differ
 * @param traffic the routing and images of every service, before and after ({@link TrafficTable})
 * @param liveColourChanges one warning per changed Deployment of a colour that served traffic before the change
 */
public record PlanComparison(String stack, List<PlannedResource> added, List<PlannedResource> removed,
                             List<ResourceChange> changed, TrafficTable traffic, List<String> liveColourChanges) {

    private static final EnumSet<DiffFlags> DIFF_FLAGS = EnumSet.of(DiffFlags.OMIT_MOVE_OPERATION,
            DiffFlags.OMIT_COPY_OPERATION, DiffFlags.ADD_ORIGINAL_VALUE_ON_REPLACE);

    /**
     * One changed path.
     *
     * @param path   {@code inputs.<dotted path>} (list items as {@code [n]}) or {@code options.<option>}
     * @param before the value in the base plan; a missing node when it was absent
     * @param after  the value in the head plan; a missing node when it is gone
     */
    public record InputChange(String path, JsonNode before, JsonNode after) {}

    /**
     * One resource that differs.
     *
     * @param replacingPaths the rule paths ({@link ResourceRules}) its changes touch: a replacement is expected
     */
    public record ResourceChange(String urn, String type, String name, boolean stateful, List<InputChange> changes,
                                 List<String> replacingPaths) {
        public boolean forcesReplacement() {
            return !replacingPaths.isEmpty();
        }
    }

    /** Compares two plans; either may be of a different program version, resources are matched by URN. */
    public static PlanComparison compare(Plan base, Plan head) {
        var before = byUrn(base);
        var after = byUrn(head);
        var added = head.resources().stream().filter(r -> !before.containsKey(r.urn())).toList();
        var removed = base.resources().stream().filter(r -> !after.containsKey(r.urn())).toList();
        var changed = new ArrayList<ResourceChange>();
        for (var resource : head.resources()) {
            var old = before.get(resource.urn());
            if (old != null) {
                var change = diff(old, resource);
                if (!change.changes().isEmpty()) {
                    changed.add(change);
                }
            }
        }
        return new PlanComparison(head.stack(), added, removed, List.copyOf(changed), TrafficTable.of(base, head),
                TrafficTable.liveColourChanges(base, changed));
    }

    /** True when nothing differs. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** The danger flags: stateful resources changed, replaced or removed, and replacements. One sentence each. */
    public List<String> dangers() {
        var dangers = new ArrayList<String>();
        for (var resource : removed) {
            if (ResourceRules.isStateful(resource.type())) {
                dangers.add("stateful resource removed: " + resource.type() + " " + resource.name()
                        + (resource.protect() ? " (protected: the deletion fails until unprotected)" : ""));
            }
        }
        for (var change : changed) {
            var paths = change.changes().stream().map(InputChange::path).collect(Collectors.joining(", "));
            if (change.stateful() && change.forcesReplacement()) {
                dangers.add("stateful resource REPLACED: " + change.type() + " " + change.name() + " (" +
                        String.join(", ", change.replacingPaths()) + " forces a replacement)");
            } else if (change.forcesReplacement()) {
                dangers.add("replacement: " + change.type() + " " + change.name() + " ("
                        + String.join(", ", change.replacingPaths()) + " forces a replacement)");
            } else if (change.stateful()) {
                dangers.add("stateful resource changed: " + change.type() + " " + change.name() + " (" + paths + ")");
            }
        }
        return dangers;
    }

    /** Weight steps larger than {@code maxStep} percentage points, one sentence each. */
    public List<String> stepWarnings(int maxStep) {
        return traffic.stepsAbove(maxStep);
    }

    private static ResourceChange diff(PlannedResource before, PlannedResource after) {
        var changes = new ArrayList<InputChange>();
        var patch = JsonDiff.asJson(before.inputs(), after.inputs(), DIFF_FLAGS);
        for (var operation : patch) {
            var pointer = operation.path("path").asText();
            var op = operation.path("op").asText();
            // An added list item shifts the ones after it: only a replaced path has a meaningful value on both sides.
            JsonNode old = op.equals("add") ? MissingNode.getInstance() : before.inputs().at(pointer);
            JsonNode now = op.equals("remove") ? MissingNode.getInstance() : after.inputs().at(pointer);
            changes.add(new InputChange("inputs." + dotted(pointer), old, now));
        }
        option(changes, "protect", before, after, r -> r.protect());
        option(changes, "retainOnDelete", before, after, r -> r.retainOnDelete());
        option(changes, "deleteBeforeReplace", before, after, r -> r.deleteBeforeReplace());
        option(changes, "provider", before, after, PlannedResource::provider);
        option(changes, "parent", before, after, PlannedResource::parent);
        option(changes, "ignoreChanges", before, after, PlannedResource::ignoreChanges);
        option(changes, "replaceOnChanges", before, after, PlannedResource::replaceOnChanges);
        option(changes, "additionalSecretOutputs", before, after, PlannedResource::additionalSecretOutputs);

        var rules = ResourceRules.replacingInputs(after.type(), after.replaceOnChanges());
        var replacing = new LinkedHashMap<String, Boolean>();
        for (var change : changes) {
            if (change.path().startsWith("inputs.")) {
                var rule = ResourceRules.matching(change.path().substring("inputs.".length()), rules);
                if (rule != null) {
                    replacing.put(rule, true);
                }
            } else if (change.path().equals("options.provider")) {
                // A resource moved to another provider instance is read and diffed by that provider; the engine
                // replaces it when the providers are not interchangeable (for example another region).
                replacing.put("provider", true);
            }
        }
        return new ResourceChange(after.urn(), after.type(), after.name(), ResourceRules.isStateful(after.type()),
                List.copyOf(changes), List.copyOf(replacing.keySet()));
    }

    private static void option(List<InputChange> changes, String name, PlannedResource before, PlannedResource after,
                               Function<PlannedResource, Object> read) {
        var old = read.apply(before);
        var now = read.apply(after);
        if (!Objects.equals(old, now)) {
            changes.add(new InputChange("options." + name, json(old), json(now)));
        }
    }

    private static JsonNode json(Object value) {
        return value == null ? MissingNode.getInstance() : Plan.JSON.valueToTree(value);
    }

    /** {@code /vpcConfig/subnetIds/0} -> {@code vpcConfig.subnetIds[0]}; keys with dots or slashes quoted. */
    static String dotted(String pointer) {
        var out = new StringBuilder();
        for (var raw : pointer.substring(pointer.isEmpty() ? 0 : 1).split("/", -1)) {
            var segment = raw.replace("~1", "/").replace("~0", "~");
            if (segment.matches("\\d+") || segment.equals("-")) {
                out.append('[').append(segment).append(']');
            } else if (segment.contains(".") || segment.contains("/")) {
                out.append("[\"").append(segment).append("\"]");
            } else {
                out.append(out.isEmpty() ? "" : ".").append(segment);
            }
        }
        return out.toString();
    }

    private static java.util.Map<String, PlannedResource> byUrn(Plan plan) {
        var map = new LinkedHashMap<String, PlannedResource>();
        plan.resources().forEach(r -> map.put(r.urn(), r));
        return map;
    }
}
