package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Renders plan comparisons for people: plain text for a terminal, or Markdown for a pull-request comment, one
 * section per stack with the danger flags first, then the traffic table, then every changed resource and input.
 */
public final class PlanReport {
    private static final int VALUE_WIDTH = 80;

    private PlanReport() {}

    /** The report of several stacks; {@code maxStep} null when no step limit applies. */
    public static String render(List<PlanComparison> comparisons, Integer maxStep, boolean markdown) {
        return render(comparisons, stack -> maxStep, markdown);
    }

    /** The report of several stacks, each with its own step limit ({@code maxStepOf} gives null for none). */
    public static String render(List<PlanComparison> comparisons, java.util.function.Function<String, Integer> maxStepOf,
                                boolean markdown) {
        var out = new StringBuilder();
        if (markdown) {
            out.append("## Offline plan comparison (base branch -> this change)\n\n");
        }
        for (var comparison : comparisons) {
            section(out, comparison, maxStepOf.apply(comparison.stack()), markdown);
        }
        return out.toString();
    }

    private static void section(StringBuilder out, PlanComparison c, Integer maxStep, boolean md) {
        var summary = c.changed().size() + " changed, " + c.added().size() + " added, " + c.removed().size() + " removed";
        out.append(md ? "### Stack `" + c.stack() + "`: " + summary + "\n\n" : "Stack " + c.stack() + ": " + summary + "\n");
        if (c.isEmpty()) {
            out.append(md ? "No changes.\n\n" : "  no changes\n\n");
            return;
        }
        var warnings = new java.util.ArrayList<>(c.dangers());
        warnings.addAll(c.liveColourChanges());
        if (maxStep != null) {
            warnings.addAll(c.stepWarnings(maxStep));
        }
        if (!warnings.isEmpty()) {
            out.append(md ? "> [!WARNING]\n" : "  WARNINGS\n");
            warnings.forEach(w -> out.append(md ? "> - " : "  ! ").append(w).append('\n'));
            out.append('\n');
        }
        if (c.traffic().changed()) {
            traffic(out, c.traffic(), md);
        }
        if (md) {
            out.append("| change | type | name | inputs |\n|---|---|---|---|\n");
        }
        c.added().forEach(r -> line(out, md, "add", r.type(), r.name(), ""));
        c.removed().forEach(r -> line(out, md, ResourceRules.isStateful(r.type()) ? "**delete (stateful)**" : "delete",
                r.type(), r.name(), ""));
        for (var change : c.changed()) {
            var kind = change.forcesReplacement() ? (md ? "**replace**" : "REPLACE") : "update";
            var paths = String.join(", ", change.changes().stream().map(PlanComparison.InputChange::path).toList());
            line(out, md, kind + (change.stateful() ? (md ? " (stateful)" : " (stateful)") : ""), change.type(), change.name(), paths);
        }
        out.append('\n');
        if (!c.changed().isEmpty()) {
            out.append(md ? "<details><summary>Changed values</summary>\n\n```diff\n" : "  changed values\n");
            for (var change : c.changed()) {
                out.append(md ? "" : "  ").append(change.type()).append(' ').append(change.name()).append('\n');
                for (var input : change.changes()) {
                    out.append(md ? "- " : "    - ").append(input.path()).append(": ").append(value(input.before())).append('\n');
                    out.append(md ? "+ " : "    + ").append(input.path()).append(": ").append(value(input.after())).append('\n');
                }
            }
            out.append(md ? "```\n</details>\n\n" : "\n");
        }
    }

    private static void traffic(StringBuilder out, TrafficTable table, boolean md) {
        out.append(md ? "| service | route | subset | weight | image |\n|---|---|---|---|---|\n" : "  traffic\n");
        for (var row : table.rows()) {
            var weight = arrow(row.weightBefore(), row.weightAfter());
            var image = arrow(row.imageBefore(), row.imageAfter());
            if (md) {
                out.append("| ").append(row.service()).append(" | ").append(row.route()).append(" | ").append(row.subset())
                        .append(" | ").append(weight).append(" | ").append(image).append(" |\n");
            } else {
                out.append("    ").append(row.service()).append(' ').append(row.route()).append(' ').append(row.subset())
                        .append("  weight ").append(weight).append("  image ").append(image).append('\n');
            }
        }
        out.append('\n');
    }

    private static String arrow(Object before, Object after) {
        var b = before == null ? "-" : before.toString();
        var a = after == null ? "-" : after.toString();
        return b.equals(a) ? b : b + " -> " + a;
    }

    private static void line(StringBuilder out, boolean md, String kind, String type, String name, String paths) {
        if (md) {
            out.append("| ").append(kind).append(" | `").append(type).append("` | ").append(name).append(" | ")
                    .append(paths.isEmpty() ? "" : "`" + paths.replace("|", "\\|") + "`").append(" |\n");
        } else {
            out.append("  ").append(kind).append(' ').append(type).append(' ').append(name)
                    .append(paths.isEmpty() ? "" : "  (" + paths + ")").append('\n');
        }
    }

    private static String value(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "(absent)";
        }
        if (PlanMocks.UNKNOWN.equals(node.asText(null))) {
            // A preview plan: the value is computed by the cloud (pulumi preview shows it as "output<string>").
            return "(known after apply)";
        }
        var text = node.toString();
        return text.length() > VALUE_WIDTH ? text.substring(0, VALUE_WIDTH - 3) + "..." : text;
    }
}
