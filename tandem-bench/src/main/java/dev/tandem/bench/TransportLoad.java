package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Transport mode: the same load delivered over each transport in turn, in one run. Per session one writer
 * (a WebSocket) types at R edits per second and C readers receive the updates over the transport under test
 * (WebSocket, SSE, long polling, short polling once a second). Fan-out latency: from the writer's push to a
 * reader holding the update; server CPU per edit over the measured seconds. Readers are real connections
 * (the HTTP ones open by POST /api/sessions/{id}/connections), so their joins, polls and streams cost what they
 * cost; the writer is the same in every phase.
 */
final class TransportLoad {
    static final List<String> TRANSPORTS = List.of("websocket", "sse", "long-poll", "short-poll-1s");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadOptions o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    TransportLoad(LoadOptions options) {
        this.o = options;
    }

    TransportReport run() throws Exception {
        SessionsApi api = new SessionsApi(o.server());
        ServerProbe server = new ServerProbe(o.serverPid());
        List<TransportReport.Row> rows = new ArrayList<>();
        for (String transport : TRANSPORTS) rows.add(phase(api, server, transport));
        return new TransportReport(o.sessions(), o.clients(), o.rate(), o.seconds(), rows);
    }

    /** One transport: S sessions, each with a writer and C readers, warm-up, then the measured seconds. */
    private TransportReport.Row phase(SessionsApi api, ServerProbe server, String transport) throws Exception {
        List<Writer> writers = new ArrayList<>();
        List<Reader> readers = new ArrayList<>();
        for (int s = 0; s < o.sessions(); s++) {
            String id = api.create("");
            Writer writer = new Writer(id);
            writers.add(writer);
            for (int c = 0; c < o.clients(); c++) readers.add(reader(transport, id, "r" + s + "-" + c, writer));
            writer.connect();
        }
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "transport-writer");
            t.setDaemon(true);
            return t;
        });
        long period = (long) (1e9 / o.rate());
        List<ScheduledFuture<?>> scheduled = new ArrayList<>();
        for (Writer w : writers) {
            scheduled.add(ticks.scheduleAtFixedRate(w::tick, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.NANOSECONDS));
        }
        long measureFrom = System.nanoTime() + (long) (o.warmup() * 1e9);
        readers.forEach(r -> r.measureFrom = measureFrom);
        sleepUntil(measureFrom);
        double cpuBefore = server.present() ? server.cpuMillis() : 0;
        long editsBefore = writers.stream().mapToLong(w -> w.acked).sum();
        sleepUntil(measureFrom + (long) (o.seconds() * 1e9));
        double cpuAfter = server.present() ? server.cpuMillis() : 0;
        long edits = writers.stream().mapToLong(w -> w.acked).sum() - editsBefore;
        scheduled.forEach(f -> f.cancel(false));
        ticks.shutdownNow();
        // Let the last polls come in (short polling takes up to a second), then stop.
        Thread.sleep(1500);
        readers.forEach(Reader::stop);
        writers.forEach(Writer::stop);
        List<LongSamples> samples = new ArrayList<>();
        long missing = 0;
        for (Reader r : readers) {
            samples.add(r.latencies);
            missing += r.failures;
        }
        Percentiles latency = Percentiles.ofNanos(LongSamples.concat(samples));
        double cpuPerEdit = server.present() && edits > 0 ? (cpuAfter - cpuBefore) / edits : Double.NaN;
        return new TransportReport.Row(transport, edits / o.seconds(), latency, cpuPerEdit, missing);
    }

    private Reader reader(String transport, String session, String clientId, Writer writer) throws Exception {
        Reader reader = switch (transport) {
            case "websocket" -> new SocketReader(session, clientId, writer);
            case "sse" -> new SseReader(session, clientId, writer);
            case "long-poll" -> new PollReader(session, clientId, writer, 25_000, 0);
            default -> new PollReader(session, clientId, writer, 0, 1000);
        };
        reader.start();
        return reader;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
    }

    /** The session's one typist, over a WebSocket: one insert per tick, the next once the last was acked. */
    private final class Writer implements WebSocket.Listener {
        final String session;
        final ConcurrentHashMap<Integer, Long> sentAt = new ConcurrentHashMap<>();
        volatile long acked;
        private WebSocket socket;
        private int version;
        private int seq;
        private boolean inFlight;
        private final StringBuilder partial = new StringBuilder();

        Writer(String session) {
            this.session = session;
        }

        void connect() throws Exception {
            URI uri = URI.create(o.server().toString().replaceFirst("^http", "ws") + "/ws/sessions/" + session);
            socket = http.newWebSocketBuilder().buildAsync(uri, this).get(30, TimeUnit.SECONDS);
            CompletableFuture<Void> welcomed = welcome;
            socket.sendText("{\"type\":\"hello\",\"clientId\":\"writer\",\"name\":\"writer\"}", true);
            welcomed.get(30, TimeUnit.SECONDS);
        }

        private final CompletableFuture<Void> welcome = new CompletableFuture<>();

        synchronized void tick() {
            if (inFlight || !welcome.isDone()) return; // a slow ack: this tick is skipped, as a typist waits
            inFlight = true;
            seq++;
            sentAt.put(seq, System.nanoTime());
            socket.sendText("{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"writer\",\"seq\":" + seq
                    + ",\"changes\":[" + (version == 0 ? "" : version + ",") + "[0,\"x\"]]}]}", true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    String type = m.path("type").asText();
                    if (type.equals("welcome")) {
                        synchronized (this) {
                            version = m.path("version").asInt();
                        }
                        welcome.complete(null);
                    } else if (type.equals("ack")) {
                        synchronized (this) {
                            version = m.path("version").asInt();
                            inFlight = false;
                            acked++;
                        }
                    }
                } catch (IOException e) {
                    // not for us
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void stop() {
            if (socket != null) socket.abort();
        }
    }

    /** A receiver of the session's updates over one transport; records each writer update's fan-out latency. */
    private abstract class Reader {
        final String session;
        final String clientId;
        final Writer writer;
        final LongSamples latencies = new LongSamples();
        final AtomicBoolean stopped = new AtomicBoolean();
        volatile long measureFrom = Long.MAX_VALUE;
        volatile long failures;

        Reader(String session, String clientId, Writer writer) {
            this.session = session;
            this.clientId = clientId;
            this.writer = writer;
        }

        abstract void start() throws Exception;

        void stop() {
            stopped.set(true);
        }

        void message(String text) {
            long now = System.nanoTime();
            if (!text.startsWith("{\"type\":\"updates\"")) return;
            try {
                for (JsonNode u : JSON.readTree(text).path("updates")) {
                    Long sent = writer.sentAt.get(u.path("seq").asInt());
                    if (sent != null && sent >= measureFrom) {
                        latencies.add(now - sent);
                    }
                }
            } catch (IOException e) {
                failures++;
            }
        }

        /** Opens an HTTP-transport connection; returns its id. */
        String open() throws Exception {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(o.server().resolve("/api/sessions/" + session + "/connections"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + clientId + "\",\"name\":\"" + clientId + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) throw new IOException("open: " + r.statusCode() + " " + r.body());
            return JSON.readTree(r.body()).path("connection").asText();
        }

        Thread daemon(Runnable loop) {
            Thread t = new Thread(loop, "transport-reader-" + clientId);
            t.setDaemon(true);
            t.start();
            return t;
        }
    }

    private final class SocketReader extends Reader implements WebSocket.Listener {
        private WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        SocketReader(String session, String clientId, Writer writer) {
            super(session, clientId, writer);
        }

        @Override
        void start() throws Exception {
            URI uri = URI.create(o.server().toString().replaceFirst("^http", "ws") + "/ws/sessions/" + session);
            socket = http.newWebSocketBuilder().buildAsync(uri, this).get(30, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"hello\",\"clientId\":\"" + clientId + "\",\"name\":\"" + clientId + "\"}", true);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                message(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        void stop() {
            super.stop();
            socket.abort();
        }
    }

    private final class SseReader extends Reader {
        private volatile InputStream body;

        SseReader(String session, String clientId, Writer writer) {
            super(session, clientId, writer);
        }

        @Override
        void start() throws Exception {
            String connection = open();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(o.server().resolve("/api/connections/" + connection + "/stream"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
            body = r.body();
            daemon(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while (!stopped.get() && (line = lines.readLine()) != null) {
                        if (line.startsWith("data:")) message(line.substring(line.startsWith("data: ") ? 6 : 5));
                    }
                } catch (IOException e) {
                    if (!stopped.get()) failures++;
                }
            });
        }

        @Override
        void stop() {
            super.stop();
            try {
                body.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** Long polling ({@code waitMs} > 0, asking again at once) or short polling (every {@code everyMs}). */
    private final class PollReader extends Reader {
        private final long waitMs;
        private final long everyMs;

        PollReader(String session, String clientId, Writer writer, long waitMs, long everyMs) {
            super(session, clientId, writer);
            this.waitMs = waitMs;
            this.everyMs = everyMs;
        }

        @Override
        void start() throws Exception {
            String connection = open();
            daemon(() -> {
                long after = 0;
                while (!stopped.get()) {
                    long started = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(o.server().resolve("/api/connections/" + connection
                                + "/messages?after=" + after + "&waitMs=" + waitMs)).timeout(Duration.ofMillis(waitMs + 10_000)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failures++;
                            return;
                        }
                        JsonNode page = JSON.readTree(r.body());
                        for (JsonNode m : page.path("messages")) message(m.toString());
                        after = page.path("last").asLong();
                        long left = everyMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                        if (left > 0) Thread.sleep(left); // short polling: the next poll a second after this one began
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        if (!stopped.get()) failures++;
                        return;
                    }
                }
            });
        }
    }
}
