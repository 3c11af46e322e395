package com.multiship.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pulumi Java host finds the provider plugins by running {@code com.pulumi.bootstrap.internal.Main packages} on
 * the program's classpath (through {@code mvn exec:java -DmainClass=... -DmainArgs=packages}, or the jar): every
 * provider the program declares must be listed, at the version pinned in the pom (Random: in plugin.json).
 */
class PluginDiscoveryTest {

    @Test
    void theHostDiscoversEveryProviderAtItsPinnedVersion() throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.pulumi.bootstrap.internal.Main", "packages"));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes()).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        var lastLine = output.substring(output.lastIndexOf('\n') + 1);
        var versions = new TreeMap<String, String>();
        for (var plugin : new ObjectMapper().readTree(lastLine)) {
            assertThat(plugin.path("resource").asBoolean()).isTrue();
            versions.put(plugin.path("name").asText(), plugin.path("version").asText());
        }
        assertThat(versions).isEqualTo(Map.of("aws", "6.83.0", "kubernetes", "4.0.0", "random", "4.19.1"));
    }
}
