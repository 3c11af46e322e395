package com.multiship.platform.plan;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/plan-diff <base.json> <head.json> [<base.json> <head.json>...]}: compares offline plans
 * ({@code bin/plan} output) pairwise, one stack per pair, and prints the report. Exits 0 whatever it finds (the
 * report is for reviewers), 2 on a usage error or an unreadable plan, and 3 with {@code --fail-on-danger} when a
 * stateful resource is changed or removed, a replacement is expected, or a weight step exceeds {@code --max-step}.
 */
@Command(name = "plan-diff", mixinStandardHelpOptions = true,
        description = "Compares offline plans (base -> head), pairwise, one stack per pair.")
public final class PlanDiff implements Callable<Integer> {
    static final int USAGE = 2;
    static final int DANGER = 3;

    @Parameters(arity = "2..*", paramLabel = "PLAN", description = "base.json head.json, repeated per stack.")
    List<Path> plans;

    @Option(names = "--max-step", paramLabel = "N", description = "Warn when a route's weight moves by more than N points.")
    Integer maxStep;

    @Option(names = "--stack-files", paramLabel = "DIR", description = "Take each stack's step limit from"
            + " platform:traffic.maxCanaryStepPercent in DIR/Pulumi.<stack>.yaml (--max-step overrides it).")
    Path stackFiles;

    @Option(names = "--markdown", description = "Markdown for a pull-request comment.")
    boolean markdown;

    @Option(names = "--fail-on-danger", description = "Exit 3 when a danger flag or a step warning is raised.")
    boolean failOnDanger;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new PlanDiff()).execute(args);
    }

    @Override
    public Integer call() {
        if (plans.size() % 2 != 0) {
            System.err.println("plan-diff: plans come in pairs (base head), got " + plans.size() + " files");
            return USAGE;
        }
        if (maxStep != null && (maxStep < 1 || maxStep > 100)) {
            System.err.println("plan-diff: --max-step must be 1..100, got " + maxStep);
            return USAGE;
        }
        var comparisons = new ArrayList<PlanComparison>();
        for (int i = 0; i < plans.size(); i += 2) {
            try {
                comparisons.add(PlanComparison.compare(Plan.read(plans.get(i)), Plan.read(plans.get(i + 1))));
            } catch (IOException e) {
                System.err.println("plan-diff: cannot read " + plans.get(i) + " or " + plans.get(i + 1) + ": " + e.getMessage());
                return USAGE;
            }
        }
        var maxSteps = new java.util.HashMap<String, Integer>();
        for (var comparison : comparisons) {
            var limit = maxStep;
            if (limit == null && stackFiles != null) {
                try {
                    limit = StackFiles.read(stackFiles, comparison.stack()).settings().traffic().maxCanaryStepPercent();
                } catch (IOException | RuntimeException e) {
                    System.err.println("plan-diff: cannot read the step limit of " + comparison.stack() + ": " + e.getMessage());
                    return USAGE;
                }
            }
            maxSteps.put(comparison.stack(), limit);
        }
        System.out.print(PlanReport.render(comparisons, maxSteps::get, markdown));
        boolean danger = comparisons.stream().anyMatch(c -> !c.dangers().isEmpty()
                || (maxSteps.get(c.stack()) != null && !c.stepWarnings(maxSteps.get(c.stack())).isEmpty()));
        return failOnDanger && danger ? DANGER : 0;
    }
}
