package com.multiship.platform.gate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release gate end to end: the real stack files (production: order-service, canary colour green v2.2.0 at 10 %),
 * recorded answers of the Prometheus query API served over HTTP on 127.0.0.1, SigV4-signed requests.
 */
class ReleaseGateTest {
    private static final String ROLLBACK = "pulumi config set --path --stack production"
            + " 'services.order-service.release.canaryWeight' 0";

    private RecordedPrometheus prometheus;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        prometheus = new RecordedPrometheus();
    }

    @AfterEach
    void stop() {
        prometheus.close();
    }

    private int gate(String scenario, String... args) {
        return gate(Path.of("."), Optional.empty(), scenario, args);
    }

    private AwsCredentialsProvider credentials = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDRECORDED", "recorded-secret"));

    private int gate(Path projectDir, Optional<String> stackOutput, String scenario, String... args) {
        prometheus.answering(scenario);
        var all = new ArrayList<>(List.of(args));
        if (stackOutput.isEmpty() && !all.contains("--no-endpoint")) {
            all.add("--endpoint");
            all.add(prometheus.endpoint().toString());
        }
        all.remove("--no-endpoint");
        var environment = new GateEnvironment() {
            @Override
            public Path projectDir() {
                return projectDir;
            }

            @Override
            public AwsCredentialsProvider credentials() {
                return credentials;
            }

            @Override
            public Optional<String> stackOutput(String stack, String output) {
                return output.equals("prometheusEndpoint") ? stackOutput : Optional.empty();
            }
        };
        return ReleaseGate.run(all.toArray(String[]::new), environment, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void healthyCanaryIsGoWithFiguresBesideThresholds() {
        assertThat(gate("healthy", "production", "order-service")).isEqualTo(0);
        var text = out.toString();
        assertThat(text).contains("release gate: order-service in production, canary colour green (v2.2.0) at"
                + " canaryWeight 10 %, window 5m");
        assertThat(text).containsPattern("requests +1523 +minimum 100");
        assertThat(text).containsPattern("error rate +0\\.39 % +rollback trigger 5 %");
        assertThat(text).containsPattern("p95 latency +413 ms +rollback trigger 2000 ms");
        assertThat(text).contains("GO: order-service-green is within its rollback triggers");
        assertThat(text).doesNotContain("NO-GO").doesNotContain("pulumi config set");
    }

    @Test
    void queriesTheCanaryColourOverTheWindowSignedForAps() {
        gate("healthy", "production", "order-service", "--window", "10m");
        var seen = prometheus.seen();
        assertThat(seen).hasSize(3);
        assertThat(seen).allSatisfy(request -> {
            assertThat(request.path()).isEqualTo(RecordedPrometheus.WORKSPACE_PATH + "api/v1/query");
            assertThat(request.query()).contains("reporter=\"destination\",destination_workload_namespace=\"order-service\","
                    + "destination_workload=\"order-service-green\"").contains("[10m]");
            assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDRECORDED/")
                    .contains("/us-east-1/aps/aws4_request").contains("SignedHeaders=").contains("Signature=");
            assertThat(request.amzDate()).matches("\\d{8}T\\d{6}Z");
        });
        assertThat(seen).extracting(RecordedPrometheus.Seen::query).containsExactlyInAnyOrder(
                "sum(increase(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"order-service\","
                        + "destination_workload=\"order-service-green\"}[10m]))",
                "sum(increase(istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"order-service\","
                        + "destination_workload=\"order-service-green\",response_code=~\"5..\"}[10m]))",
                "histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter=\"destination\","
                        + "destination_workload_namespace=\"order-service\",destination_workload=\"order-service-green\"}[10m])))");
    }

    @Test
    void breachingErrorRateIsNoGoWithTheRollbackLine() {
        assertThat(gate("breaching-error-rate", "production", "order-service")).isEqualTo(1);
        var lines = out.toString().lines().toList();
        assertThat(lines).contains("NO-GO: error rate 7.00 % is above the rollback trigger 5 %");
        assertThat(lines).contains(ROLLBACK);
    }

    @Test
    void breachingP95IsNoGo() {
        assertThat(gate("breaching-p95", "production", "order-service")).isEqualTo(1);
        assertThat(out.toString().lines()).contains("NO-GO: p95 2632 ms is above the rollback trigger 2000 ms", ROLLBACK);
    }

    @Test
    void aMeasuredBreachIsNoGoEvenWithTheOverride() {
        assertThat(gate("breaching-p95", "production", "order-service", "--override-no-data")).isEqualTo(1);
        assertThat(out.toString()).contains("NO-GO: p95 2632 ms").doesNotContain("OVERRIDE");
    }

    @Test
    void emptyResultIsNoGo() {
        assertThat(gate("empty", "production", "order-service")).isEqualTo(1);
        assertThat(out.toString()).containsPattern("requests +no data")
                .contains("NO-GO: no data: the canary colour reported no requests in the window")
                .contains(ROLLBACK);
    }

    @Test
    void emptyResultIsGoOnlyByExplicitOverrideAndSaysSoLoudly() {
        assertThat(gate("empty", "production", "order-service", "--override-no-data")).isEqualTo(0);
        assertThat(out.toString()).contains("!!! GO BY OVERRIDE (--override-no-data): the gate could NOT judge order-service-green:")
                .contains("!!!   no data: the canary colour reported no requests in the window")
                .contains("!!! Nothing was checked against the rollback triggers");
    }

    @Test
    void tooLittleTrafficIsNoGoUnlessTheMinimumIsLowered() {
        assertThat(gate("too-little-traffic", "production", "order-service")).isEqualTo(1);
        assertThat(out.toString()).contains("NO-GO: too little traffic to judge: 42 requests in the window, fewer than"
                + " the 100 required");
        out.getBuffer().setLength(0);
        assertThat(gate("too-little-traffic", "production", "order-service", "--min-requests", "40")).isEqualTo(0);
        assertThat(out.toString()).containsPattern("error rate +0\\.00 %").contains("GO: order-service-green");
    }

    @Test
    void malformedAnswerIsNoGo() {
        assertThat(gate("malformed", "production", "order-service")).isEqualTo(1);
        assertThat(out.toString()).contains("NO-GO: request count unreadable: the answer is not JSON");
    }

    @Test
    void serverErrorIsNoGo() {
        assertThat(gate("http-503", "production", "order-service")).isEqualTo(1);
        assertThat(out.toString()).contains("NO-GO: request count unreadable: the query API answered HTTP 503:"
                + " {\"status\":\"error\",\"errorType\":\"unavailable\"");
    }

    @Test
    void endpointDefaultsToTheStackOutput() {
        var endpoint = prometheus.endpoint().toString();
        assertThat(gate(Path.of("."), Optional.of(endpoint), "healthy", "production", "order-service")).isEqualTo(0);
        assertThat(out.toString()).contains("workspace    " + endpoint);
        assertThat(prometheus.seen()).hasSize(3);
    }

    @Test
    void thresholdsComeFromTheStackFile(@TempDir Path project) throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));
        Files.writeString(project.resolve("Pulumi.production.yaml"), Files.readString(Path.of("Pulumi.production.yaml"))
                + "  platform:observability:\n    thresholds: { canaryP95Ms: 400, minRequests: 1000 }\n");
        assertThat(gate(project, Optional.empty(), "healthy", "production", "order-service")).isEqualTo(1);
        assertThat(out.toString()).containsPattern("requests +1523 +minimum 1000")
                .contains("NO-GO: p95 413 ms is above the rollback trigger 400 ms");
    }

    @Test
    void failsWhenTheServiceIsUnknown() {
        assertThat(gate("healthy", "production", "orders")).isEqualTo(2);
        assertThat(err.toString()).contains("<service> must be a service of platform:services in Pulumi.production.yaml"
                + " (api-gateway, auth-service, catalog-service, notification-service, order-service, user-service), got orders");
        assertThat(prometheus.seen()).isEmpty();
    }

    @Test
    void failsWhenTheServiceHasNoCanary() {
        assertThat(gate("healthy", "production", "auth-service")).isEqualTo(2);
        assertThat(err.toString()).contains("auth-service has no canary in Pulumi.production.yaml: its canary colour green"
                + " has no image, so there is nothing to judge");
    }

    @Test
    void failsOnABadWindow() {
        assertThat(gate("healthy", "production", "order-service", "--window", "5 minutes")).isEqualTo(2);
        assertThat(err.toString()).contains("--window must be minutes or hours such as 5m or 1h, got 5 minutes");
    }

    @Test
    void failsWithoutAnEndpoint() {
        assertThat(gate("healthy", "production", "order-service", "--no-endpoint")).isEqualTo(2);
        assertThat(err.toString()).contains("no workspace endpoint: the stack output prometheusEndpoint could not be read"
                + " (pulumi stack output prometheusEndpoint --stack production); pass --endpoint");
    }

    @Test
    void failsWithoutCredentialsBeforeQuerying() {
        credentials = () -> {
            throw new IllegalStateException("Unable to load credentials from any of the providers in the chain");
        };
        assertThat(gate("healthy", "production", "order-service")).isEqualTo(2);
        assertThat(err.toString()).contains("no AWS credentials to sign the queries with (environment variables, a"
                + " profile, or the CI role's): Unable to load credentials from any of the providers in the chain");
        assertThat(prometheus.seen()).isEmpty();
    }

    @Test
    void failsOnAnUnknownStack() {
        assertThat(gate("healthy", "qa", "order-service")).isEqualTo(2);
        assertThat(err.toString()).contains("no stack file");
    }

    @Test
    void failsOnMissingArguments() {
        assertThat(gate("healthy", "production")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: '<service>'");
    }

    @Test
    void rollbackCommandNamesTheServicesKey() {
        assertThat(ReleaseGate.rollbackCommand("staging", "catalog-service"))
                .isEqualTo("pulumi config set --path --stack staging 'services.catalog-service.release.canaryWeight' 0");
    }
}
