import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemListener;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client side of deployment/smoke-test.sh, everything through the load balancer at {@code args[0]}:
 * creates a session, connects two real {@link TandemClient}s (Tandem's Java client library), edits from both
 * at the same time, checks both converge to {@code GET /api/sessions/{id}}, and runs the code when
 * {@code POST /api/sessions/{id}/runs} exists. Prints the session id as {@code SESSION <id>} for the script.
 * <p>
 * A single-file program: {@code java -cp "tandem-client/target/classes:tandem-server/target/quarkus-app/app/*:tandem-server/target/quarkus-app/lib/main/*"
 * deployment/smoke/SmokeClient.java http://127.0.0.1:8080}. Exit status 0 = passed.
 */
public class SmokeClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int EDITS = 40;

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8080");
        long t0 = System.nanoTime();

        // 1. a session, created through the load balancer
        HttpResponse<String> created = http("POST", base.resolve("/api/sessions"),
                "{\"language\":\"python\",\"title\":\"smoke\",\"content\":\"print('start')\\n\"}");
        check(created.statusCode() == 201, "POST /api/sessions answered " + created.statusCode() + " " + created.body());
        String id = JSON.readTree(created.body()).path("id").asText();
        System.out.println("SESSION " + id);
        log("session %s created", id);

        // 2. which nodes the load balancer hands sockets to (raw sockets: hello, read the welcome's node)
        Set<String> probeNodes = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) probeNodes.add(welcomeNode(base, id));
        log("3 probe sockets were welcomed by %d distinct node(s)", probeNodes.size());

        // 3. two clients, concurrent edits
        List<String> errors = new CopyOnWriteArrayList<>();
        TandemListener onError = new TandemListener() {
            @Override
            public void onError(String code, String message) {
                log("client error %s: %s", code, message);
                if (!"CLIENT".equals(code)) errors.add(code + ": " + message); // CLIENT: a transport hiccup, the client reconnects
            }
        };
        try (TandemClient ada = TandemClient.builder(id).servers(List.of(base)).name("Ada").listener(onError).connect();
             TandemClient bob = TandemClient.builder(id).servers(List.of(base)).name("Bob").listener(onError).connect()) {
            check(ada.awaitConnected(Duration.ofSeconds(20)), "Ada did not connect through the load balancer");
            check(bob.awaitConnected(Duration.ofSeconds(20)), "Bob did not connect through the load balancer");
            log("Ada and Bob connected");

            CountDownLatch go = new CountDownLatch(1);
            Thread a = new Thread(() -> edits(go, ada, true), "ada");
            Thread b = new Thread(() -> edits(go, bob, false), "bob");
            a.start();
            b.start();
            go.countDown();
            a.join(60_000);
            b.join(60_000);
            check(ada.awaitSynced(Duration.ofSeconds(20)), "Ada's edits were not all confirmed");
            check(bob.awaitSynced(Duration.ofSeconds(20)), "Bob's edits were not all confirmed");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            JsonNode server = null;
            while (System.nanoTime() < deadline) {
                server = JSON.readTree(http("GET", base.resolve("/api/sessions/" + id), null).body());
                String text = server.path("content").asText();
                if (text.equals(ada.text()) && text.equals(bob.text()) && server.path("version").asInt() == ada.version()
                        && ada.version() == bob.version()) break;
                Thread.sleep(100);
            }
            String text = server.path("content").asText();
            check(text.equals(ada.text()) && text.equals(bob.text()),
                    "no convergence:\nserver=" + text + "\nada=" + ada.text() + "\nbob=" + bob.text());
            for (int i = 0; i < EDITS; i++) {
                check(text.contains("# ada " + i + "\n"), "Ada's edit " + i + " is missing");
                check(text.contains("# bob " + i + "\n"), "Bob's edit " + i + " is missing");
            }
            check(text.contains("print('start')\n"), "initial content lost");
            log("converged: version %d, %d chars, both clients equal GET /api/sessions/%s (%d edits each)",
                    server.path("version").asInt(), text.length(), id, EDITS);

            // the code to run: one more line, seen by both
            ada.edit(ada.text().length(), ada.text().length(), "print(sum(range(10)))\n");
            check(ada.awaitSynced(Duration.ofSeconds(10)), "last edit not confirmed");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!bob.text().equals(ada.text()) && System.nanoTime() < until) Thread.sleep(50);
            check(bob.text().equals(ada.text()), "Bob did not receive the last edit");
        }
        check(errors.isEmpty(), "client errors: " + errors);

        // 4. code run through the load balancer, if the runs endpoint exists yet
        HttpResponse<String> run = http("POST", base.resolve("/api/sessions/" + id + "/runs"), "{\"stdin\":\"\"}");
        if (run.statusCode() == 404 || run.statusCode() == 405) {
            log("RUNS UNAVAILABLE: POST /api/sessions/{id}/runs answered %d (%s): the runs endpoint is not in this build",
                    run.statusCode(), abbreviate(run.body()));
            System.out.println("RUNS unavailable");
        } else {
            check(run.statusCode() == 202, "POST runs answered " + run.statusCode() + " " + run.body());
            String runId = JSON.readTree(run.body()).path("runId").asText();
            JsonNode record = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                record = JSON.readTree(http("GET", base.resolve("/api/runs/" + runId + "?waitMs=10000"), null).body());
                if ("finished".equals(record.path("status").asText())) break;
            }
            check(record != null && "finished".equals(record.path("status").asText()), "run did not finish: " + record);
            String stdout = record.path("stdout").asText();
            check("ok".equals(record.path("outcome").asText()) && stdout.contains("start") && stdout.contains("45"),
                    "unexpected run record: " + record);
            log("run %s through the load balancer: outcome ok, stdout %s", runId, JSON.writeValueAsString(stdout));
            System.out.println("RUNS ok");
        }
        log("PASSED in %.1f s", (System.nanoTime() - t0) / 1e9);
        System.exit(0);
    }

    /** Lines at the end (Ada) and at the start (Bob), with small pauses so that the pushes interleave. */
    static void edits(CountDownLatch go, TandemClient client, boolean atEnd) {
        try {
            go.await();
            for (int i = 0; i < EDITS; i++) {
                if (atEnd) {
                    int end = client.text().length();
                    client.edit(end, end, "# ada " + i + "\n");
                } else {
                    client.edit(0, 0, "# bob " + i + "\n");
                }
                Thread.sleep(3 + (i % 5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String welcomeNode(URI base, String id) throws Exception {
        URI ws = URI.create(base.toString().replaceFirst("^http", "ws") + "/ws/sessions/" + id);
        CompletableFuture<String> welcome = new CompletableFuture<>();
        StringBuilder buffer = new StringBuilder();
        WebSocket socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        buffer.append(data);
                        if (last) {
                            try {
                                JsonNode message = JSON.readTree(buffer.toString());
                                if ("welcome".equals(message.path("type").asText())) welcome.complete(message.path("node").asText());
                            } catch (Exception e) {
                                welcome.completeExceptionally(e);
                            }
                            buffer.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText("{\"type\":\"hello\",\"clientId\":\"probe-" + System.nanoTime() + "\",\"name\":\"probe\"}", true);
        String node = welcome.get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        return node;
    }

    static HttpResponse<String> http(String method, URI uri, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (body != null) request.header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            log("FAILED: %s", message);
            System.exit(1);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    static void log(String format, Object... args) {
        System.err.printf("[smoke] " + format + "%n", args);
    }
}
