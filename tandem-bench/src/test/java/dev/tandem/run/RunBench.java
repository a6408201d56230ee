package dev.tandem.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.bench.BareDockerRun;
import dev.tandem.realtime.RawSocket;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * End-to-end run latency against a running Tandem: a Python hello world from the socket {@code run} message
 * to {@code run.finished} on the same socket, alternating with a bare {@code docker run --rm} of the same
 * image ({@link BareDockerRun}, shared with the load tool's run mode); then runs/s with the workers saturated
 * (many sessions, all submitted at once over REST).
 * Usage: RunBench [port] [N] [throughputRuns] (defaults 8080 30 24). See docs/benchmarks-runs.md.
 */
public final class RunBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int burst = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        String base = "http://127.0.0.1:" + port;

        String sessionId = createSession(base, "print(1)\n");
        try (RawSocket socket = RawSocket.join(port, sessionId, "bench")) {
            SideBySide.compare(n, "Tandem/bare", "Tandem socket `run` → `run.finished` (python print(1))",
                    () -> socketRun(socket), "bare `docker run --rm --network none` (print(1))", RunBench::bareRun);
        }

        // throughput: one run per session (the per-session limit does not bind), all at once
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < burst; i++) sessions.add(createSession(base, "print(1)\n"));
        long t0 = System.nanoTime();
        List<String> runIds = new ArrayList<>();
        for (String s : sessions) runIds.add(submit(base, s));
        for (String runId : runIds) {
            JsonNode record = waitFinished(base, runId);
            if (!record.path("outcome").asText().equals("ok")) throw new IllegalStateException("bad run " + record);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%nthroughput: %d runs in %.2f s = %.2f runs/s%n", burst, seconds, burst / seconds);
    }

    static double socketRun(RawSocket socket) throws Exception {
        long t0 = System.nanoTime();
        socket.send("{\"type\":\"run\",\"stdin\":\"\"}");
        StringBuilder out = new StringBuilder();
        while (true) {
            JsonNode m = socket.next(Duration.ofSeconds(60));
            if (m == null) throw new IllegalStateException("no run.finished within 60 s");
            String type = m.path("type").asText();
            if (type.equals("error")) throw new IllegalStateException("refused: " + m);
            if (type.equals("run.output")) out.append(m.path("data").asText());
            if (type.equals("run.finished")) {
                double ms = (System.nanoTime() - t0) / 1e6;
                if (!m.path("outcome").asText().equals("ok") || !out.toString().equals("1\n")) {
                    throw new IllegalStateException("bad run: " + m + " output " + out);
                }
                return ms;
            }
        }
    }

    /** The same path as the load tool's baseline: --network none, the source over stdin into a tmpfs /work. */
    static double bareRun() throws IOException, InterruptedException {
        BareDockerRun.Result r = BareDockerRun.run(Languages.PYTHON, "print(1)\n", "", Duration.ofSeconds(60));
        if (r.exitCode() != 0 || !r.stdout().equals("1\n")) throw new IllegalStateException("bare docker run failed: " + r);
        return r.finishedNanos() / 1e6;
    }

    static String createSession(String base, String content) throws Exception {
        String body = "{\"language\":\"python\",\"content\":" + MAPPER.writeValueAsString(content) + "}";
        return post(base + "/api/sessions", body, 201).path("id").asText();
    }

    static String submit(String base, String sessionId) throws Exception {
        return post(base + "/api/sessions/" + sessionId + "/runs", "{}", 202).path("runId").asText();
    }

    static JsonNode waitFinished(String base, String runId) throws Exception {
        while (true) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + runId + "?waitMs=30000"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode record = MAPPER.readTree(r.body());
            if (record.path("status").asText().equals("finished")) return record;
        }
    }

    static JsonNode post(String url, String json, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        return MAPPER.readTree(r.body());
    }
}
