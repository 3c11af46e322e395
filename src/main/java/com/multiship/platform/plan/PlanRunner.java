package com.multiship.platform.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.multiship.platform.App;
import com.multiship.platform.config.SettingsException;
import com.multiship.platform.config.StackConfig;
import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the real program for one stack under the Pulumi Java SDK's mock engine and returns what the engine
 * would have received. Uses the SDK's internal test builder: the public one cannot pass config.
 */
public final class PlanRunner {
    private PlanRunner() {}

    /** Runs the program for a stack's files, as the CLI would for that stack. */
    public static Plan run(StackFiles files) {
        return run(files, false);
    }

    /**
     * Runs the program for a stack's files.
     *
     * @param preview record it as a first {@code pulumi preview} of an empty stack would see it: values the
     *                providers compute are unknown ({@link PlanMocks#UNKNOWN})
     */
    public static Plan run(StackFiles files, boolean preview) {
        return run(files.project(), files.stack(), files.engineConfig(), files.secretKeys(), preview);
    }

    /**
     * Runs the program.
     *
     * @throws SettingsException when the stack's settings are invalid (then nothing was declared)
     */
    public static Plan run(String project, String stack, Map<String, String> engineConfig, Set<String> secretKeys) {
        return run(project, stack, engineConfig, secretKeys, false);
    }

    /** Runs the program, as an update of known values or (preview) as a first preview of an empty stack. */
    public static Plan run(String project, String stack, Map<String, String> engineConfig, Set<String> secretKeys,
                           boolean preview) {
        return run(project, stack, engineConfig, secretKeys, preview,
                ctx -> App.stack(ctx, StackConfig.read(ctx, engineConfig.keySet(), secretKeys)));
    }

    /** Runs any program under the same mock engine and recording monitor (the benchmark's floor uses this). */
    static Plan run(String project, String stack, Map<String, String> engineConfig, Set<String> secretKeys,
                    java.util.function.Consumer<com.pulumi.Context> program) {
        return run(project, stack, engineConfig, secretKeys, false, program);
    }

    static Plan run(String project, String stack, Map<String, String> engineConfig, Set<String> secretKeys,
                    boolean preview, java.util.function.Consumer<com.pulumi.Context> program) {
        var monitor = new AtomicReference<RecordingMonitor>();
        var mocks = new PlanMocks(preview);
        // A failure reaches the caller as an exception with its full text; the engine log would only repeat it.
        var quiet = java.util.logging.Logger.getAnonymousLogger();
        quiet.setUseParentHandlers(false);
        quiet.setLevel(java.util.logging.Level.OFF);
        try {
            var test = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName(project).stackName(stack).preview(preview).build())
                    .config(engineConfig, secretKeys)
                    .mocks(mocks)
                    .standardLogger(quiet)
                    .monitorDecorator(original -> {
                        monitor.set(new RecordingMonitor(mocks, PulumiTestInternal.mockLog(quiet)));
                        return monitor.get();
                    })
                    .build();
            var result = test.runTest(program);
            for (var exception : result.exceptions()) {
                var cause = rootSettingsException(exception);
                if (cause != null) {
                    throw cause;
                }
            }
            if (!result.exceptions().isEmpty()) {
                var failure = new IllegalStateException("the program failed for stack " + stack + ": "
                        + result.exceptions().get(0).getMessage(), result.exceptions().get(0));
                result.exceptions().stream().skip(1).forEach(failure::addSuppressed);
                throw failure;
            }
            return new Plan(project, stack, new ArrayList<>(monitor.get().recorded()), outputs(result.outputs()));
        } finally {
            PulumiTest.cleanup();
        }
    }

    private static ObjectNode outputs(Map<String, Output<?>> outputs) {
        var values = new TreeMap<String, Object>();
        outputs.forEach((name, output) -> {
            var data = PulumiTestInternal.extractOutputData(output);
            values.put(name, data.isSecret() ? RecordingMonitor.SECRET_MARK : data.getValueNullable());
        });
        return RecordingMonitor.object(values);
    }

    private static SettingsException rootSettingsException(Throwable exception) {
        for (var t = exception; t != null; t = t.getCause()) {
            if (t instanceof SettingsException settings) {
                return settings;
            }
        }
        return null;
    }
}
