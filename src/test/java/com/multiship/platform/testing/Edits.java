package com.multiship.platform.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Navigation in a stack file's {@code config:} block, for tests that edit it. */
public final class Edits {
    private Edits() {}

    /** The object at {@code platform:<key>} then down {@code path}, created where missing. */
    public static ObjectNode at(ObjectNode config, String key, String... path) {
        var node = config.has("platform:" + key) ? (ObjectNode) config.get("platform:" + key) : config.putObject("platform:" + key);
        for (var part : path) {
            node = node.has(part) ? (ObjectNode) node.get(part) : node.putObject(part);
        }
        return node;
    }

    /** {@code platform:services.<service>.release}. */
    public static ObjectNode release(ObjectNode config, String service) {
        return at(config, "services", service, "release");
    }
}
