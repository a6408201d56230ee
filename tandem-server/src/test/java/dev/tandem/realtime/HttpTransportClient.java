package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bare client of the HTTP transport for contract tests (as curl would be): it opens a connection, POSTs
 * exactly the JSON it is given, polls, and reads the SSE stream, with every wait bounded.
 */
public final class HttpTransportClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public record Answer(int status, JsonNode body) {}

    /** One SSE event: its id (the message number) and data (one server message). */
    public record Event(long id, JsonNode message) {}

    private final URI base;
    public final String connection;
    public final JsonNode welcome;

    private HttpTransportClient(URI base, String connection, JsonNode welcome) {
        this.base = base;
        this.connection = connection;
        this.welcome = welcome;
    }

    /** The same connection, its requests sent to another node. */
    public HttpTransportClient at(URI node) {
        return new HttpTransportClient(node, connection, welcome);
    }

    /** Opens a connection for {@code clientId}; fails the test unless it is 201. */
    public static HttpTransportClient open(URI base, String link, String clientId) throws Exception {
        Answer answer = openRaw(base, link, "{\"clientId\":\"" + clientId + "\",\"name\":\"" + clientId + "\"}");
        assertThat(answer.status()).as("open: %s", answer.body()).isEqualTo(201);
        return new HttpTransportClient(base, answer.body().path("connection").asText(), answer.body().path("welcome"));
    }

    public static Answer openRaw(URI base, String link, String body) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve("/api/sessions/" + link + "/connections"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer post(String body) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve("/api/connections/" + connection + "/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts and expects 202. */
    public void send(String body) throws Exception {
        Answer answer = post(body);
        assertThat(answer.status()).as("POST %s: %s", body, answer.body()).isEqualTo(202);
    }

    public Answer poll(long after, long waitMs) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve("/api/connections/" + connection + "/messages?after=" + after
                + "&waitMs=" + waitMs)).timeout(Duration.ofMillis(waitMs + 15_000)).GET());
    }

    /** Opens the SSE stream (with {@code Last-Event-ID} unless null); its events arrive in {@link Stream#events}. */
    public Stream stream(Long lastEventId) throws Exception {
        return Stream.open(base.resolve("/api/connections/" + connection + "/stream"), lastEventId);
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
        return new Answer(response.statusCode(), body);
    }

    /** A live SSE stream read on a thread of its own. */
    public static final class Stream implements AutoCloseable {
        public final int status;
        public final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        /** Completes when the server ends the stream. */
        public final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final InputStream body;

        private Stream(int status, InputStream body) {
            this.status = status;
            this.body = body;
        }

        static Stream open(URI uri, Long lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
            if (lastEventId != null) request.header("Last-Event-ID", Long.toString(lastEventId));
            HttpResponse<InputStream> response = HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(30, TimeUnit.SECONDS);
            Stream stream = new Stream(response.statusCode(), response.body());
            if (response.statusCode() == 200) {
                Thread reader = new Thread(stream::read, "sse-reader");
                reader.setDaemon(true);
                reader.start();
            } else {
                response.body().close();
            }
            return stream;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                Long id = null;
                StringBuilder data = null;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) events.add(new Event(id == null ? -1 : id, MAPPER.readTree(data.toString())));
                        id = null;
                        data = null;
                    } else if (line.startsWith("id:")) {
                        id = Long.parseLong(line.substring(3).trim());
                    } else if (line.startsWith("data:")) {
                        String part = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                        data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
                    }
                }
            } catch (Exception e) {
                // closed by the test or the server
            } finally {
                ended.complete(null);
            }
        }

        /** The next event, waiting at most 10 s; fails the test when none comes. */
        public Event next() throws InterruptedException {
            Event event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an SSE event within 10 s").isNotNull();
            return event;
        }

        /** The next event of this type (skipping others), within 10 s. */
        public Event next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event != null && event.message().path("type").asText().equals(type)) return event;
            }
            throw new AssertionError("no " + type + " event within 10 s");
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (Exception e) {
                // already closed
            }
        }
    }
}
