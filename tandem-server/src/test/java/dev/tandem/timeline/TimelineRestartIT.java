package dev.tandem.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.cluster.TandemNodes;
import dev.tandem.collab.ChangeSet;
import dev.tandem.realtime.RawSocket;
import dev.tandem.storage.TestPostgres;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timeline and the text at past versions outlive the node: a real node JVM on the tests' PostgreSQL, a small
 * in-memory history (50 updates) and snapshot interval (100), stopped (SIGTERM) and killed (SIGKILL) and started
 * again. The numbering served before each restart is served again after it, and the text at random versions is
 * exactly what was typed up to them — the document itself coming back from storage.
 */
class TimelineRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theTimelineAndTheTextAtAnyVersionSurviveARestart() throws Exception {
        // PostgreSQL, not the embedded H2 file: a node stopped within seconds of its writes left an H2 file without
        // them (reproduced with a session created and the node stopped 3 s later; reported, not fixed here).
        List<String> options = List.of("-Dtandem.storage.url=" + TestPostgres.freshDatabase(), "-Dtandem.collab.history-updates=50",
                "-Dtandem.storage.snapshot-every-updates=100");
        try (TandemNodes nodes = new TandemNodes(1, options)) {
            nodes.startAll();
            String id = JSON.readTree(send(nodes.uri(0), "POST", "/api/sessions", "{\"language\":\"python\"}", 201)).path("id").asText();
            List<String> texts = new ArrayList<>(List.of(""));

            type(nodes.uri(0), id, texts, 250);
            List<JsonNode> before = awaitTimeline(nodes.uri(0), id, 250);
            nodes.stop(0);
            nodes.start(0);
            nodes.awaitReady(0);
            assertThat(readAll(nodes.uri(0), id, 40)).isEqualTo(before);
            assertTexts(nodes.uri(0), id, texts, 1);

            type(nodes.uri(0), id, texts, 120); // the document comes back from storage and goes on
            before = awaitTimeline(nodes.uri(0), id, 370); // stored: the kill below cannot lose it
            nodes.kill(0);
            nodes.start(0);
            nodes.awaitReady(0);
            assertThat(readAll(nodes.uri(0), id, 1000)).isEqualTo(before);
            assertTexts(nodes.uri(0), id, texts, 2);
        }
    }

    /** Types {@code count} characters at the end in pushes of 10 updates, recording the text at each version. */
    private static void type(URI node, String id, List<String> texts, int count) throws Exception {
        try (RawSocket socket = RawSocket.join(node.getPort(), id, "ada")) {
            int version = socket.welcome().path("version").asInt();
            assertThat(version).isEqualTo(texts.size() - 1);
            int seq = version; // one client: its seq is the version
            StringBuilder text = new StringBuilder(texts.get(texts.size() - 1));
            for (int pushed = 0; pushed < count; pushed += 10) {
                StringBuilder updates = new StringBuilder();
                for (int i = 0; i < 10; i++) {
                    String piece = String.valueOf((char) ('a' + (seq % 26))) + (seq % 30 == 29 ? "\n" : "");
                    String changes = JSON.readTree(ChangeSet.of(text.length(), text.length(), text.length(), piece).toJson()).toString();
                    updates.append(i == 0 ? "" : ",").append("{\"clientId\":\"ada\",\"seq\":").append(++seq)
                            .append(",\"changes\":").append(changes).append('}');
                    text.append(piece);
                    texts.add(text.toString());
                }
                socket.send("{\"type\":\"push\",\"version\":" + version + ",\"updates\":[" + updates + "]}");
                version = socket.await("ack").path("version").asInt();
            }
        }
    }

    private static List<JsonNode> awaitTimeline(URI node, String id, int updates) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> readAll(node, id, 1000), events -> events.size() == updates);
    }

    private static void assertTexts(URI node, String id, List<String> texts, long seed) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < 12; i++) {
            int v = random.nextInt(texts.size());
            JsonNode answer = JSON.readTree(send(node, "GET", "/api/sessions/" + id + "/text?version=" + v, null, 200));
            assertThat(answer.path("content").asText()).as("text at version %d", v).isEqualTo(texts.get(v));
        }
    }

    private static List<JsonNode> readAll(URI node, String id, int limit) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long from = 0;
        for (int page = 0; page < 1000; page++) {
            JsonNode body = JSON.readTree(send(node, "GET", "/api/sessions/" + id + "/timeline?from=" + from + "&limit=" + limit, null, 200));
            body.path("events").forEach(all::add);
            if (body.path("next").isNull() || body.path("next").asLong() == from) return all;
            from = body.path("next").asLong();
        }
        throw new AssertionError("more than 1000 pages");
    }

    private static String send(URI node, String method, String path, String body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(30));
        if (body != null) request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        else request.method(method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(status);
        return response.body();
    }
}
