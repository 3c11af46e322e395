package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per service, the traffic weight each destination subset receives on each HTTP route of its Istio VirtualService,
 * and the image each colour's Deployment runs, before and after. Generic: it reads
 * {@code spec.http[].route[].destination.{host,subset}} and {@code weight} of every VirtualService, and the
 * {@code app} and {@code colour} labels and first container image of every {@code apps/v1} Deployment.
 *
 * @param rows one row per service, route and subset, in that order
 */
public record TrafficTable(List<Row> rows) {
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";

    /**
     * @param service the destination host's first label (the Service and the Deployments' {@code app} label)
     * @param route   the HTTP route's {@code name}, or {@code http[i]} when unnamed
     * @param subset  the destination subset (a colour), or {@code -} when the route names none
     * @param weightBefore percent of the route's requests before; null when the route or subset did not exist
     * @param weightAfter  percent after; null when gone
     * @param imageBefore  the image of the Deployment with {@code app=service, colour=subset} before; null if none
     * @param imageAfter   the image after; null if none
     * @param conditional  whether the route has match conditions (such as the opt-in {@code canary: true} header):
     *                     its weights are not a share of all customer traffic, so they are not steps
     */
    public record Row(String service, String route, String subset, Integer weightBefore, Integer weightAfter,
                      String imageBefore, String imageAfter, boolean conditional) {
        public boolean changed() {
            return !Objects.equals(weightBefore, weightAfter) || !Objects.equals(imageBefore, imageAfter);
        }

        /** The absolute change in weight, in percentage points; a subset absent on one side counts as 0 there. */
        public int step() {
            return Math.abs((weightAfter == null ? 0 : weightAfter) - (weightBefore == null ? 0 : weightBefore));
        }
    }

    static TrafficTable of(Plan base, Plan head) {
        var conditional = new java.util.TreeSet<String>();
        var before = routes(base, conditional);
        var after = routes(head, conditional);
        var imagesBefore = images(base);
        var imagesAfter = images(head);
        var keys = new TreeSet<String>(before.keySet());
        keys.addAll(after.keySet());
        var rows = new ArrayList<Row>();
        for (var key : keys) {
            var parts = key.split("\u0000");
            var service = parts[0];
            var subset = parts[2];
            var colourKey = service + "\u0000" + subset;
            rows.add(new Row(service, parts[1], subset, before.get(key), after.get(key),
                    imagesBefore.get(colourKey), imagesAfter.get(colourKey), conditional.contains(parts[0] + "\u0000" + parts[1])));
        }
        return new TrafficTable(List.copyOf(rows));
    }

    /** Whether any weight or image differs. */
    public boolean changed() {
        return rows.stream().anyMatch(Row::changed);
    }

    /** One warning per route and subset whose weight moves by more than {@code maxStep} points. */
    List<String> stepsAbove(int maxStep) {
        var warnings = new ArrayList<String>();
        // A service routed for the first time has no previous step to compare with.
        var routedBefore = new TreeSet<String>();
        rows.stream().filter(r -> r.weightBefore() != null).forEach(r -> routedBefore.add(r.service()));
        for (var row : rows) {
            if (!row.conditional() && routedBefore.contains(row.service()) && row.step() > maxStep) {
                warnings.add("weight step of " + row.step() + " points exceeds the maximum of " + maxStep + ": "
                        + row.service() + " route " + row.route() + " subset " + row.subset() + " "
                        + row.weightBefore() + " -> " + row.weightAfter());
            }
        }
        return warnings;
    }

    /**
     * Changes to the Deployment of a colour that served live traffic in the base plan: its pods restart under load.
     * A colour is live when a route without match conditions (not the opt-in canary header) gives it weight.
     */
    static List<String> liveColourChanges(Plan base, List<PlanComparison.ResourceChange> changed) {
        var live = new TreeMap<String, Integer>();
        for (var resource : base.resources()) {
            if (!resource.type().startsWith("kubernetes:networking.istio.io/") || !resource.type().endsWith(":VirtualService")) {
                continue;
            }
            for (var route : resource.input("spec.http")) {
                if (route.has("match")) {
                    continue;
                }
                var destinations = route.path("route");
                for (var destination : destinations) {
                    var host = destination.path("destination").path("host").asText("");
                    var service = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
                    int weight = destination.has("weight") ? destination.path("weight").asInt() : destinations.size() == 1 ? 100 : 0;
                    if (weight > 0) {
                        live.merge(service + "\u0000" + destination.path("destination").path("subset").asText("-"), weight, Integer::sum);
                    }
                }
            }
        }
        var warnings = new ArrayList<String>();
        for (var change : changed) {
            if (!change.type().equals(DEPLOYMENT)) {
                continue;
            }
            var deployment = base.resources().stream().filter(r -> r.urn().equals(change.urn())).findFirst().orElseThrow();
            var key = appAndColour(deployment);
            if (key != null && live.containsKey(key)) {
                var parts = key.split("\u0000");
                warnings.add("live colour changed: " + parts[0] + " " + parts[1] + " served " + live.get(key)
                        + "% of its traffic before this change; Deployment " + change.name() + " restarts its pods under load");
            }
        }
        return warnings;
    }

    private static String appAndColour(PlannedResource deployment) {
        var labels = deployment.input("spec.template.metadata.labels");
        if (!labels.has("app") || !labels.has("colour")) {
            labels = deployment.input("metadata.labels");
        }
        return labels.has("app") && labels.has("colour") ? text(labels.get("app")) + "\u0000" + text(labels.get("colour")) : null;
    }

    /** {@code service \0 route \0 subset} -> weight, for every VirtualService of the plan. */
    private static Map<String, Integer> routes(Plan plan, java.util.Set<String> conditionalRoutes) {
        var weights = new TreeMap<String, Integer>();
        for (var resource : plan.resources()) {
            if (!resource.type().startsWith("kubernetes:networking.istio.io/") || !resource.type().endsWith(":VirtualService")) {
                continue;
            }
            var http = resource.input("spec.http");
            for (int i = 0; i < http.size(); i++) {
                var route = http.get(i);
                var routeName = route.path("name").asText("").isEmpty() ? "http[" + i + "]" : route.path("name").asText();
                var destinations = route.path("route");
                if (route.has("match")) {
                    for (var destination : destinations) {
                        var host = destination.path("destination").path("host").asText("");
                        conditionalRoutes.add((host.contains(".") ? host.substring(0, host.indexOf('.')) : host) + "\u0000" + routeName);
                    }
                }
                for (var destination : destinations) {
                    var host = destination.path("destination").path("host").asText("");
                    var service = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
                    var subset = destination.path("destination").path("subset").asText("-");
                    // Istio: a lone destination without a weight receives all of the route's traffic.
                    int weight = destination.has("weight") ? destination.path("weight").asInt()
                            : destinations.size() == 1 ? 100 : 0;
                    weights.merge(service + "\u0000" + routeName + "\u0000" + subset, weight, Integer::sum);
                }
            }
        }
        return weights;
    }

    /** {@code app \0 colour} -> first container image, for every Deployment carrying both labels. */
    private static Map<String, String> images(Plan plan) {
        var images = new LinkedHashMap<String, String>();
        for (var deployment : plan.ofType(DEPLOYMENT)) {
            var labels = deployment.input("spec.template.metadata.labels");
            if (!labels.has("app") || !labels.has("colour")) {
                labels = deployment.input("metadata.labels");
            }
            var image = deployment.input("spec.template.spec.containers.0.image");
            if (labels.has("app") && labels.has("colour") && !image.isMissingNode()) {
                images.put(text(labels.get("app")) + "\u0000" + text(labels.get("colour")), text(image));
            }
        }
        return images;
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
