package com.multiship.platform.config;

import java.util.List;

/** Every problem found in a stack's settings; thrown before any resource is declared. */
public final class SettingsException extends RuntimeException {
    private final transient List<String> problems;

    SettingsException(String stackFile, List<String> problems) {
        super(render(stackFile, problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the key, the bad value, what is allowed and the file. */
    public List<String> problems() {
        return problems;
    }

    private static String render(String stackFile, List<String> problems) {
        var text = new StringBuilder()
                .append("The stack settings in ").append(stackFile).append(" are invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append("); nothing was declared. Fix ").append(stackFile).append(":");
        problems.forEach(p -> text.append("\n  - ").append(p));
        return text.toString();
    }
}
