package com.multiship.platform.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.config.SettingsException;
import com.multiship.platform.plan.Plan;
import com.multiship.platform.plan.PlanRunner;
import com.multiship.platform.plan.StackFiles;
import org.assertj.core.api.Assertions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the real program for the real stack files (or edited copies of them) under the mock engine, through the
 * same code as {@code bin/plan}; tests assert on the {@link Plan}: what the engine would receive.
 */
public final class Stacks {
    public static final List<String> ALL = List.of("dev", "staging", "production");
    private static final Path PROJECT = Path.of(".").toAbsolutePath().normalize();

    private Stacks() {}

    /** The stack's real files: {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml}. */
    public static StackFiles files(String stack) {
        try {
            return StackFiles.read(PROJECT, stack);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan of a real stack file. */
    public static Plan plan(String stack) {
        return PlanRunner.run(files(stack));
    }

    /** The plan of a real stack file as a first {@code pulumi preview} of an empty stack sees it (computed values unknown). */
    public static Plan previewPlan(String stack) {
        return PlanRunner.run(files(stack), true);
    }

    /** The preview plan of a real stack file after {@code edit} changed its {@code config:} block. */
    public static Plan previewPlan(String stack, Consumer<ObjectNode> edit) {
        return PlanRunner.run(files(stack).with(edit), true);
    }

    /** The plan of a real stack file after {@code edit} changed its {@code config:} block. */
    public static Plan plan(String stack, Consumer<ObjectNode> edit) {
        return PlanRunner.run(files(stack).with(edit));
    }

    /** The settings problems of an edited stack file; fails the test if the program accepts it. */
    public static List<String> problems(String stack, Consumer<ObjectNode> edit) {
        try {
            PlanRunner.run(files(stack).with(edit));
        } catch (SettingsException e) {
            return e.problems();
        }
        return Assertions.fail("the settings of the edited Pulumi.%s.yaml were accepted", stack);
    }

    /** The object at {@code platform:<key>} of a stack's config, for editing in place. */
    public static ObjectNode object(ObjectNode config, String key) {
        return (ObjectNode) config.get("platform:" + key);
    }
}
