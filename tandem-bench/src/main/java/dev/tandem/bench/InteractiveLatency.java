package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.run.Languages;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Input → output latency of v1.1 "Interactive runs" (docs/benchmarks.md, "Interactive runs"): one Python program
 * that echoes each line, fed one line at a time, the next line only after the echo of the one before came back.
 * Through Tandem: {@code run.input} on a session socket until the {@code run.output} with the echo arrives on the
 * same socket (REST session, socket, record, worker, sandbox relay, program, batcher, fan-out). Baseline, in
 * the same run: the same program in the same image under {@code docker run -i --network none} (the CLI attached
 * to its stdin and stdout, as {@code docker attach} is), a line written to the CLI's stdin until its echo is
 * read from the CLI's stdout.
 *
 * <p>{@code java -cp <tandem-bench's class path> dev.tandem.bench.InteractiveLatency http://127.0.0.1:18080 200}
 */
public final class InteractiveLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECHO = "import sys\nfor line in sys.stdin:\n    print(line, end='')\n";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private InteractiveLatency() {
    }

    public static void main(String[] args) throws Exception {
        URI server = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:18080");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long[] tandem = throughTandem(server, rounds);
        long[] docker = throughDockerCli(rounds);
        System.out.println(row("Tandem (run.input -> run.output)", tandem));
        System.out.println(row("docker run -i (stdin -> stdout)", docker));
    }

    static String row(String path, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%-34s n=%d  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms", path, sorted.length,
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static long[] throughTandem(URI server, int rounds) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(Map.of("language", "python", "content", ECHO));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(server.resolve("/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) throw new IllegalStateException("create session: " + created.body());
        String id = JSON.readTree(created.body()).path("id").asText();
        BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        URI ws = URI.create(server.toString().replaceFirst("^http", "ws") + "/ws/sessions/" + id);
        WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new Inbox(inbox)).join();
        try {
            socket.sendText("{\"type\":\"hello\",\"clientId\":\"bench-" + UUID.randomUUID() + "\",\"name\":\"bench\"}", true).join();
            await(inbox, m -> m.path("type").asText().equals("welcome"));
            socket.sendText("{\"type\":\"run\",\"interactive\":true}", true).join();
            String runId = await(inbox, m -> m.path("type").asText().equals("run.queued")).path("runId").asText();
            await(inbox, m -> m.path("type").asText().equals("run.started"));
            long[] nanos = new long[rounds + 10];
            for (int i = 0; i < nanos.length; i++) { // the first 10 warm up and are left out
                String line = "line " + i + "\n";
                long t0 = System.nanoTime();
                socket.sendText("{\"type\":\"run.input\",\"runId\":\"" + runId + "\",\"data\":\"line " + i + "\\n\"}", true).join();
                await(inbox, m -> m.path("type").asText().equals("run.output") && m.path("data").asText().equals(line));
                nanos[i] = System.nanoTime() - t0;
            }
            socket.sendText("{\"type\":\"run.eof\",\"runId\":\"" + runId + "\"}", true).join();
            await(inbox, m -> m.path("type").asText().equals("run.finished"));
            return Arrays.copyOfRange(nanos, 10, nanos.length);
        } finally {
            socket.abort();
        }
    }

    static long[] throughDockerCli(int rounds) throws Exception {
        String name = "tandem-bench-interactive-" + UUID.randomUUID();
        Process p = new ProcessBuilder(List.of("docker", "run", "--rm", "-i", "--name", name, "--network", "none",
                Languages.PYTHON.image(), "python3", "-u", "-c", ECHO)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream();
             BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long[] nanos = new long[rounds + 10];
            for (int i = 0; i < nanos.length; i++) {
                String line = "line " + i;
                long t0 = System.nanoTime();
                in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String echoed = out.readLine();
                nanos[i] = System.nanoTime() - t0;
                if (!line.equals(echoed)) throw new IllegalStateException("expected " + line + ", got " + echoed);
            }
            in.close();
            p.waitFor(30, TimeUnit.SECONDS);
            return Arrays.copyOfRange(nanos, 10, nanos.length);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                new ProcessBuilder("docker", "rm", "-f", name).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static JsonNode await(BlockingQueue<JsonNode> inbox, java.util.function.Predicate<JsonNode> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) break;
            if (m.path("type").asText().equals("error")) throw new IllegalStateException("error: " + m);
            if (wanted.test(m)) return m;
        }
        throw new IllegalStateException("nothing wanted within " + WAIT);
    }

    private static final class Inbox implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> inbox;
        private final StringBuilder partial = new StringBuilder();

        Inbox(BlockingQueue<JsonNode> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
