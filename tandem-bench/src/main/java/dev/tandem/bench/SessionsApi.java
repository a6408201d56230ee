package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few REST calls the load tool needs: create a session, read its content and version, start a run of it. */
final class SessionsApi {
    record Snapshot(String content, int version) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    SessionsApi(URI server) {
        this.base = server;
    }

    String create(String content) throws IOException, InterruptedException {
        return create("python", content);
    }

    /** The new session's edit link, which is also its id in every later call (docs/security.md). */
    String create(String language, String content) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("language", language, "content", content, "title", "load"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return call(request, 201).get("id").asText();
    }

    Snapshot get(String sessionId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions/" + sessionId))
                .timeout(Duration.ofSeconds(30)).GET().build();
        JsonNode node = call(request, 200);
        return new Snapshot(node.get("content").asText(), node.get("version").asInt());
    }

    /** {@code POST /api/sessions/{id}/runs}: the run id once the run is queued (202). */
    String startRun(String sessionId, String stdin) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("stdin", stdin));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/sessions/" + sessionId + "/runs")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return call(request, 202).get("runId").asText();
    }

    private JsonNode call(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
