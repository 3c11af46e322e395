package com.multiship.platform.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a plan as an indented tree of resources: type, name, safety options and a few key inputs. */
public final class PlanTree {
    private static final int KEY_INPUTS = 4;
    private static final int VALUE_WIDTH = 48;

    private PlanTree() {}

    public static String render(Plan plan) {
        Map<String, List<PlannedResource>> children = new LinkedHashMap<>();
        plan.resources().forEach(r -> children.computeIfAbsent(r.parent() == null ? "" : r.parent(), k -> new ArrayList<>()).add(r));
        children.values().forEach(list -> list.sort(Comparator.comparing(PlannedResource::type).thenComparing(PlannedResource::name)));
        var out = new StringBuilder();
        walk(children, "", 0, out);
        out.append(plan.resources().size()).append(" resources in stack ").append(plan.stack()).append('\n');
        return out.toString();
    }

    private static void walk(Map<String, List<PlannedResource>> children, String parent, int depth, StringBuilder out) {
        for (var r : children.getOrDefault(parent, List.of())) {
            out.append("  ".repeat(depth)).append(r.type()).append("  ").append(r.name());
            if (r.protect()) {
                out.append("  [protected]");
            }
            if (r.retainOnDelete()) {
                out.append("  [retained on delete]");
            }
            if (r.custom() && r.provider() != null) {
                out.append("  (provider ").append(r.provider().substring(r.provider().lastIndexOf("::") + 2)).append(')');
            }
            var keyInputs = keyInputs(r);
            if (!keyInputs.isEmpty()) {
                out.append("\n").append("  ".repeat(depth + 1)).append("  ").append(keyInputs);
            }
            out.append('\n');
            walk(children, r.urn(), depth + 1, out);
        }
    }

    private static String keyInputs(PlannedResource r) {
        var parts = new ArrayList<String>();
        r.inputs().fields().forEachRemaining(e -> {
            if (parts.size() < KEY_INPUTS && e.getValue().isValueNode() && !e.getKey().startsWith("__")) {
                var text = e.getValue().asText();
                parts.add(e.getKey() + "=" + (text.length() > VALUE_WIDTH ? text.substring(0, VALUE_WIDTH - 3) + "..." : text));
            }
        });
        return String.join("  ", parts);
    }
}
