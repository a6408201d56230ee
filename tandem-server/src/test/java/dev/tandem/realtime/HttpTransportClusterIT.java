package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.cluster.TandemNodes;
import dev.tandem.collab.ChangeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP transport in a real 3-JVM cluster ({@link TandemNodes}): any node serves any request of a
 * connection, as behind a non-sticky load balancer. Small limits so that idle close and 410 can be seen
 * quickly: idle after 6 s (long enough for a loaded machine between a test's requests), 64 messages kept.
 */
class HttpTransportClusterIT {
    private static TandemNodes nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = new TandemNodes(3, List.of("-Dtandem.http-transport.idle-ms=6000", "-Dtandem.http-transport.log-capacity=64"));
        nodes.startAll();
    }

    @AfterAll
    static void stop() {
        if (nodes != null) nodes.close();
    }

    private static String createSession(URI node, String content) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(node.resolve("/api/sessions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"" + content + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return HttpTransportClient.MAPPER.readTree(response.body()).path("id").asText();
    }

    private static String push(String clientId, int version, int seq, int at, String text) {
        return "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"" + clientId + "\",\"seq\":" + seq
                + ",\"changes\":" + ChangeSet.of(version, at, at, text).toJson() + "}]}";
    }

    @Test
    void aStreamOnOneNodeAndItsPostsOnOthersEditInOrderWithASocket() throws Exception {
        String session = createSession(nodes.uri(0), "");
        HttpTransportClient home = HttpTransportClient.open(nodes.uri(0), session, "http");
        try (HttpTransportClient.Stream stream = home.at(nodes.uri(1)).stream(null);
             RawSocket socket = RawSocket.join(nodes.uri(1).getPort(), session, "ws")) {
            assertThat(stream.status).isEqualTo(200);
            // 20 pushes, each POSTed as soon as the one before was queued, alternately to node 1 and node 2, and
            // each based on the version the one before makes: they succeed only if handled in order of arrival.
            for (int i = 0; i < 20; i++) {
                home.at(nodes.uri(1 + i % 2)).send(push("http", i, i + 1, i, Character.toString('a' + i)));
            }
            for (int i = 0; i < 20; i++) {
                JsonNode ack = stream.next("ack").message();
                assertThat(ack.path("seq").asInt()).isEqualTo(i + 1);
                assertThat(ack.path("version").asInt()).isEqualTo(i + 1);
            }
            // The socket on node 1 has every update, and its own edit reaches the HTTP connection's stream.
            JsonNode last = socket.await("updates");
            while (last.path("fromVersion").asInt() + last.path("updates").size() < 20) last = socket.await("updates");
            socket.send(push("ws", 20, 1, 20, "!"));
            socket.await("ack");
            JsonNode fromSocket = stream.next("updates").message();
            while (!fromSocket.path("updates").get(0).path("clientId").asText().equals("ws")) fromSocket = stream.next("updates").message();
            assertThat(fromSocket.path("fromVersion").asInt()).isEqualTo(20);
            HttpResponse<String> doc = HttpClient.newHttpClient().send(HttpRequest.newBuilder(nodes.uri(2).resolve("/api/sessions/" + session))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(HttpTransportClient.MAPPER.readTree(doc.body()).path("content").asText()).isEqualTo("abcdefghijklmnopqrst!");
        }
    }

    @Test
    void anIdleConnectionIsClosedAndTheOthersSeeItLeave() throws Exception {
        String session = createSession(nodes.uri(0), "");
        try (RawSocket watcher = RawSocket.join(nodes.uri(1).getPort(), session, "watcher")) {
            HttpTransportClient idle = HttpTransportClient.open(nodes.uri(0), session, "sleepy");
            assertThat(watcher.await("joined").path("clientId").asText()).isEqualTo("sleepy");
            // No stream and no request from now on: after 6 s it is closed as if its socket had gone.
            JsonNode left = watcher.await("left", Duration.ofSeconds(40));
            assertThat(left.path("clientId").asText()).isEqualTo("sleepy");
            HttpTransportClient.Answer after = idle.at(nodes.uri(2)).poll(0, 0);
            assertThat(after.status()).isEqualTo(404);
            assertThat(after.body().path("error").asText()).isEqualTo("NO_SUCH_CONNECTION");
        }
    }

    @Test
    void messagesNoLongerKeptAre410() throws Exception {
        String session = createSession(nodes.uri(0), "");
        HttpTransportClient reader = HttpTransportClient.open(nodes.uri(0), session, "reader");
        try (RawSocket talker = RawSocket.join(nodes.uri(2).getPort(), session, "talker")) {
            for (int i = 0; i < 100; i++) {
                talker.send("{\"type\":\"presence\",\"selection\":{\"anchor\":0,\"head\":0},\"version\":0}");
            }
            // Reading along (long polls) keeps the connection open while the presences arrive.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long last = 0;
            while (last < 101 && System.nanoTime() < deadline) {
                HttpTransportClient.Answer page = reader.at(nodes.uri(1)).poll(last, 2000);
                assertThat(page.status()).as("poll after %d: %s", last, page.body()).isEqualTo(200);
                last = page.body().path("last").asLong();
            }
            assertThat(last).as("all 101 messages (joined + 100 presences) are in").isEqualTo(101);
            HttpTransportClient.Answer gone = reader.at(nodes.uri(1)).poll(0, 0);
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.body().path("error").asText()).isEqualTo("MESSAGES_GONE");
            try (HttpTransportClient.Stream stream = reader.at(nodes.uri(2)).stream(null)) {
                assertThat(stream.status).isEqualTo(410);
            }
            assertThat(reader.poll(100, 0).status()).as("what is still kept is served").isEqualTo(200);
        }
    }
}
