package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A bare WebSocket client for contract tests: it sends exactly the JSON it is given (as a hand-typed
 * websocat session would) and lets a test wait for the messages it expects, each with a deadline.
 */
public final class RawSocket implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    /** Every message received, including those a test skipped while waiting for another. */
    private final List<JsonNode> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile JsonNode welcome;

    private RawSocket(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
    }

    public static RawSocket open(int port, String sessionId) throws Exception {
        return new RawSocket(URI.create("ws://127.0.0.1:" + port + "/ws/sessions/" + sessionId));
    }

    /** Opens a socket and joins with hello; returns once the welcome has arrived. */
    public static RawSocket join(int port, String sessionId, String clientId) throws Exception {
        RawSocket socket = open(port, sessionId);
        socket.send(hello(clientId, null));
        socket.welcome = socket.expect("welcome");
        return socket;
    }

    /**
     * Opens a socket and resumes {@code clientId} with the resumeToken that {@code earlier}'s welcome gave it
     * (v1.1 "Identity across reconnects"); returns once the welcome has arrived.
     */
    public static RawSocket resume(int port, String sessionId, String clientId, RawSocket earlier) throws Exception {
        RawSocket socket = open(port, sessionId);
        socket.send(hello(clientId, earlier.resumeToken()));
        socket.welcome = socket.expect("welcome");
        return socket;
    }

    /** A hello message; {@code resumeToken} may be null (a fresh clientId). */
    public static String hello(String clientId, String resumeToken) {
        return "{\"type\":\"hello\",\"clientId\":\"" + clientId + "\",\"name\":\"" + clientId + "\""
                + (resumeToken == null ? "" : ",\"resumeToken\":\"" + resumeToken + "\"") + "}";
    }

    /** The welcome this socket was joined with (by {@link #join} or {@link #resume}), or null. */
    public JsonNode welcome() {
        return welcome;
    }

    /** The resumeToken of this socket's welcome. */
    public String resumeToken() {
        return welcome.path("resumeToken").asText(null);
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** The next message, which must be of the given type (messages of other types before it fail the test). */
    public JsonNode expect(String type) throws InterruptedException {
        JsonNode message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) fail("no '" + type + "' message within " + WAIT);
        assertThat(message.path("type").asText()).as("message %s", message).isEqualTo(type);
        return message;
    }

    /** Skips messages until one of the given type arrives. */
    public JsonNode await(String type) throws InterruptedException {
        return await(type, WAIT);
    }

    /** Skips messages until one of the given type arrives, waiting at most {@code within}. */
    public JsonNode await(String type, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            JsonNode message = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) break;
            if (message.path("type").asText().equals(type)) return message;
            skipped.add(message);
        }
        return fail("no '" + type + "' message within " + within + "; saw " + skipped);
    }

    /** Every message received so far, in order, whether or not a test has taken it. */
    public List<JsonNode> received() {
        return received;
    }

    /** The next message of any type, or null when none arrives within the time given. */
    public JsonNode next(Duration within) throws InterruptedException {
        return inbox.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An error message with the given code. */
    public JsonNode expectError(String code) throws InterruptedException {
        JsonNode error = expect("error");
        assertThat(error.path("code").asText()).as("error %s", error).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        return error;
    }

    /** Asserts that nothing arrives for a short while (used after messages that must have no effect). */
    public void expectSilence(Duration duration) throws InterruptedException {
        JsonNode message = inbox.poll(duration.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("unexpected message").isNull();
    }

    /** The close code and reason text length, once the server has closed the socket. */
    public int awaitCloseCode() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)[0];
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message;
                try {
                    message = MAPPER.readTree(partial.toString());
                } catch (Exception e) {
                    message = MAPPER.createObjectNode().put("type", "unparseable").put("text", partial.toString());
                }
                received.add(message);
                inbox.add(message);
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new int[] {-1});
        }
    }
}
