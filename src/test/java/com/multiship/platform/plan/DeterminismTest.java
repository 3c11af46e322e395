package com.multiship.platform.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same program and stack file give the same plan in two JVMs. Within one JVM this cannot fail for the usual
 * cause: {@code Map.of} iterates in an order fixed per JVM, so a map serialised into a text input (a YAML or JSON
 * document) only differs between processes; and a text input that differs between runs is a diff in every
 * {@code pulumi preview}.
 */
class DeterminismTest {

    private static Path planInAnotherJvm(Path out) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                OfflinePlan.class.getName(), "production", "--quiet", "--out", out.toString()));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return out;
    }

    @Test
    void twoJvmsPlanProductionIdentically(@TempDir Path dir) throws Exception {
        var first = Files.readString(planInAnotherJvm(dir.resolve("first.json")));
        var second = Files.readString(planInAnotherJvm(dir.resolve("second.json")));
        assertThat(second).isEqualTo(first);
    }
}
