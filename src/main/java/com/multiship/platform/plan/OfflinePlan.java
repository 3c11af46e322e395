package com.multiship.platform.plan;

import com.multiship.platform.config.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bin/plan <stack>}: runs the program for one stack under the mock engine, with no cloud account and no
 * Pulumi CLI, prints the declared resources as a tree and writes {@code target/plan/<stack>.json}.
 * {@code --preview} records it as a first {@code pulumi preview} of an empty stack sees it (values the providers
 * compute unknown) and writes {@code target/plan/<stack>.preview.json}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Runs the program for one stack offline (mock engine) and writes target/plan/<stack>.json.")
public final class OfflinePlan implements Callable<Integer> {
    static final int SETTINGS_INVALID = 2;

    @Parameters(index = "0", paramLabel = "STACK", description = "The stack: dev, staging, production, or any Pulumi.<stack>.yaml.")
    String stack;

    @Option(names = "--project-dir", defaultValue = ".", description = "Where Pulumi.yaml is (default: ${DEFAULT-VALUE}).")
    Path projectDir;

    @Option(names = "--out", description = "Where to write the plan (default: target/plan/<stack>.json).")
    Path out;

    @Option(names = "--quiet", description = "Write the plan without printing the tree.")
    boolean quiet;

    @Option(names = "--preview", description = "Plan as a first `pulumi preview` of an empty stack: computed values unknown "
            + "(written to target/plan/<stack>.preview.json).")
    boolean preview;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OfflinePlan()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Plan plan;
        try {
            plan = PlanRunner.run(StackFiles.read(projectDir, stack), preview);
        } catch (SettingsException e) {
            System.err.println(e.getMessage());
            return SETTINGS_INVALID;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return SETTINGS_INVALID;
        }
        var file = out != null ? out : projectDir.resolve("target/plan/" + stack + (preview ? ".preview" : "") + ".json");
        plan.write(file);
        if (!quiet) {
            System.out.print(PlanTree.render(plan));
        }
        System.out.println("plan written to " + file);
        return 0;
    }
}
