package com.multiship.platform.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kind of environment a stack is; it decides the safety rules the settings enforce. */
public enum Environment {
    DEV("dev"),
    STAGING("staging"),
    PRODUCTION("production");

    private final String id;

    Environment(String id) {
        this.id = id;
    }

    /** The value written in the stack file, for example {@code production}. */
    public String id() {
        return id;
    }

    public boolean isProduction() {
        return this == PRODUCTION;
    }

    static Optional<Environment> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    static String allowedIds() {
        return Arrays.stream(values()).map(Environment::id).collect(Collectors.joining(", "));
    }
}
