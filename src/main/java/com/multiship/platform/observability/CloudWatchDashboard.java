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
    private static final String AVERAGE = "Average";
    private static final String SUM = "Sum";
    /** The requirements' database replication-lag target, 100 ms. */
    static final double REPLICATION_TARGET_SECONDS = 0.1;

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
        widgets.add(metric(0, y, "Database CPU (%)", region, AVERAGE, 60, rds("CPUUtilization", database, replica)));
        widgets.add(metric(12, y, "Database connections", region, AVERAGE, 60, rds("DatabaseConnections", database, replica)));
        y += 6;
        widgets.add(metric(0, y, "Free storage (bytes)", region, AVERAGE, 60, rds("FreeStorageSpace", database, Optional.empty())));
        widgets.add(metric(12, y, "Refused database connections (per 5 min)", region, SUM, 300,
                List.of(List.of("Multiship/" + stack, AlertRouting.CONNECTION_FAILURE_METRIC))));
        y += 6;
        final int row = y;
        replica.ifPresent(r -> widgets.add(replicaLag(0, row, region, database, r)));
        // SNS publishes counts: their sum per period is the number of notifications, an average would always be 1.
        widgets.add(metric(12, y, "Alert notifications delivered / failed (per 5 min)", region, SUM, 300, List.of(
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

    /**
     * The replication target's panel: the replica's ReplicaLag per minute against the requirements' 100 ms line, and
     * on the right axis the bytes of WAL the primary has not yet seen received ({@code OldestReplicationSlotLag},
     * PostgreSQL 14.1 and later with replication slots), which, unlike ReplicaLag, stays at zero on a quiet night.
     * ReplicaLag is meaningful against the target only while transactions are committed.
     */
    private static ObjectNode replicaLag(int x, int y, String region, String database, String replica) {
        var widget = metric(x, y, "Replica lag vs the 100 ms target (s; WAL not received, bytes)", region, AVERAGE, 60,
                List.of(List.of("AWS/RDS", "ReplicaLag", "DBInstanceIdentifier", replica)));
        var properties = (ObjectNode) widget.get("properties");
        var slot = ((ArrayNode) properties.get("metrics")).addArray();
        List.of("AWS/RDS", "OldestReplicationSlotLag", "DBInstanceIdentifier", database).forEach(slot::add);
        slot.addObject().put("yAxis", "right").put("stat", "Maximum");
        properties.putObject("annotations").putArray("horizontal").addObject()
                .put("label", "target 100 ms").put("value", REPLICATION_TARGET_SECONDS);
        return widget;
    }

    private static ObjectNode metric(int x, int y, String title, String region, String stat, int periodSeconds,
                                     List<List<String>> metrics) {
        var widget = widget("metric", x, y, 12, 6);
        var properties = widget.putObject("properties");
        properties.put("title", title);
        properties.put("region", region);
        properties.put("view", "timeSeries");
        properties.put("stat", stat);
        properties.put("period", periodSeconds);
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
