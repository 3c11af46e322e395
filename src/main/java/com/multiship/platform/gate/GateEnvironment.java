package com.multiship.platform.gate;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the gate takes from outside the stack files: AWS credentials and the stack's outputs. The real one uses the
 * default credentials chain and the Pulumi CLI; tests pass fixed ones.
 */
public interface GateEnvironment {
    /** Where the stack files are: {@code Pulumi.yaml}, {@code Pulumi.<stack>.yaml}. */
    Path projectDir();

    AwsCredentialsProvider credentials();

    /** A stack output as text, or empty when it cannot be read. */
    Optional<String> stackOutput(String stack, String output);

    /** Credentials from the default chain (environment, profile, SSO, web identity); outputs from the Pulumi CLI. */
    static GateEnvironment real(Path projectDir) {
        return new GateEnvironment() {
            @Override
            public Path projectDir() {
                return projectDir;
            }

            @Override
            public AwsCredentialsProvider credentials() {
                return DefaultCredentialsProvider.create();
            }

            @Override
            public Optional<String> stackOutput(String stack, String output) {
                try {
                    var process = new ProcessBuilder("pulumi", "stack", "output", output, "--stack", stack)
                            .directory(projectDir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    var text = new String(process.getInputStream().readAllBytes()).trim();
                    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || text.isEmpty()) {
                        process.destroy();
                        return Optional.empty();
                    }
                    return Optional.of(text);
                } catch (java.io.IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        };
    }
}
