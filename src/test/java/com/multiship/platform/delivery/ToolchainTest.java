package com.multiship.platform.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI toolchain: the Node.js and JDK lines the workflows pin are supported today and not about to end, one Pulumi
 * CLI version everywhere (the policy pack's SDK included), and every pin recorded with its source and the date it was
 * checked in docs/versions.md.
 */
class ToolchainTest {
    private static final Path WORKFLOWS = Path.of(".github/workflows");
    private static final Path VERSIONS = Path.of("docs/versions.md");
    private static final YAMLMapper YAML = new YAMLMapper();
    /** How long before a support end the build starts failing, so the move is planned, not forced. */
    static final int WARNING_DAYS = 90;
    /** Node.js end of life per major line: nodejs/Release schedule.json ("end"), checked 2026-12-02. */
    static final Map<Integer, LocalDate> NODE_END = Map.of(
            20, LocalDate.parse("2026-04-30"), 22, LocalDate.parse("2027-04-30"),
            24, LocalDate.parse("2028-04-30"), 26, LocalDate.parse("2029-04-30"));
    /**
     * Eclipse Temurin end of availability per LTS ("at least" the month given; taken as its last day):
     * adoptium.net/support (adoptium/adoptium.net content/asciidoc-pages/support/_partials/support-table.adoc), checked
     * 2026-12-02.
     */
    static final Map<Integer, LocalDate> TEMURIN_END = Map.of(
            17, LocalDate.parse("2027-10-31"), 21, LocalDate.parse("2029-12-31"), 25, LocalDate.parse("2031-09-30"));
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`?([^|`]+?)`?\\s*\\|\\s*`?([^|`]+?)`?\\s*\\|([^|]+)\\|\\s*(\\d{4}-\\d{2}-\\d{2})\\s*\\|\\s*$");

    /** Why a pinned major line must move, or empty while it is supported beyond the warning period. */
    static Optional<String> supportProblem(String what, String where, String major, Map<Integer, LocalDate> ends,
                                           LocalDate today) {
        var end = major.matches("\\d+") ? ends.get(Integer.parseInt(major)) : null;
        if (end == null) {
            return Optional.of(what + " " + major + " in " + where + ": not a supported line (known: "
                    + new TreeMap<>(ends).keySet() + "); pin an exact supported major, recorded in docs/versions.md");
        }
        if (!today.isBefore(end)) {
            return Optional.of(what + " " + major + " in " + where + ": support ended on " + end
                    + "; pin a supported line, recorded in docs/versions.md");
        }
        if (!today.plusDays(WARNING_DAYS).isBefore(end)) {
            return Optional.of(what + " " + major + " in " + where + ": support ends on " + end + ", within "
                    + WARNING_DAYS + " days; move to the next line, recorded in docs/versions.md");
        }
        return Optional.empty();
    }

    /** Every step input named {@code key} of the workflows' steps, by file, with env.X resolved from the workflow's env. */
    private static List<String[]> stepInputs(String key) throws IOException {
        var found = new ArrayList<String[]>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (var file : files.sorted().toList()) {
                JsonNode workflow = YAML.readTree(file.toFile());
                workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
                    var value = step.path("with").path(key);
                    if (!value.isMissingNode()) {
                        var text = value.asText();
                        var env = Pattern.compile("^\\$\\{\\{ env\\.(\\w+) }}$").matcher(text);
                        if (env.matches()) {
                            text = workflow.path("env").path(env.group(1)).asText();
                        }
                        found.add(new String[] {file.getFileName().toString(), text});
                    }
                }));
            }
        }
        return found;
    }

    private static Map<String, String> recorded() throws IOException {
        var rows = new TreeMap<String, String>();
        for (var line : Files.readAllLines(VERSIONS)) {
            var row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(LocalDate.parse(row.group(4))).as("checked date of %s", row.group(1))
                        .isBeforeOrEqualTo(LocalDate.now(ZoneOffset.UTC));
                rows.put(row.group(1).trim(), row.group(2).trim());
            }
        }
        return rows;
    }

    @Test
    void workflowsPinNodeAndJdkLinesThatAreSupportedToday() throws IOException {
        var today = LocalDate.now(ZoneOffset.UTC);
        var problems = new ArrayList<String>();
        var node = stepInputs("node-version");
        var java = stepInputs("java-version");
        assertThat(node).isNotEmpty();
        assertThat(java).isNotEmpty();
        node.forEach(n -> supportProblem("Node.js", n[0], n[1], NODE_END, today).ifPresent(problems::add));
        java.forEach(j -> supportProblem("Temurin JDK", j[0], j[1], TEMURIN_END, today).ifPresent(problems::add));
        assertThat(problems).isEmpty();
    }

    @Test
    void failsNode20WhichReachedEndOfLifeInApril2026() {
        assertThat(supportProblem("Node.js", "pull-request.yml", "20", NODE_END, LocalDate.parse("2026-12-02")))
                .contains("Node.js 20 in pull-request.yml: support ended on 2026-04-30; pin a supported line, "
                        + "recorded in docs/versions.md");
    }

    @Test
    void failsALineWhoseSupportEndsWithinTheWarningPeriod() {
        assertThat(supportProblem("Temurin JDK", "pulumi-up.yml", "17", TEMURIN_END, LocalDate.parse("2027-08-15")))
                .contains("Temurin JDK 17 in pulumi-up.yml: support ends on 2027-10-31, within 90 days; move to the next "
                        + "line, recorded in docs/versions.md");
        assertThat(supportProblem("Node.js", "drift.yml", "lts/*", NODE_END, LocalDate.parse("2026-12-02")))
                .contains("Node.js lts/* in drift.yml: not a supported line (known: [20, 22, 24, 26]); pin an exact "
                        + "supported major, recorded in docs/versions.md");
    }

    @Test
    void onePulumiVersionForTheCliEverywhereAndThePolicyPacksSdk() throws IOException {
        var cli = stepInputs("pulumi-version");
        assertThat(cli).hasSizeGreaterThanOrEqualTo(3);
        var pack = new ObjectMapper().readTree(Path.of("policies/package.json").toFile())
                .path("dependencies").path("@pulumi/pulumi").asText();
        cli.forEach(c -> assertThat(c[1]).as("pulumi-version in %s", c[0]).isEqualTo(pack));
    }

    @Test
    void everyPinIsRecordedWithItsSourceAndTheDateItWasChecked() throws IOException {
        var recorded = recorded();
        var pins = new TreeMap<String, String>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (var file : files.sorted().toList()) {
                YAML.readTree(file.toFile()).path("jobs").forEach(job -> job.path("steps").forEach(step -> {
                    var uses = step.path("uses").asText();
                    if (uses.contains("@")) {
                        var previous = pins.put(uses.substring(0, uses.indexOf('@')), uses.substring(uses.indexOf('@') + 1));
                        assertThat(previous == null || uses.endsWith("@" + previous)).as("one version of %s", uses).isTrue();
                    }
                }));
            }
        }
        stepInputs("node-version").forEach(n -> pins.put("Node.js (workflows)", n[1]));
        stepInputs("java-version").forEach(j -> pins.put("Temurin JDK (workflows)", j[1]));
        stepInputs("pulumi-version").forEach(p -> pins.put("Pulumi CLI", p[1]));
        var wrapper = new Properties();
        try (var in = Files.newInputStream(Path.of(".mvn/wrapper/maven-wrapper.properties"))) {
            wrapper.load(in);
        }
        var maven = Pattern.compile("apache-maven-([\\d.]+)-bin\\.zip$").matcher(wrapper.getProperty("distributionUrl"));
        assertThat(maven.find()).isTrue();
        pins.put("Maven (wrapper distribution)", maven.group(1));
        pins.put("Maven wrapper", wrapper.getProperty("wrapperVersion"));
        var pack = new ObjectMapper().readTree(Path.of("policies/package.json").toFile());
        for (var section : List.of("dependencies", "devDependencies")) {
            pack.path(section).fields().forEachRemaining(e -> pins.put(e.getKey(), e.getValue().asText()));
        }
        assertThat(recorded).containsAllEntriesOf(pins);
    }
}
