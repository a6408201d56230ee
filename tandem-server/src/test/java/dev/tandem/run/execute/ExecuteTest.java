package dev.tandem.run.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.sun.net.httpserver.HttpServer;
import dev.tandem.run.NoContainerLeftBehind;
import dev.tandem.run.RunEventsCollector;
import dev.tandem.run.queue.RunStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs without a session on a real server with real Docker sandboxes: wait, files, clamping, batches, signed
 * callbacks to a real HTTP server on loopback, and the per-address limit.
 */
@QuarkusTest
@TestProfile(ExecuteProfile.class)
@ExtendWith(NoContainerLeftBehind.class)
class ExecuteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    RunTokens tokens;

    private HttpServer hooks;
    /** The address this test speaks from (through the trusted proxy 127.0.0.1): its own per-address budget. */
    private final String address = "10.18.0." + ADDRESSES.getAndIncrement();

    private RequestSpecification client() {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON);
    }

    private static Map<String, Object> python(String source) {
        return Map.of("language", "python", "source", source);
    }

    private int records() {
        return hazelcast.getMap(RunStore.RUNS_MAP).size();
    }

    private static JsonNode json(Response r) throws Exception {
        return JSON.readTree(r.asString());
    }

    private static JsonNode finished(String runId) throws Exception {
        JsonNode record = JSON.readTree(given().get("/api/runs/" + runId + "?waitMs=30000").then().statusCode(200)
                .extract().asString());
        assertThat(record.path("status").asText()).as("record %s", record).isEqualTo("finished");
        return record;
    }

    @AfterEach
    void stopHooks() {
        if (hooks != null) hooks.stop(0);
    }

    @Test
    void aSourceRunWithWaitAnswersTheFinishedRecord() throws Exception {
        Map<String, Object> body = Map.of("language", "python", "source", "print(input()[::-1])", "stdin", "tandem\n");
        JsonNode record = json(client().body(body).post("/api/runs?wait=true").then().statusCode(200).extract().response());
        assertThat(record.path("status").asText()).isEqualTo("finished");
        assertThat(record.path("outcome").asText()).isEqualTo("ok");
        assertThat(record.path("stdout").asText()).isEqualTo("mednat\n");
        assertThat(record.path("sessionId").isNull()).as("sessionId null in %s", record).isTrue();
        assertThat(record.path("version").isNull()).as("version null in %s", record).isTrue();
        // the lowered defaults of session-less runs (tandem.run.execute-time-ms / -memory-mb)
        assertThat(record.path("limits").path("timeMs").asLong()).isEqualTo(2000);
        assertThat(record.path("limits").path("memoryMb").asInt()).isEqualTo(256);
        assertThat(record.has("runToken")).isFalse();
    }

    @Test
    void withoutWaitTheAnswerIsQueuedWithATokenThatNoGetShows() throws Exception {
        Response answer = client().body(python("print('hi')")).post("/api/runs").then().statusCode(202).extract().response();
        JsonNode queued = json(answer);
        String runId = queued.path("runId").asText();
        String token = queued.path("runToken").asText();
        assertThat(queued.path("status").asText()).isEqualTo("queued");
        assertThat(token).hasSizeGreaterThanOrEqualTo(22); // at least 128 random bits, base64url
        assertThat(answer.header("Location")).endsWith("/api/runs/" + runId);

        JsonNode record = finished(runId);
        assertThat(record.path("stdout").asText()).isEqualTo("hi\n");
        String events = given().get("/api/runs/" + runId + "/events").then().statusCode(200).extract().asString();
        List<String> types = RunEventsCollector.sse(events).stream().map(e -> e.path("type").asText()).toList();
        assertThat(types).startsWith("run.queued", "run.started").endsWith("run.finished");
        assertThat(RunEventsCollector.sse(events).get(0).path("version").isNull()).as("no session, no version").isTrue();
        String read = given().get("/api/runs/" + runId).then().statusCode(200).extract().asString();
        assertThat(read + events).doesNotContain(token).doesNotContain(RunTokens.hash(token));

        assertThat(tokens.allows(runId, token)).isTrue();
        assertThat(tokens.allows(runId, RunTokens.issue().token())).isFalse();
    }

    /** The run token is the capability to control a run without a session: a wrong one (or none) changes nothing. */
    @Test
    void itsRunTokenCancelsARunWithoutASessionAndNoOtherTokenDoes() throws Exception {
        // the language's full 5 s (not execute-time-ms' 2 s): a run started at once from the warm pool must still be
        // going when the cancel arrives
        Map<String, Object> loop = Map.of("language", "python", "source", "while True:\n    pass\n", "limits", Map.of("timeMs", 5000));
        JsonNode queued = json(client().body(loop).post("/api/runs").then().statusCode(202).extract().response());
        String runId = queued.path("runId").asText();
        given().header("X-Tandem-Run-Token", RunTokens.issue().token()).post("/api/runs/" + runId + "/cancel")
                .then().statusCode(403).body("error", org.hamcrest.Matchers.equalTo("FORBIDDEN"));
        given().post("/api/runs/" + runId + "/cancel").then().statusCode(403);
        given().header("X-Tandem-Run-Token", queued.path("runToken").asText()).post("/api/runs/" + runId + "/cancel")
                .then().statusCode(204);
        assertThat(finished(runId).path("outcome").asText()).isEqualTo("cancelled");
    }

    @Test
    void aRunStillGoingAfterTheWaitAnswers202WithTheRecordSoFar() throws Exception {
        Map<String, Object> body = Map.of("language", "python", "source", "import time\ntime.sleep(7)\nprint('late')",
                "limits", Map.of("timeMs", 15000));
        JsonNode soFar = json(client().body(body).post("/api/runs?wait=true").then().statusCode(202).extract().response());
        assertThat(soFar.path("status").asText()).isIn("queued", "running");
        assertThat(soFar.path("runToken").asText()).isNotEmpty();
        assertThat(finished(soFar.path("runId").asText()).path("stdout").asText()).isEqualTo("late\n");
    }

    /** v1.1 "Several files": the first file is the entry point (run as main.py), its siblings keep their paths. */
    @Test
    void aFilesRunBuildsEveryFileWithTheFirstAsTheEntryPointAndItsRecordNamesThem() throws Exception {
        Map<String, Object> body = Map.of("language", "python", "stdin", "1 2 3 4", "files", List.of(
                Map.of("path", "solution.py", "content", "import sys\nimport helper\nfrom lib import deep\n"
                        + "print(deep.twice(helper.total(sys.stdin.read())))"),
                Map.of("path", "helper.py", "content", "def total(text):\n    return sum(map(int, text.split()))\n"),
                Map.of("path", "lib/deep.py", "content", "def twice(n):\n    return n * 2\n")));
        JsonNode record = json(client().body(body).post("/api/runs?wait=true").then().statusCode(200).extract().response());
        assertThat(record.path("outcome").asText()).as("record %s", record).isEqualTo("ok");
        assertThat(record.path("stdout").asText()).isEqualTo("20\n");
        String runId = record.path("runId").asText();
        String read = given().get("/api/runs/" + runId).then().statusCode(200).extract().asString();
        assertThat(JSON.readTree(read).path("files")).as("GET shows the files that went in, without a session's versions")
                .isEqualTo(JSON.readTree("[{\"path\":\"main.py\",\"version\":null},{\"path\":\"helper.py\",\"version\":null},"
                        + "{\"path\":\"lib/deep.py\",\"version\":null}]"));
        String events = given().get("/api/runs/" + runId + "/events").then().statusCode(200).extract().asString();
        JsonNode queued = RunEventsCollector.sse(events).get(0);
        assertThat(queued.path("type").asText()).isEqualTo("run.queued");
        assertThat(queued.path("files")).isEqualTo(JSON.readTree(read).path("files"));
    }

    @Test
    void aBadOrRepeatedPathIsBadPathAndOtherBadBodiesBadRequestAndNothingIsQueued() {
        int before = records();
        List<List<Map<String, String>>> badPaths = List.of(
                List.of(Map.of("path", "../main.py", "content", "print(1)")),
                List.of(Map.of("path", "main.py", "content", "import x"), Map.of("path", "/etc/x.py", "content", "")),
                List.of(Map.of("path", "main.py", "content", "import x"), Map.of("path", "lib//x.py", "content", "")),
                List.of(Map.of("path", "main.py", "content", "import x"), Map.of("path", "lib/../x.py", "content", "")),
                List.of(Map.of("path", "main.py", "content", "import x"), Map.of("path", "x y.py", "content", "")),
                List.of(Map.of("path", "main.py", "content", ""), Map.of("path", "x.py", "content", ""),
                        Map.of("path", "x.py", "content", "")),
                List.of(Map.of("path", "solution.py", "content", ""), Map.of("path", "main.py", "content", "")),
                List.of(Map.of("path", "main.py", "content", ""), Map.of("path", "lib", "content", ""),
                        Map.of("path", "lib/x.py", "content", "")));
        for (List<Map<String, String>> files : badPaths) {
            client().body(Map.of("language", "python", "files", files)).post("/api/runs").then().statusCode(400)
                    .body("error", org.hamcrest.Matchers.equalTo("BAD_PATH"))
                    .body("message", org.hamcrest.Matchers.containsString("files["));
        }
        List<Map<String, Object>> refused = List.of(
                Map.of("language", "python", "files", List.of()),
                Map.of("language", "python", "files", List.of(Map.of("path", "main.py"))),
                Map.of("language", "python", "source", "print(1)", "files", List.of(Map.of("path", "main.py", "content", "print(2)"))),
                Map.of("language", "python"),
                Map.of("source", "print(1)"),
                Map.of("language", "cobol", "source", "DISPLAY 1"));
        for (Map<String, Object> bad : refused) {
            client().body(bad).post("/api/runs").then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("BAD_REQUEST"));
        }
        assertThat(records()).as("nothing queued for a refused run").isEqualTo(before);
    }

    @Test
    void aProgramOrStdinOverOneMebibyteIsTooLargeBeforeAnyOtherRefusal() {
        int before = records();
        String big = "#" + "x".repeat(1024 * 1024);
        client().body(Map.of("language", "python", "source", big)).post("/api/runs").then().statusCode(413)
                .body("error", org.hamcrest.Matchers.equalTo("TOO_LARGE"));
        client().body(Map.of("language", "python", "source", "print(1)", "stdin", big)).post("/api/runs").then().statusCode(413);
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 64; i++) tooMany.add(Map.of("path", i == 0 ? "main.py" : "m" + i + ".py", "content", ""));
        client().body(Map.of("language", "python", "files", tooMany)).post("/api/runs").then().statusCode(413)
                .body("message", org.hamcrest.Matchers.containsString("64 files"));
        // 413 wins over 400 (unknown language, two files), as the contract orders statuses
        client().body(Map.of("language", "cobol", "files", List.of(Map.of("path", "a.py", "content", big),
                Map.of("path", "b.py", "content", "")))).post("/api/runs").then().statusCode(413);
        // in a batch every refusal is 400
        client().body(Map.of("runs", List.of(python("print(1)"), python(big)))).post("/api/runs/batch").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("TOO_LARGE"));
        assertThat(records()).isEqualTo(before);
    }

    @Test
    void limitsAboveTheServersAreClampedAndLowerOnesApply() throws Exception {
        Map<String, Object> greedy = Map.of("language", "python", "source", "print('ok')",
                "limits", Map.of("timeMs", 999_999, "memoryMb", 99_999));
        JsonNode record = json(client().body(greedy).post("/api/runs?wait=true").then().statusCode(200).extract().response());
        assertThat(record.path("limits").path("timeMs").asLong()).as("the server's Python limit").isEqualTo(20_000);
        assertThat(record.path("limits").path("memoryMb").asInt()).as("the server's Python limit").isEqualTo(256);

        Map<String, Object> tight = Map.of("language", "python", "source", "import time\ntime.sleep(5)",
                "limits", Map.of("timeMs", 500));
        JsonNode slow = json(client().body(tight).post("/api/runs?wait=true").then().statusCode(200).extract().response());
        assertThat(slow.path("outcome").asText()).isEqualTo("timeout");
        assertThat(slow.path("limits").path("timeMs").asLong()).isEqualTo(500);

        client().body(Map.of("language", "python", "source", "1", "limits", Map.of("timeMs", 5))).post("/api/runs")
                .then().statusCode(400);
    }

    @Test
    void aBatchOfMoreThanTwentyOrWithOneInvalidRunIsRefusedWholeAndQueuesNothing() {
        int before = records();
        List<Object> runs = new ArrayList<>();
        for (int i = 0; i < 21; i++) runs.add(python("print(" + i + ")"));
        client().body(Map.of("runs", runs)).post("/api/runs/batch").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("at most 20"));

        List<Object> oneBad = List.of(python("print(1)"), python("print(2)"), Map.of("language", "cobol", "source", "x"),
                python("print(4)"));
        client().body(Map.of("runs", oneBad)).post("/api/runs/batch").then().statusCode(400)
                .body("message", org.hamcrest.Matchers.startsWith("runs[2]"));
        List<Object> badCallback = List.of(python("print(1)"),
                Map.of("language", "python", "source", "print(2)", "callbackUrl", "https://evil.example/x"));
        client().body(Map.of("runs", badCallback)).post("/api/runs/batch").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("CALLBACK_NOT_ALLOWED"));
        assertThat(records()).as("no record written for a refused batch").isEqualTo(before);
    }

    @Test
    void aBatchIsQueuedInOrderAndEachRunFinishes() throws Exception {
        List<Object> runs = List.of(python("print('a')"), python("print('b')"), python("print('c')"));
        JsonNode answer = json(client().body(Map.of("runs", runs)).post("/api/runs/batch").then().statusCode(202).extract().response());
        assertThat(answer.path("runs")).hasSize(3);
        List<String> outputs = new ArrayList<>();
        for (JsonNode run : answer.path("runs")) {
            assertThat(run.path("runToken").asText()).isNotEmpty();
            assertThat(tokens.allows(run.path("runId").asText(), run.path("runToken").asText())).isTrue();
            outputs.add(finished(run.path("runId").asText()).path("stdout").asText());
        }
        assertThat(outputs).containsExactly("a\n", "b\n", "c\n");
    }

    /** One delivery the test's hook server received. */
    record Hook(String path, byte[] body, String signature, long atNanos) {}

    private List<Hook> startHooks(java.util.function.IntUnaryOperator statusOfAttempt) throws Exception {
        List<Hook> received = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hooks.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Hook(exchange.getRequestURI().getPath(), body,
                    exchange.getRequestHeaders().getFirst("X-Tandem-Signature"), System.nanoTime()));
            int status = statusOfAttempt.applyAsInt(attempts.incrementAndGet());
            if (status == 302) exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + hooks.getAddress().getPort() + "/elsewhere");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hooks.start();
        return received;
    }

    private String hookUrl(String path) {
        return "http://127.0.0.1:" + hooks.getAddress().getPort() + path;
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ExecuteProfile.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void theFinishedRecordIsPostedOnceSignedWithTheSecret() throws Exception {
        List<Hook> received = startHooks(n -> 204);
        Map<String, Object> body = Map.of("language", "python", "source", "print(6 * 7)", "callbackUrl", hookUrl("/graded?id=9"));
        String runId = client().body(body).post("/api/runs").then().statusCode(202).extract().path("runId");
        await().atMost(DEADLINE).until(() -> !received.isEmpty());
        Hook hook = received.get(0);
        assertThat(hook.signature()).isEqualTo(hmac(hook.body()));
        JsonNode record = JSON.readTree(hook.body());
        assertThat(record.path("runId").asText()).isEqualTo(runId);
        assertThat(record.path("status").asText()).isEqualTo("finished");
        assertThat(record.path("stdout").asText()).isEqualTo("42\n");
        assertThat(record.has("runToken")).isFalse();
        // answered 2xx: no second delivery (the first retry would come 1 s later)
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
    }

    /** An error answer (500) or a redirect (302, never followed) is retried once a second later, at the same URL. */
    @ParameterizedTest(name = "first answer {0}")
    @ValueSource(ints = {500, 302})
    void aFailedOrRedirectedCallbackIsRetriedASecondLaterAtTheSameUrl(int firstAnswer) throws Exception {
        List<Hook> received = startHooks(n -> n == 1 ? firstAnswer : 200);
        client().body(Map.of("language", "python", "source", "print(1)", "callbackUrl", hookUrl("/hook")))
                .post("/api/runs").then().statusCode(202);
        await().atMost(DEADLINE).until(() -> received.size() >= 2);
        Hook first = received.get(0);
        Hook second = received.get(1);
        assertThat(received).extracting(Hook::path).containsExactly("/hook", "/hook");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.signature()).isEqualTo(hmac(second.body()));
        assertThat(Duration.ofNanos(second.atNanos() - first.atNanos())).as("1 s after the failed attempt")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
    }

    @Test
    void aCallbackToAHostNotAllowedOrWithUserInfoIsRefusedAndNothingRuns() {
        int before = records();
        for (String url : List.of("http://example.com/hook", "http://grader:pw@127.0.0.1:9/hook",
                "http://127.0.0.1@example.com/hook", "ftp://127.0.0.1/hook", "http://127.0.0.2/hook")) {
            client().body(Map.of("language", "python", "source", "print(1)", "callbackUrl", url)).post("/api/runs")
                    .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("CALLBACK_NOT_ALLOWED"));
        }
        assertThat(records()).isEqualTo(before);
    }

    @Test
    void thePerAddressRunLimitCountsEveryRunOfABatch() {
        // tandem.limits.runs-per-ip-per-minute is 3 here
        List<Object> two = List.of(python("print(1)"), python("print(2)"));
        client().body(Map.of("runs", two)).post("/api/runs/batch").then().statusCode(202);
        int before = records();
        client().body(Map.of("runs", two)).post("/api/runs/batch").then().statusCode(429)
                .body("error", org.hamcrest.Matchers.equalTo("RATE_LIMITED"));
        assertThat(records()).as("a refused batch queues nothing").isEqualTo(before);
        client().body(python("print(3)")).post("/api/runs").then().statusCode(202);
        client().body(python("print(4)")).post("/api/runs").then().statusCode(429);
        // another address has its own budget
        given().header("X-Forwarded-For", "10.19.0.1").contentType(ContentType.JSON).body(python("print(5)"))
                .post("/api/runs").then().statusCode(202);
    }
}
