package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.bench.floor.FloorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor of the edit benchmarks (dev.tandem.bench.floor.FloorServer) must really answer as the contract says,
 * or its figures in docs/benchmarks.md would measure a broken server: a push gets {@code updates} to every
 * participant and an {@code ack} to the pusher, a stale one {@code conflict}, and the load tool drives it
 * unchanged to a converged end. No timings asserted.
 */
class FloorServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FloorServer floor;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        floor = FloorServer.start("127.0.0.1", 0, 1);
        base = URI.create("http://127.0.0.1:" + floor.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (floor != null) floor.close();
    }

    @Test
    void pushIsAnsweredWithUpdatesToEveryoneAndAnAckToThePusher() throws Exception {
        String id = new SessionsApi(base).create("ab");
        Socket ada = Socket.open(id);
        Socket bob = Socket.open(id);
        ada.send("{\"type\":\"hello\",\"clientId\":\"ada\",\"name\":\"Ada\"}");
        bob.send("{\"type\":\"hello\",\"clientId\":\"bob\",\"name\":\"Bob\"}");
        assertThat(ada.next().path("content").asText()).isEqualTo("ab");
        assertThat(bob.next().path("type").asText()).isEqualTo("welcome");

        ada.send("{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[[0,\"x\"],2]},"
                + "{\"clientId\":\"ada\",\"seq\":2,\"changes\":[3,[0,\"y\"]]}]}");
        JsonNode updates = ada.next();
        assertThat(updates.path("type").asText()).isEqualTo("updates");
        assertThat(updates.path("fromVersion").asInt()).isZero();
        assertThat(updates.path("updates")).hasSize(2);
        JsonNode ack = ada.next();
        assertThat(ack.path("type").asText()).isEqualTo("ack");
        assertThat(ack.path("clientId").asText()).isEqualTo("ada");
        assertThat(ack.path("seq").asInt()).isEqualTo(2);
        assertThat(ack.path("version").asInt()).isEqualTo(2);
        assertThat(bob.next()).isEqualTo(updates);

        bob.send("{\"type\":\"push\",\"version\":1,\"updates\":[{\"clientId\":\"bob\",\"seq\":1,\"changes\":[[0,\"z\"],3]}]}");
        JsonNode conflict = bob.next();
        assertThat(conflict.path("type").asText()).isEqualTo("conflict");
        assertThat(conflict.path("version").asInt()).isEqualTo(2);
        assertThat(new SessionsApi(base).get(id)).isEqualTo(new SessionsApi.Snapshot("xaby", 2));
        ada.close();
        bob.close();
    }

    @Test
    void theLoadToolDrivesItToAConvergedEnd() throws Exception {
        LoadOptions options = LoadOptions.parse(new String[]{"edit", "--server", base.toString(),
                "--sessions", "2", "--clients", "3", "--rate", "5", "--seconds", "2", "--warmup", "1"});

        EditReport report = new EditLoad(options).run();

        assertThat(report.firstError()).isNull();
        assertThat(report.errors()).isZero();
        assertThat(report.sessionsConverged()).isEqualTo(2);
        assertThat(report.updatesAccepted()).isEqualTo(report.editsMade());
        assertThat(report.editsMade()).isPositive();
    }

    /** A raw socket of the JDK's client, so that the frames are seen as sent. */
    private record Socket(WebSocket ws, BlockingQueue<String> frames) {
        static Socket open(String sessionId) {
            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + floor.port() + "/ws/sessions/" + sessionId), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                frames.add(partial.toString());
                                partial.setLength(0);
                            }
                            socket.request(1);
                            return null;
                        }
                    }).join();
            return new Socket(ws, frames);
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        JsonNode next() throws Exception {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            return JSON.readTree(frame);
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }
}
