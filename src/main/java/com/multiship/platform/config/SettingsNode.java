package com.multiship.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A strict, problem-collecting view of one JSON object of a stack's settings.
 *
 * <p>Every reader records the key as known; {@link #finish()} reports the keys that were never read
 * (typos). Numbers and booleans are parsed strictly: {@code "yes"} is not a boolean and {@code "3"}
 * is not a number. A bad value is reported and a placeholder returned, so that parsing continues
 * and every problem of the file is reported at once.
 */
public final class SettingsNode {
    /** Any text: for values the caller checks itself after reading them (CIDRs, names in a list, enum-like ids). */
    static final Pattern ANY_TEXT = Pattern.compile(".*");

    private final String path;
    private final String childPrefix;
    private final JsonNode json;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> failed = new java.util.HashSet<>();
    // A required object that is missing altogether is reported once, as missing; nothing inside it is reported.
    private boolean silent;

    SettingsNode(String path, JsonNode json, Problems problems) {
        this(path, path + ".", json, problems);
    }

    private SettingsNode(String path, String childPrefix, JsonNode json, Problems problems) {
        this.path = path;
        this.childPrefix = childPrefix;
        this.json = json == null ? MissingNode.getInstance() : json;
        this.problems = problems;
    }

    /** The full key of this object, for example {@code platform:network}. */
    public String path() {
        return path;
    }

    /** The full key of a child, for example {@code platform:network.vpcCidr}. */
    public String key(String child) {
        return childPrefix + child;
    }

    /** The settings of a whole project namespace: children are named {@code <project>:<key>}. */
    static SettingsNode root(String project, JsonNode json, Problems problems) {
        return new SettingsNode(project, project + ":", json, problems);
    }

    public Problems problems() {
        return problems;
    }

    /** Reports a cross-field rule broken at {@code child}; the value is rendered as JSON. */
    public void invalid(String child, Object value, String allowed) {
        failed.add(child);
        if (!silent) {
            problems.invalid(key(child), render(value), allowed);
        }
    }

    /**
     * Whether all these children were read without a problem (absent ones count as fine): cross-field rules
     * check this first, so that one bad value is reported once, not again by every rule that reads it.
     */
    public boolean valid(String... children) {
        for (var child : children) {
            if (failed.contains(child)) {
                return false;
            }
        }
        return true;
    }

    /** A child's value as written, for cross-field messages; a missing node when absent. */
    JsonNode raw(String child) {
        return json.path(child);
    }

    public boolean has(String child) {
        known.add(child);
        return json.has(child) && !json.get(child).isNull();
    }

    /** A required string matching {@code pattern}; {@code allowed} says what is accepted. */
    public String string(String child, Pattern pattern, String allowed) {
        return optionalString(child, pattern, allowed).orElseGet(() -> {
            if (!json.has(child)) {
                missing(child, allowed);
            }
            return "";
        });
    }

    /** A string matching {@code pattern}, or {@code fallback} when the key is absent. */
    public String string(String child, Pattern pattern, String allowed, String fallback) {
        return has(child) ? string(child, pattern, allowed) : fallback;
    }

    public Optional<String> optionalString(String child, Pattern pattern, String allowed) {
        known.add(child);
        var node = json.get(child);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || !pattern.matcher(node.asText()).matches()) {
            invalid(child, node, allowed);
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    /** A required whole number in {@code min..max}. */
    public int integer(String child, int min, int max) {
        known.add(child);
        if (!json.has(child)) {
            missing(child, range(min, max));
            return min;
        }
        return readInteger(child, min, max, range(min, max), min);
    }

    /** A whole number in {@code min..max}, or {@code fallback} when the key is absent. */
    public int integer(String child, int min, int max, int fallback) {
        known.add(child);
        return json.has(child) ? readInteger(child, min, max, range(min, max), fallback) : fallback;
    }

    /** A whole number from a fixed set of values, or {@code fallback} when absent. */
    public int integerOneOf(String child, Set<Integer> allowedValues, int fallback) {
        known.add(child);
        if (!json.has(child)) {
            return fallback;
        }
        var allowed = "one of " + allowedValues.stream().sorted().map(String::valueOf)
                .collect(Collectors.joining(", "));
        var value = readInteger(child, Integer.MIN_VALUE, Integer.MAX_VALUE, allowed, fallback);
        if (!allowedValues.contains(value)) {
            invalid(child, json.get(child), allowed);
            return fallback;
        }
        return value;
    }

    /** A number (fractions allowed) in {@code min..max}, or {@code fallback} when absent. */
    public double decimal(String child, double min, double max, double fallback) {
        known.add(child);
        var node = json.get(child);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            invalid(child, node, "a number from " + fmt(min) + " to " + fmt(max));
            return fallback;
        }
        return node.asDouble();
    }

    /** {@code true} or {@code false} (not "yes", not "1"), or {@code fallback} when absent. */
    public boolean bool(String child, boolean fallback) {
        known.add(child);
        var node = json.get(child);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            invalid(child, node, "true or false");
            return fallback;
        }
        return node.asBoolean();
    }

    /** One of an enum's values, written as in the stack file by {@code idOf}. */
    public <E extends Enum<E>> E oneOf(String child, Class<E> type, Function<E, String> idOf, E fallback) {
        known.add(child);
        var node = json.get(child);
        if (node == null) {
            return fallback;
        }
        for (var candidate : type.getEnumConstants()) {
            if (node.isTextual() && idOf.apply(candidate).equals(node.asText())) {
                return candidate;
            }
        }
        var allowed = "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(idOf)
                .collect(Collectors.joining(", "));
        invalid(child, node, allowed);
        return fallback;
    }

    /**
     * A scalar written either as text or as a number, such as a Kubernetes quantity ({@code cpu: 2} or
     * {@code cpu: 500m}), matching {@code pattern}; {@code fallback} when absent.
     */
    public String scalar(String child, Pattern pattern, String allowed, String fallback) {
        known.add(child);
        var node = json.get(child);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!(node.isTextual() || node.isNumber()) || !pattern.matcher(node.asText()).matches()) {
            problems.invalid(key(child), render(node), allowed);
            return fallback;
        }
        return node.asText();
    }

    /** An object whose keys are names chosen in the stack file (feature flags), each mapping to true or false. */
    public Map<String, Boolean> booleans(String child, Pattern namePattern, String allowedName) {
        known.add(child);
        var node = json.get(child);
        var result = new LinkedHashMap<String, Boolean>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            problems.invalid(key(child), render(node), "an object of " + allowedName + " set to true or false");
            return result;
        }
        node.fields().forEachRemaining(entry -> {
            if (!namePattern.matcher(entry.getKey()).matches()) {
                problems.invalid(key(child), render(entry.getKey()), "keyed by " + allowedName);
            } else if (!entry.getValue().isBoolean()) {
                problems.invalid(key(child) + "." + entry.getKey(), render(entry.getValue()), "true or false");
            } else {
                result.put(entry.getKey(), entry.getValue().asBoolean());
            }
        });
        return result;
    }

    /** A list of strings each matching {@code pattern}; absent means empty. */
    public List<String> stringList(String child, Pattern pattern, String allowedItem) {
        known.add(child);
        var node = json.get(child);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            invalid(child, node, "a list of " + allowedItem);
            return List.of();
        }
        var values = new ArrayList<String>();
        for (int i = 0; i < node.size(); i++) {
            var item = node.get(i);
            if (!item.isTextual() || !pattern.matcher(item.asText()).matches()) {
                invalid(child + "[" + i + "]", item, allowedItem);
                failed.add(child);
            } else {
                values.add(item.asText());
            }
        }
        return List.copyOf(values);
    }

    /** A required object. When absent, that is reported once and an empty, silent one returned. */
    public SettingsNode object(String child) {
        known.add(child);
        var node = json.get(child);
        if (node == null || node.isNull()) {
            missing(child, "an object of settings (see the configuration reference in README.md)");
            var absent = new SettingsNode(key(child), MissingNode.getInstance(), problems);
            absent.silent = true;
            return absent;
        }
        if (node != null && !node.isObject()) {
            invalid(child, node, "an object of settings");
            return new SettingsNode(key(child), MissingNode.getInstance(), problems);
        }
        return new SettingsNode(key(child), node, problems);
    }

    /**
     * An object that may be left out: absent, each of its keys takes its default (and a key required in this
     * environment is reported by name).
     */
    public SettingsNode objectOrDefaults(String child) {
        known.add(child);
        return json.has(child) && !json.get(child).isNull() ? object(child)
                : new SettingsNode(key(child), MissingNode.getInstance(), problems);
    }

    /** An object that may be left out entirely. */
    public Optional<SettingsNode> optionalObject(String child) {
        known.add(child);
        return json.has(child) ? Optional.of(object(child)) : Optional.empty();
    }

    /**
     * An object whose keys are names chosen in the stack file (zones, services, node groups), each
     * mapping to an object of settings; names must match {@code namePattern}. Order is kept.
     */
    public Map<String, SettingsNode> objects(String child, Pattern namePattern, String allowedName) {
        known.add(child);
        var node = json.get(child);
        var result = new LinkedHashMap<String, SettingsNode>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isObject()) {
            invalid(child, node, "an object keyed by " + allowedName);
            return result;
        }
        node.fields().forEachRemaining(entry -> {
            if (!namePattern.matcher(entry.getKey()).matches()) {
                invalid(child, entry.getKey(), "keyed by " + allowedName);
            } else if (!entry.getValue().isObject()) {
                invalid(child + "." + entry.getKey(), entry.getValue(), "an object of settings");
            } else {
                result.put(entry.getKey(), new SettingsNode(key(child) + "." + entry.getKey(), entry.getValue(), problems));
            }
        });
        return result;
    }

    /** Reports every key of this object that no reader asked for: a typo or a removed setting. */
    public void finish() {
        if (!json.isObject()) {
            return;
        }
        json.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.other(unknownKeyMessage(key(name), name, known));
            }
        });
    }

    static String unknownKeyMessage(String fullKey, String name, Set<String> known) {
        var suggestion = known.stream()
                .min(Comparator.comparingInt(k -> editDistance(k.toLowerCase(), name.toLowerCase())))
                .filter(k -> editDistance(k.toLowerCase(), name.toLowerCase()) <= 3)
                .map(k -> "; did you mean " + k + "?")
                .orElse("");
        return fullKey + " is not a known setting: allowed here are "
                + known.stream().sorted().collect(Collectors.joining(", ")) + suggestion;
    }

    // Levenshtein distance, for "did you mean"; no library on the mirror is worth a dependency for it.
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private int readInteger(String child, int min, int max, String allowed, int fallback) {
        var node = json.get(child);
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            invalid(child, node, allowed);
            return fallback;
        }
        return node.asInt();
    }

    private void missing(String child, String allowed) {
        failed.add(child);
        if (!silent) {
            problems.invalid(key(child), "nothing (the key is missing)", allowed);
        }
    }

    private static String range(int min, int max) {
        return "a whole number from " + min + " to " + max;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Renders a value as it would be written in JSON: strings quoted, lists in brackets. */
    static String render(Object value) {
        if (value instanceof JsonNode node) {
            return node.toString();
        }
        if (value instanceof String text) {
            return '"' + text + '"';
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SettingsNode::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
