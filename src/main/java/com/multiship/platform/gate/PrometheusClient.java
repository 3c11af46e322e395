package com.multiship.platform.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Instant queries against the Prometheus-compatible query API of an Amazon Managed Service for Prometheus workspace
 * ({@code <endpoint>api/v1/query}), signed with SigV4 for the service {@code aps}. Every failure, whatever its kind,
 * becomes a {@link QueryResult.Failed}: the gate turns it into NO-GO, never into an exception that CI might ignore.
 */
public final class PrometheusClient {
    static final String SIGNING_SERVICE = "aps";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint    the workspace endpoint, {@code https://aps-workspaces.<region>.amazonaws.com/workspaces/<id>/}
     * @param region      the workspace's region, part of the signature
     * @param credentials where the signing credentials come from (the default chain in real use)
     */
    public PrometheusClient(URI endpoint, String region, AwsCredentialsProvider credentials) {
        this.endpoint = endpoint.toString().endsWith("/") ? endpoint : URI.create(endpoint + "/");
        this.region = region;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Runs one instant query and reads its single sample. */
    public QueryResult query(String promql) {
        HttpResponse<String> response;
        try {
            var target = endpoint.resolve("api/v1/query");
            var unsigned = SdkHttpRequest.builder()
                    .method(SdkHttpMethod.GET)
                    .protocol(target.getScheme())
                    .host(target.getHost())
                    .port(target.getPort())
                    .encodedPath(target.getRawPath())
                    .putRawQueryParameter("query", promql)
                    .build();
            var identity = credentials.resolveCredentials();
            var signed = signer.sign(r -> r.identity(identity).request(unsigned)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SIGNING_SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
            var request = HttpRequest.newBuilder(signed.request().getUri()).GET().timeout(Duration.ofSeconds(30));
            signed.request().headers().forEach((name, values) -> {
                // HttpClient sets Host itself, from the same URI that was signed.
                if (!name.equalsIgnoreCase("host")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new QueryResult.Failed("the query API could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new QueryResult.Failed("interrupted");
        } catch (RuntimeException e) {
            return new QueryResult.Failed("the query could not be signed or sent: " + e.getMessage());
        }
        if (response.statusCode() != 200) {
            return new QueryResult.Failed("the query API answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return parse(response.body());
    }

    /** Reads an instant-query answer: a vector of at most one sample, {@code [<time>, "<value>"]}. */
    static QueryResult parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new QueryResult.Failed("the answer is not JSON: " + abbreviate(body));
        }
        if (root == null || !"success".equals(root.path("status").asText())) {
            return new QueryResult.Failed("the answer's status is not success: " + abbreviate(body));
        }
        var data = root.path("data");
        if (!"vector".equals(data.path("resultType").asText()) || !data.path("result").isArray()) {
            return new QueryResult.Failed("the answer is not an instant vector: " + abbreviate(body));
        }
        var result = data.path("result");
        if (result.isEmpty()) {
            return new QueryResult.Empty();
        }
        if (result.size() > 1) {
            return new QueryResult.Failed("expected one series, got " + result.size());
        }
        var value = result.get(0).path("value");
        if (!value.isArray() || value.size() != 2 || !value.get(1).isTextual()) {
            return new QueryResult.Failed("the sample is not [time, \"value\"]: " + abbreviate(result.get(0).toString()));
        }
        var text = value.get(1).asText();
        if (text.equals("NaN")) {
            return new QueryResult.Empty();
        }
        try {
            double number = Double.parseDouble(text);
            if (Double.isInfinite(number) || number < 0) {
                return new QueryResult.Failed("the sample is not a finite, non-negative number: " + text);
            }
            return new QueryResult.Value(number);
        } catch (NumberFormatException e) {
            return new QueryResult.Failed("the sample is not a number: " + text);
        }
    }

    private static String abbreviate(String text) {
        var oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
