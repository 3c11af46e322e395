package com.multiship.platform.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * The stack's CloudWatch dashboard body: what AWS measures itself, beside the mesh's metrics in Grafana: the
 * database (CPU, connections, free storage, replica lag, refused connections) and whether alert notifications are
 * delivered. Pure: tested without the engine.
 */
public final class CloudWatchDashboard {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CloudWatchDashboard() {}

    /**
     * @param database  the primary instance's identifier
     * @param replica   the read replica's, when there is one
     * @param topicName the alert topic's name
     */
    public static String body(String region, String stack, String database, Optional<String> replica, String topicName) {
        var body = JSON.objectNode();
        var widgets = body.putArray("widgets");
        int y = 0;
        widgets.add(text(0, y, "# Multiship " + stack + "\nDatabase and alert delivery. Services per colour: the Grafana"
                + " dashboard `" + GrafanaDashboard.uid(stack) + "` (docs/observability.md)."));
        y += 2;
        widgets.add(metric(0, y, "Database CPU (%)", region, rds("CPUUtilization", database, replica)));
        widgets.add(metric(12, y, "Database connections", region, rds("DatabaseConnections", database, replica)));
        y += 6;
        widgets.add(metric(0, y, "Free storage (bytes)", region, rds("FreeStorageSpace", database, Optional.empty())));
        widgets.add(metric(12, y, "Refused database connections (per 5 min)", region,
                List.of(List.of("Multiship/" + stack, AlertRouting.CONNECTION_FAILURE_METRIC))));
        y += 6;
        if (replica.isPresent()) {
            widgets.add(metric(0, y, "Replica lag (s)", region, List.of(List.of("AWS/RDS", "ReplicaLag",
                    "DBInstanceIdentifier", replica.get()))));
        }
        widgets.add(metric(12, y, "Alert notifications delivered / failed", region, List.of(
                List.of("AWS/SNS", "NumberOfNotificationsDelivered", "TopicName", topicName),
                List.of("AWS/SNS", "NumberOfNotificationsFailed", "TopicName", topicName))));
        return body.toString();
    }

    private static List<List<String>> rds(String metric, String database, Optional<String> replica) {
        var metrics = new java.util.ArrayList<List<String>>();
        metrics.add(List.of("AWS/RDS", metric, "DBInstanceIdentifier", database));
        replica.ifPresent(r -> metrics.add(List.of("AWS/RDS", metric, "DBInstanceIdentifier", r)));
        return metrics;
    }

    private static ObjectNode text(int x, int y, String markdown) {
        var widget = widget("text", x, y, 24, 2);
        widget.putObject("properties").put("markdown", markdown);
        return widget;
    }

    private static ObjectNode metric(int x, int y, String title, String region, List<List<String>> metrics) {
        var widget = widget("metric", x, y, 12, 6);
        var properties = widget.putObject("properties");
        properties.put("title", title);
        properties.put("region", region);
        properties.put("view", "timeSeries");
        properties.put("stat", title.contains("per 5 min") ? "Sum" : "Average");
        properties.put("period", title.contains("per 5 min") ? 300 : 60);
        ArrayNode array = properties.putArray("metrics");
        metrics.forEach(m -> {
            var row = array.addArray();
            m.forEach(row::add);
        });
        return widget;
    }

    private static ObjectNode widget(String type, int x, int y, int w, int h) {
        var widget = JSON.objectNode();
        widget.put("type", type);
        widget.put("x", x);
        widget.put("y", y);
        widget.put("width", w);
        widget.put("height", h);
        return widget;
    }
}
