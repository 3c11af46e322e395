package com.multiship.platform.gate;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Prometheus query API on 127.0.0.1 that answers with recorded responses (src/test/resources/gate/<scenario>/), so
 * that the gate's real HTTP path, signing included, is exercised without any live endpoint.
 */
final class RecordedPrometheus implements AutoCloseable {
    static final String WORKSPACE_PATH = "/workspaces/ws-recorded/";
    private static final Path RECORDINGS = Path.of("src/test/resources/gate");

    /** One request as the server saw it. */
    record Seen(String path, String query, String authorization, String amzDate) {}

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile String scenario = "healthy";

    RecordedPrometheus() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(WORKSPACE_PATH + "api/v1/query", exchange -> {
            var rawQuery = exchange.getRequestURI().getRawQuery();
            var promql = rawQuery == null ? "" : URLDecoder.decode(rawQuery.replaceFirst("^query=", ""), StandardCharsets.UTF_8);
            seen.add(new Seen(exchange.getRequestURI().getPath(), promql,
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-Amz-Date")));
            var file = promql.startsWith("histogram_quantile") ? "p95.json"
                    : promql.contains("response_code") ? "errors.json" : "requests.json";
            var body = Files.readAllBytes(RECORDINGS.resolve(scenario).resolve(file));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(scenario.startsWith("http-") ? Integer.parseInt(scenario.substring(5)) : 200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    RecordedPrometheus answering(String scenario) {
        this.scenario = scenario;
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + WORKSPACE_PATH);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
