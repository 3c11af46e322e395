package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal reader of the dated invoke fixtures in {@code com/multiship/platform/plan/invokes/<token>.json} (shape
 * {@code {"source", "recorded", "result"}} or {@code {"source", "recorded", "by": [arg], "results": {value: result}}}),
 * for the two invokes the cluster and the database ask (EKS cluster versions, RDS engine versions). It stands in until
 * {@code InvokeFixtures} (branch {@code eng}) answers every invoke from the same files; then this class goes.
 */
final class RecordedInvokes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedInvokes() {}

    static Map<String, Object> answer(String token, Map<String, Object> args) {
        var path = "com/multiship/platform/plan/invokes/" + token.replace(':', '_').replace('/', '_') + ".json";
        JsonNode root;
        try (var in = RecordedInvokes.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new UnsupportedOperationException("no recorded answer for the invoke " + token + ": add " + path);
            }
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var result = root.get("result");
        if (result == null) {
            var key = new ArrayList<String>();
            root.path("by").forEach(k -> key.add(String.valueOf(args.getOrDefault(k.asText(), ""))));
            result = root.path("results").get(String.join("|", key));
            if (result == null) {
                throw new UnsupportedOperationException("the recorded answers of " + path + " have none for " + key);
            }
        }
        @SuppressWarnings("unchecked")
        var answer = (Map<String, Object>) plain(result);
        return answer;
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(plain(item)));
            return list;
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.isNull() ? null : node.asText();
    }
}
