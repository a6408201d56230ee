package dev.tandem.run.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tandem.cluster.TandemNodes;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real Tandem JVMs: node 0 only takes requests (roles gateway), node 1 runs code. A run posted to node 0 with
 * {@code ?wait=true} is executed on node 1 and answered finished by node 0; its callback is sent exactly once,
 * by the node whose transition finished the run.
 */
class ExecuteClusterIT {
    private static final String SECRET = "cluster-secret-51c2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRunTakenByAGatewayRunsOnAWorkerNodeAndIsCalledBackOnce() throws Exception {
        Map<String, List<String>> deliveries = new ConcurrentHashMap<>();
        List<String> badSignatures = new CopyOnWriteArrayList<>();
        HttpServer hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String runId = JSON.readTree(body).path("runId").asText();
            if (!sign(body).equals(exchange.getRequestHeaders().getFirst("X-Tandem-Signature"))) badSignatures.add(runId);
            deliveries.computeIfAbsent(runId, k -> new CopyOnWriteArrayList<>()).add(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hooks.start();
        List<String> common = List.of("-Dtandem.run.callback-allowed-hosts=127.0.0.1", "-Dtandem.run.callback-secret=" + SECRET);
        try (TandemNodes nodes = new TandemNodes(2, common).withNodeOptions(0, List.of("-Dtandem.node.roles=gateway"))) {
            nodes.startAll();
            URI gateway = nodes.uri(0);
            // the gateway sees the worker's languages once the worker has announced them
            await().atMost(Duration.ofSeconds(60)).until(() -> get(gateway.resolve("/api/languages")).path(0).path("available").asBoolean());
            String callback = "http://127.0.0.1:" + hooks.getAddress().getPort() + "/graded";
            List<String> runIds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String body = JSON.writeValueAsString(Map.of("language", "python", "source", "print(" + i + " * 2)",
                        "callbackUrl", callback));
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.resolve("/api/runs?wait=true"))
                        .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode record = JSON.readTree(answer.body());
                assertThat(record.path("stdout").asText()).isEqualTo((i * 2) + "\n");
                runIds.add(record.path("runId").asText());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.keySet().containsAll(runIds));
            // no second delivery of any run (a retry would come 1 s after the first; both nodes could send)
            await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(10))
                    .until(() -> runIds.stream().allMatch(id -> deliveries.get(id).size() == 1));
            assertThat(badSignatures).isEmpty();
        } finally {
            hooks.stop(0);
        }
    }

    private JsonNode get(URI uri) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
