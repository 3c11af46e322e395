package com.multiship.platform.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.config.ObservabilitySettings.Thresholds;

import java.util.List;

/**
 * The stack's Grafana dashboard (JSON model), one row per service and in each panel one line per colour: requests per
 * second, 5xx share, p95 response time, CPU and memory. The alert thresholds are drawn on the panels they apply to.
 * Queries go to a Prometheus data source chosen by the {@code datasource} variable (the stack's workspace).
 * Pure: tested without the engine.
 */
public final class GrafanaDashboard {
    static final int WIDTH = 24;
    static final int PANEL_HEIGHT = 8;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A service on the dashboard: its name and namespace. */
    public record Service(String name, String namespace) {}

    private GrafanaDashboard() {}

    /** The dashboard's uid, stable per stack: links and bookmarks survive a re-import. */
    public static String uid(String stack) {
        return "multiship-" + stack + "-services";
    }

    public static ObjectNode of(String stack, List<Service> services, Thresholds thresholds) {
        var dashboard = JSON.objectNode();
        dashboard.put("uid", uid(stack));
        dashboard.put("title", "Multiship " + stack + ": services by colour");
        dashboard.put("schemaVersion", 39);
        dashboard.put("refresh", "1m");
        dashboard.putObject("time").put("from", "now-3h").put("to", "now");
        dashboard.putArray("tags").add("multiship").add(stack);
        var variable = dashboard.putObject("templating").putArray("list").addObject();
        variable.put("name", "datasource");
        variable.put("label", "Prometheus workspace");
        variable.put("type", "datasource");
        variable.put("query", "prometheus");
        var panels = dashboard.putArray("panels");
        int y = 0;
        int id = 1;
        for (var service : services) {
            var row = panels.addObject();
            row.put("id", id++);
            row.put("type", "row");
            row.put("title", service.name() + " (" + service.namespace() + ")");
            row.put("collapsed", false);
            grid(row, 0, y++, WIDTH, 1);
            var selector = "reporter=\"destination\",destination_workload_namespace=\"" + service.namespace()
                    + "\",destination_app=\"" + service.name() + "\"";
            var perColour = "destination_workload";
            var pods = "namespace=\"" + service.namespace() + "\",pod=~\"" + service.name() + "-(blue|green)-.*\",container!=\"\",container!=\"POD\"";
            var panelsOfService = List.of(
                    panel(id++, "Requests per second", "reqps", "sum by (" + perColour + ") (rate(" + Promql.REQUESTS
                            + "{" + selector + "}[2m]))", new double[0]),
                    panel(id++, "5xx share", "percentunit", "sum by (" + perColour + ") (rate(" + Promql.REQUESTS + "{"
                                    + selector + "," + Promql.SERVER_ERRORS + "}[2m])) / sum by (" + perColour + ") (rate("
                                    + Promql.REQUESTS + "{" + selector + "}[2m]))",
                            new double[]{thresholds.errorRatePercent() / 100, thresholds.canaryErrorRatePercent() / 100}),
                    panel(id++, "p95 response time", "ms", Promql.p95(selector, "2m", perColour),
                            new double[]{thresholds.p95Ms(), thresholds.canaryP95Ms()}),
                    panel(id++, "CPU (cores)", "short", byColour(service.name(),
                            "rate(container_cpu_usage_seconds_total{" + pods + "}[5m])"), new double[0]),
                    panel(id++, "Memory (working set)", "bytes", byColour(service.name(),
                            "container_memory_working_set_bytes{" + pods + "}"), new double[0]));
            int x = 0;
            for (var panel : panelsOfService) {
                int w = panelsOfService.indexOf(panel) < 3 ? 8 : 12;
                if (x + w > WIDTH) {
                    x = 0;
                    y += PANEL_HEIGHT;
                }
                grid(panel, x, y, w, PANEL_HEIGHT);
                panels.add(panel);
                x += w;
            }
            y += PANEL_HEIGHT;
        }
        return dashboard;
    }

    /** Sums a pod-level series per colour, taken from the pod name {@code <service>-<colour>-...}. */
    static String byColour(String service, String expression) {
        return "sum by (colour) (label_replace(" + expression + ", \"colour\", \"$1\", \"pod\", \"" + service
                + "-(blue|green)-.*\"))";
    }

    private static ObjectNode panel(int id, String title, String unit, String expr, double[] thresholds) {
        var panel = JSON.objectNode();
        panel.put("id", id);
        panel.put("type", "timeseries");
        panel.put("title", title);
        panel.putObject("datasource").put("type", "prometheus").put("uid", "${datasource}");
        var target = panel.putArray("targets").addObject();
        target.put("refId", "A");
        target.put("expr", expr);
        target.put("legendFormat", expr.contains("by (colour)") ? "{{colour}}" : "{{destination_workload}}");
        var defaults = panel.putObject("fieldConfig").putObject("defaults");
        defaults.put("unit", unit);
        if (thresholds.length > 0) {
            defaults.putObject("custom").putObject("thresholdsStyle").put("mode", "line");
            var steps = defaults.putObject("thresholds").put("mode", "absolute").putArray("steps");
            steps.addObject().put("color", "green").putNull("value");
            steps.addObject().put("color", "orange").put("value", thresholds[0]);
            steps.addObject().put("color", "red").put("value", thresholds[1]);
        }
        return panel;
    }

    private static void grid(ObjectNode panel, int x, int y, int w, int h) {
        panel.putObject("gridPos").put("x", x).put("y", y).put("w", w).put("h", h);
    }

    /** All panels' queries, for tests and reviews. */
    static List<String> queries(ObjectNode dashboard) {
        var result = new java.util.ArrayList<String>();
        for (var panel : (ArrayNode) dashboard.get("panels")) {
            panel.path("targets").forEach(t -> result.add(t.path("expr").asText()));
        }
        return result;
    }
}
