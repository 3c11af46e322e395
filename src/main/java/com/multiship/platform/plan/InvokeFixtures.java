package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The offline plan's answers to invokes (data sources), each recorded from a named source on a stated day, so that
 * a plan shows what the cloud said and when, not what a stand-in made up.
 *
 * <p>One file per invoke token, {@code com/multiship/platform/plan/invokes/<token>.json} on the classpath
 * ({@code src/main/resources/...}), where every {@code ':'} and {@code '/'} of the token becomes {@code '_'}:
 * {@code aws:index/getCallerIdentity:getCallerIdentity} is {@code aws_index_getCallerIdentity_getCallerIdentity.json}.
 * Two shapes:
 *
 * <pre>{@code
 * {"source": "<URL or command it was recorded from>", "recorded": "YYYY-MM-DD",
 *  "result": {...}}                                   // one answer, whatever the arguments
 *
 * {"source": "...", "recorded": "YYYY-MM-DD",
 *  "by": ["<key>", ...],                              // what the answer depends on
 *  "results": {"<value>|<value>": {...}, "*": {...}}} // by those keys' values, joined by '|'; "*" for any other
 * }</pre>
 *
 * <p>A key in {@code by} is the name of one of the invoke's arguments (its camelCase schema name, as the SDK
 * sends it), or {@code provider.region}: the region of the provider the invoke runs with. An argument's value
 * reads as text: strings as they are, whole numbers without a fraction, lists and maps as compact JSON, an
 * absent argument as the empty string. When no key of {@code results} matches and there is no {@code "*"}, or
 * there is no file for a token, the plan fails naming the file to add: an offline plan never guesses an answer.
 *
 * <p>Numbers in a result are handed to the SDK as doubles, the way the wire carries them.
 */
public final class InvokeFixtures {
    /** Where the fixture files are, on the classpath. */
    public static final String RESOURCE_DIRECTORY = "com/multiship/platform/plan/invokes/";
    /** The key of {@code by} that stands for the region of the invoke's provider. */
    public static final String PROVIDER_REGION = "provider.region";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Optional<Fixture>> CACHE = new ConcurrentHashMap<>();

    private InvokeFixtures() {}

    /**
     * One recorded answer file.
     *
     * @param token    the invoke token it answers
     * @param source   the URL or command it was recorded from
     * @param recorded the day it was recorded
     * @param by       the keys the answer depends on (empty: one answer)
     * @param results  the answers, by the joined values of {@code by} ({@code ""} when {@code by} is empty)
     */
    public record Fixture(String token, String source, LocalDate recorded, List<String> by, Map<String, JsonNode> results) {}

    /** The file name (under {@link #RESOURCE_DIRECTORY}) that answers a token. */
    public static String fileName(String token) {
        return token.replace(':', '_').replace('/', '_') + ".json";
    }

    /** The recorded fixture for a token, when one exists. */
    public static Optional<Fixture> fixture(String token) {
        return CACHE.computeIfAbsent(token, InvokeFixtures::load);
    }

    /**
     * The recorded answer to an invoke.
     *
     * @param token          the invoke token
     * @param args           the invoke's arguments as the SDK passes them to the mocks
     * @param providerRegion the region of the provider the invoke runs with
     * @throws UnsupportedOperationException when nothing recorded answers it (the message names the file to add)
     */
    public static Map<String, Object> answer(String token, Map<String, Object> args, String providerRegion) {
        var fixture = fixture(token).orElseThrow(() -> new UnsupportedOperationException(
                "the offline plan has no recorded answer for the invoke " + token + ": add src/main/resources/"
                        + RESOURCE_DIRECTORY + fileName(token) + " (see InvokeFixtures)"));
        var values = new ArrayList<String>();
        for (var key : fixture.by()) {
            values.add(PROVIDER_REGION.equals(key) ? providerRegion : text(args.get(key)));
        }
        var key = String.join("|", values);
        var result = Optional.ofNullable(fixture.results().get(key)).or(() -> Optional.ofNullable(fixture.results().get("*")))
                .orElseThrow(() -> new UnsupportedOperationException("the recorded answers for the invoke " + token
                        + " (" + RESOURCE_DIRECTORY + fileName(token) + ", by " + fixture.by() + ") have none for \""
                        + key + "\": record one"));
        @SuppressWarnings("unchecked")
        var answer = (Map<String, Object>) plain(result);
        return answer;
    }

    private static Optional<Fixture> load(String token) {
        var path = RESOURCE_DIRECTORY + fileName(token);
        try (var in = InvokeFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            var root = JSON.readTree(in);
            var source = root.path("source").asText("");
            if (source.isBlank()) {
                throw new IllegalStateException(path + " must say where it was recorded from (\"source\")");
            }
            LocalDate recorded;
            try {
                recorded = LocalDate.parse(root.path("recorded").asText(""));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(path + " must say when it was recorded (\"recorded\": \"YYYY-MM-DD\"), got "
                        + root.path("recorded"), e);
            }
            var by = new ArrayList<String>();
            root.path("by").forEach(k -> by.add(k.asText()));
            var results = new LinkedHashMap<String, JsonNode>();
            if (by.isEmpty()) {
                if (!root.path("result").isObject()) {
                    throw new IllegalStateException(path + " must hold a \"result\" object (or \"by\" and \"results\")");
                }
                results.put("", root.get("result"));
            } else {
                if (!root.path("results").isObject()) {
                    throw new IllegalStateException(path + " names \"by\" but has no \"results\" object");
                }
                root.get("results").fields().forEachRemaining(e -> results.put(e.getKey(), e.getValue()));
            }
            return Optional.of(new Fixture(token, source, recorded, List.copyOf(by), Map.copyOf(results)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Long.toString(n.longValue());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return JSON.valueToTree(value).toString();
        }
        return String.valueOf(value);
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            var list = new ArrayList<Object>();
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
