package com.multiship.platform.config;

import java.util.ArrayList;
import java.util.List;

/** Collects settings problems so that all of them are reported together. */
public final class Problems {
    private final String stackFile;
    private final List<String> messages = new ArrayList<>();

    public Problems(String stackFile) {
        this.stackFile = stackFile;
    }

    /** The stack file an operator edits to fix a problem, for example {@code Pulumi.dev.yaml}. */
    public String stackFile() {
        return stackFile;
    }

    /** {@code <key> must be <allowed>, got <value> (<file>)}; {@code value} is already rendered. */
    public void invalid(String key, String renderedValue, String allowed) {
        messages.add(key + " must be " + allowed + ", got " + renderedValue + " (" + stackFile + ")");
    }

    /** A problem whose sentence does not fit the {@code must be ..., got ...} shape. */
    public void other(String sentence) {
        messages.add(sentence + " (" + stackFile + ")");
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Throws {@link SettingsException} if any problem was collected. */
    public void throwIfAny() {
        if (!messages.isEmpty()) {
            throw new SettingsException(stackFile, messages);
        }
    }
}
