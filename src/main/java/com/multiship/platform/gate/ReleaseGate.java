package com.multiship.platform.gate;

import com.multiship.platform.config.ObservabilitySettings;
import com.multiship.platform.config.ReleaseState;
import com.multiship.platform.config.ServiceSettings;
import com.multiship.platform.config.SettingsException;
import com.multiship.platform.config.StackSettings;
import com.multiship.platform.observability.Promql;
import com.multiship.platform.plan.StackFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code bin/release-gate <stack> <service>}: before a traffic step, judges the service's canary colour against the
 * stack's rollback triggers, from the stack's Prometheus workspace. Prints the figures beside the thresholds and
 * answers GO (exit 0) or NO-GO (exit 1, with the one-line rollback); usage errors exit 2.
 */
@Command(name = "release-gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Go/no-go for the next traffic step of a service's canary colour, from the stack's metrics.",
                "Reads the thresholds and release state from Pulumi.<stack>.yaml; queries the workspace's Prometheus API",
                "(SigV4, default AWS credentials). Exit 0 GO, 1 NO-GO, 2 usage error."})
public final class ReleaseGate implements Callable<Integer> {
    static final int GO = 0;
    static final int NO_GO = 1;
    static final Pattern WINDOW = Pattern.compile("^[1-9][0-9]{0,3}[mh]$");
    static final Pattern STACK = Pattern.compile("^[A-Za-z0-9_.-]+$");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<stack>", description = "dev, staging or production (a Pulumi.<stack>.yaml)")
    String stack;

    @Parameters(index = "1", paramLabel = "<service>", description = "a service of platform:services")
    String service;

    @Option(names = "--window", paramLabel = "<5m>",
            description = "how far back to judge, minutes or hours (5m, 1h); default the stack's canaryWindowMinutes")
    String window;

    @Option(names = "--min-requests", paramLabel = "<N>",
            description = "fewest canary requests in the window to judge at all; default the stack's minRequests")
    Integer minRequests;

    @Option(names = "--override-no-data",
            description = "GO when the gate cannot judge (no data, too little traffic, unreadable answer); never"
                    + " overrides a measured breach")
    boolean overrideNoData;

    @Option(names = "--endpoint", paramLabel = "<URL>",
            description = "the workspace endpoint; default the stack output prometheusEndpoint (pulumi stack output)")
    URI endpoint;

    private final GateEnvironment environment;

    ReleaseGate(GateEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(run(args, GateEnvironment.real(Path.of(".")), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /** Runs the gate; returns the exit code. */
    static int run(String[] args, GateEnvironment environment, PrintWriter out, PrintWriter err) {
        var commandLine = new CommandLine(new ReleaseGate(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** The exact rollback of a canary: its weight back to 0. */
    public static String rollbackCommand(String stack, String service) {
        return "pulumi config set --path --stack " + stack + " 'services." + service + ".release.canaryWeight' 0";
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (!STACK.matcher(stack).matches()) {
            throw usage("<stack> must be a stack name such as production, got " + stack);
        }
        var settings = settings();
        var serviceSettings = settings.services().stream().filter(s -> s.name().equals(service)).findFirst()
                .orElseThrow(() -> usage("<service> must be a service of platform:services in Pulumi." + stack
                        + ".yaml (" + String.join(", ", settings.services().stream().map(ServiceSettings::name).toList())
                        + "), got " + service));
        var release = serviceSettings.release();
        var canary = release.canary();
        var canaryImage = release.colour(canary).image()
                .orElseThrow(() -> usage(service + " has no canary in Pulumi." + stack + ".yaml: its canary colour "
                        + canary.id() + " has no image, so there is nothing to judge"));
        var thresholds = settings.observability().thresholds();
        var range = window == null ? Promql.minutes(thresholds.canaryWindowMinutes()) : window;
        if (!WINDOW.matcher(range).matches()) {
            throw usage("--window must be minutes or hours such as 5m or 1h, got " + range);
        }
        int fewest = minRequests == null ? thresholds.minRequests() : minRequests;
        if (fewest < 1) {
            throw usage("--min-requests must be at least 1, got " + fewest);
        }
        var workspace = endpoint != null ? endpoint : environment.stackOutput(stack, "prometheusEndpoint").map(URI::create)
                .orElseThrow(() -> usage("no workspace endpoint: the stack output prometheusEndpoint could not be read"
                        + " (pulumi stack output prometheusEndpoint --stack " + stack + "); pass --endpoint"));

        var credentials = environment.credentials();
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException e) {
            var reason = String.valueOf(e.getMessage());
            throw usage("no AWS credentials to sign the queries with (environment variables, a profile, or the CI"
                    + " role's): " + (reason.length() > 160 ? reason.substring(0, 160) + "..." : reason));
        }
        var client = new PrometheusClient(workspace, settings.region(), credentials);
        var selector = Promql.workloadSelector(serviceSettings.namespace(), Promql.workload(service, canary.id()));
        var decision = GateDecision.decide(
                client.query(Promql.requests(selector, range, "")),
                client.query(Promql.serverErrors(selector, range, "")),
                client.query(Promql.p95(selector, range, "")),
                thresholds.canaryErrorRatePercent(), thresholds.canaryP95Ms(), fewest, overrideNoData);
        report(out, serviceSettings, release, canary, canaryImage, range, workspace, thresholds, fewest, decision);
        return decision.go() ? GO : NO_GO;
    }

    private StackSettings settings() {
        try {
            return StackFiles.read(environment.projectDir(), stack).settings();
        } catch (IOException | IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (SettingsException e) {
            throw usage("the settings of Pulumi." + stack + ".yaml are invalid:\n  " + String.join("\n  ", e.problems()));
        }
    }

    private void report(PrintWriter out, ServiceSettings service, ReleaseState release, ReleaseState.Colour canary,
                        String image, String range, URI workspace, ObservabilitySettings.Thresholds thresholds,
                        int fewest, GateDecision decision) {
        out.printf("release gate: %s in %s, canary colour %s (%s) at canaryWeight %d %%, window %s%n", service.name(),
                stack, canary.id(), image, release.canaryWeight(), range);
        out.printf("  workspace    %s%n", workspace);
        out.printf("  requests     %-12s minimum %d%n", figure(decision.requests(), "%.0f"), fewest);
        out.printf("  error rate   %-12s rollback trigger %s %%%n", figure(decision.errorPercent(), "%.2f %%"),
                ObservabilitySettings.number(thresholds.canaryErrorRatePercent()));
        out.printf("  p95 latency  %-12s rollback trigger %d ms%n", figure(decision.p95Ms(), "%.0f ms"),
                thresholds.canaryP95Ms());
        if (decision.overridden()) {
            out.println("!!! GO BY OVERRIDE (--override-no-data): the gate could NOT judge " + service.name() + "-"
                    + canary.id() + ":");
            decision.reasons().forEach(reason -> out.println("!!!   " + reason));
            out.println("!!! Nothing was checked against the rollback triggers. Watch the dashboard through the step,"
                    + " and roll back with:");
            out.println(rollbackCommand(stack, service.name()));
        } else if (decision.go()) {
            out.println("GO: " + service.name() + "-" + canary.id() + " is within its rollback triggers; the next"
                    + " traffic step may be applied.");
        } else {
            out.println("NO-GO: " + String.join("; ", decision.reasons()));
            if (release.canaryWeight() == 0) {
                out.println("The canary colour takes no weighted traffic (canaryWeight 0): do not raise it.");
            } else {
                out.println("Roll back (then preview and apply the stack):");
            }
            out.println(rollbackCommand(stack, service.name()));
        }
        out.flush();
    }

    private static String figure(OptionalDouble value, String format) {
        return value.isPresent() ? String.format(format, value.getAsDouble()) : "no data";
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
