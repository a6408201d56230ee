package dev.tandem.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.realtime.RawSocket;
import dev.tandem.run.sandbox.DockerSandbox;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.fail;

/** Test helpers for runs: sessions in a language, collecting a run's events from a socket, SSE bodies. */
public final class RunEventsCollector {
    static final ObjectMapper MAPPER = new ObjectMapper();
    public static final Duration RUN_DEADLINE = Duration.ofSeconds(90);

    private RunEventsCollector() {
    }

    public static String session(String language, String content) {
        return given().contentType(ContentType.JSON)
                .body("{\"language\":\"" + language + "\",\"content\":" + quote(content) + "}")
                .post("/api/sessions").then().statusCode(201).extract().path("id");
    }

    /** The first run.queued the socket receives (skipping other messages). */
    public static JsonNode awaitQueued(RawSocket socket) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = socket.next(Duration.ofNanos(deadline - System.nanoTime()));
            if (m == null) break;
            if (m.path("type").asText().equals("run.queued")) return m;
            if (m.path("type").asText().equals("error")) fail("error instead of run.queued: " + m);
        }
        return fail("no run.queued within " + RUN_DEADLINE);
    }

    /** The run events of {@code runId} the socket receives until run.finished, in order (others skipped). */
    public static List<JsonNode> untilFinished(RawSocket socket, String runId) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) break;
            if (!m.path("type").asText().startsWith("run.") || !m.path("runId").asText().equals(runId)) continue;
            events.add(m);
            if (m.path("type").asText().equals("run.finished")) return events;
        }
        return fail("run " + runId + " did not finish within " + RUN_DEADLINE + "; got " + events);
    }

    public static String output(List<JsonNode> events, String stream) {
        StringBuilder s = new StringBuilder();
        for (JsonNode e : events) {
            if (e.path("type").asText().equals("run.output") && e.path("stream").asText().equals(stream)) {
                s.append(e.path("data").asText());
            }
        }
        return s.toString();
    }

    /** The events of an SSE body ({@code data:} lines). */
    public static List<JsonNode> sse(String body) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) events.add(MAPPER.readTree(line.substring(5).trim()));
        }
        return events;
    }

    /** Waits (bounded) until this JVM's sandbox containers are all gone. */
    public static List<String> leftoverContainers() throws InterruptedException {
        try (DockerSandbox sandbox = new DockerSandbox()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                List<String> mine = sandbox.listSandboxContainers().stream()
                        .filter(c -> DockerSandbox.ownerId().equals(c.getLabels().get(DockerSandbox.OWNER_LABEL)))
                        .map(c -> c.getId())
                        .filter(id -> !DockerSandbox.isWarm(id)) // waiting in the node's pool for a run: no run's leftover
                        .toList();
                if (mine.isEmpty() || System.nanoTime() > deadline) return mine;
                Thread.sleep(200);
            }
        }
    }

    static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
