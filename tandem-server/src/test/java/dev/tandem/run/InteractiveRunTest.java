package dev.tandem.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.realtime.RawSocket;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.tandem.run.RunEventsCollector.MAPPER;
import static dev.tandem.run.RunEventsCollector.quote;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * v1.1 "Interactive runs" end to end on a real server with a real Docker engine: participants on real sockets
 * feed one program's stdin while it runs, input and output share one order, EOF, cancel, the idle limit
 * ({@code %test.tandem.run.interactive-idle-ms} is low), and the refusals (viewers, finished runs, EOF, size).
 */
@QuarkusTest
@ExtendWith(NoContainerLeftBehind.class)
class InteractiveRunTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Echoes each line in capitals until EOF, then says bye. */
    private static final String ECHO = "import sys\nfor line in sys.stdin:\n    print('echo:', line.strip().upper())\nprint('bye')\n";

    private static int port() {
        return RestAssured.port;
    }

    private static JsonPath newSession(String language, String content) {
        return given().contentType(ContentType.JSON)
                .body("{\"language\":\"" + language + "\",\"content\":" + quote(content) + "}")
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    private static String start(RawSocket socket, boolean interactive) throws InterruptedException {
        socket.send("{\"type\":\"run\",\"interactive\":" + interactive + "}");
        return RunEventsCollector.awaitQueued(socket).path("runId").asText();
    }

    private static String input(String runId, String data) {
        return "{\"type\":\"run.input\",\"runId\":\"" + runId + "\",\"data\":" + quote(data) + "}";
    }

    @Test
    void twoParticipantsFeedOneProgramAlternatelyAndSeeTheSameOrderedConsole() throws Exception {
        String id = newSession("python", ECHO).getString("id");
        try (RawSocket ada = RawSocket.join(port(), id, "ada"); RawSocket bob = RawSocket.join(port(), id, "bob")) {
            String runId = start(ada, true);
            RunConsole toAda = new RunConsole(ada, runId);
            RunConsole toBob = new RunConsole(bob, runId);
            toAda.until("run.started");
            toBob.until("run.started");
            List<String> words = List.of("one", "two", "three", "four");
            for (int i = 0; i < words.size(); i++) {
                RawSocket typist = i % 2 == 0 ? ada : bob;
                String word = words.get(i);
                typist.send(input(runId, word + "\n"));
                String answer = "echo: " + word.toUpperCase() + "\n";
                toAda.untilOutput(answer);
                toBob.untilOutput(answer);
                if (i == 1) {
                    // a late joiner gets the inputs and outputs so far, then the rest
                    try (RawSocket carol = RawSocket.join(port(), id, "carol")) {
                        RunConsole toCarol = new RunConsole(carol, runId);
                        toCarol.untilOutput("echo: TWO\n");
                        assertThat(RunConsole.transcript(toCarol.events)).containsExactly(
                                "in:ada:one\n", "out:echo: ONE\n", "in:bob:two\n", "out:echo: TWO\n");
                    }
                }
            }
            ada.send("{\"type\":\"run.eof\",\"runId\":\"" + runId + "\"}");
            JsonNode finishedForAda = toAda.until("run.finished");
            JsonNode finishedForBob = toBob.until("run.finished");
            assertThat(finishedForAda.path("outcome").asText()).isEqualTo("ok");
            assertThat(finishedForBob).isEqualTo(finishedForAda);

            List<String> expected = List.of("in:ada:one\n", "out:echo: ONE\n", "in:bob:two\n", "out:echo: TWO\n",
                    "in:ada:three\n", "out:echo: THREE\n", "in:bob:four\n", "out:echo: FOUR\nbye\n");
            assertThat(RunConsole.transcript(toAda.events)).containsExactlyElementsOf(expected);
            // bob also saw run.queued (ada's was taken by start()); from run.started on both saw the very same events
            assertThat(toBob.events.get(0).path("type").asText()).isEqualTo("run.queued");
            assertThat(toBob.events.subList(1, toBob.events.size())).isEqualTo(toAda.events);
            // one seq line for input and output: 1, 2, 3, ... in the order the program saw and wrote them
            List<Integer> seqs = toAda.events.stream().filter(e -> e.has("seq")).map(e -> e.path("seq").asInt()).toList();
            for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(i + 1);
            JsonNode firstInput = toAda.events.stream().filter(e -> e.path("type").asText().equals("run.input")).findFirst().orElseThrow();
            assertThat(firstInput.path("clientId").asText()).isEqualTo("ada");

            // the event stream of the finished run replays the inputs with the outputs
            String sse = given().accept("text/event-stream").get("/api/runs/" + runId + "/events")
                    .then().statusCode(200).extract().asString();
            assertThat(RunConsole.transcript(RunEventsCollector.sse(sse))).containsExactlyElementsOf(expected);
            String stdout = given().get("/api/runs/" + runId).then().statusCode(200).extract().path("stdout");
            assertThat(stdout).isEqualTo("echo: ONE\necho: TWO\necho: THREE\necho: FOUR\nbye\n");
        }
    }

    @Test
    void restInputAndEofReachTheProgramAndInputAfterEofIsRefused() throws Exception {
        JsonPath session = newSession("python",
                "import sys, time\nprint('got', sys.stdin.readline().strip(), flush=True)\nsys.stdin.read()\n"
                        + "print('eof', flush=True)\ntime.sleep(60)\n");
        String id = session.getString("id");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            String runId = given().contentType(ContentType.JSON).body("{\"interactive\":true,\"stdin\":\"\"}")
                    .post("/api/sessions/" + id + "/runs").then().statusCode(202).extract().path("runId");
            RunConsole console = new RunConsole(ada, runId);
            console.until("run.started");
            given().contentType(ContentType.JSON).header("X-Tandem-Link", id).body("{\"data\":\"rest\\n\"}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(204);
            console.untilOutput("got rest\n");
            JsonNode typed = console.until("run.input");
            assertThat(typed.path("by").asText()).isEqualTo("api");
            assertThat(typed.path("data").asText()).isEqualTo("rest\n");

            given().header("X-Tandem-Link", id).post("/api/runs/" + runId + "/eof").then().statusCode(204);
            console.untilOutput("eof\n");
            ada.send(input(runId, "late\n"));
            assertThat(console.untilError("STDIN_CLOSED").path("ref").asText()).isEqualTo("run.input");
            given().contentType(ContentType.JSON).header("X-Tandem-Link", id).body("{\"data\":\"late\\n\"}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(409)
                    .body("error", org.hamcrest.Matchers.equalTo("STDIN_CLOSED"));

            // the program sleeps on: cancel ends it over REST
            given().header("X-Tandem-Link", id).post("/api/runs/" + runId + "/cancel").then().statusCode(204);
            assertThat(console.until("run.finished").path("outcome").asText()).isEqualTo("cancelled");
        }
    }

    @Test
    void cancelStopsAnEndlessLoop() throws Exception {
        String id = newSession("python", "while True:\n    pass\n").getString("id");
        try (RawSocket ada = RawSocket.join(port(), id, "ada"); RawSocket bob = RawSocket.join(port(), id, "bob")) {
            String runId = start(ada, false); // not interactive: any run can be cancelled
            RunConsole toBob = new RunConsole(bob, runId);
            toBob.until("run.started");
            long t0 = System.nanoTime();
            bob.send("{\"type\":\"run.cancel\",\"runId\":\"" + runId + "\"}");
            JsonNode finished = toBob.until("run.finished");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Log.infof("run.cancel -> run.finished cancelled in %d ms (contract: within 2 s)", ms);
            assertThat(finished.path("outcome").asText()).isEqualTo("cancelled");
            new RunConsole(ada, runId).until("run.finished");
            String record = given().get("/api/runs/" + runId + "?waitMs=1000").then().statusCode(200).extract().asString();
            assertThat(MAPPER.readTree(record).path("outcome").asText()).isEqualTo("cancelled");
            // a finished run cannot be cancelled again, nor fed
            bob.send("{\"type\":\"run.cancel\",\"runId\":\"" + runId + "\"}");
            assertThat(toBob.untilError("RUN_FINISHED").path("ref").asText()).isEqualTo("run.cancel");
        }
    }

    @Test
    void aQueuedRunIsCancelledBeforeAnyWorkerRunsIt() throws Exception {
        // both workers of the test profile busy with endless interactive programs, then a third run waits
        List<String> blockers = new ArrayList<>();
        List<String> blockerSessions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String sid = newSession("python", "import time\nwhile True:\n    print('.', flush=True)\n    time.sleep(0.5)\n").getString("id");
            blockerSessions.add(sid);
            blockers.add(given().contentType(ContentType.JSON).body("{\"interactive\":true}")
                    .post("/api/sessions/" + sid + "/runs").then().statusCode(202).extract().path("runId"));
        }
        for (String b : blockers) {
            given().get("/api/runs/" + b + "?waitMs=0").then().statusCode(200);
        }
        String id = newSession("python", "print('never')\n").getString("id");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            awaitRunning(blockers);
            String runId = start(ada, false);
            assertThat(given().get("/api/runs/" + runId).then().extract().<String>path("status")).isEqualTo("queued");
            ada.send("{\"type\":\"run.cancel\",\"runId\":\"" + runId + "\"}");
            RunConsole console = new RunConsole(ada, runId);
            assertThat(console.until("run.finished").path("outcome").asText()).isEqualTo("cancelled");
            assertThat(console.events).extracting(e -> e.path("type").asText()).doesNotContain("run.started", "run.output");
        } finally {
            for (int i = 0; i < blockers.size(); i++) {
                given().header("X-Tandem-Link", blockerSessions.get(i)).post("/api/runs/" + blockers.get(i) + "/cancel");
            }
        }
    }

    private static void awaitRunning(List<String> runIds) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String runId : runIds) {
            while (!"running".equals(given().get("/api/runs/" + runId).then().extract().path("status"))) {
                if (System.nanoTime() > deadline) fail("run " + runId + " did not start within " + WAIT);
                given().get("/api/runs/" + runId + "?waitMs=200"); // long poll: the wait between looks
            }
        }
    }

    @Test
    void anInteractiveRunWithoutInputOrOutputEndsAtTheIdleLimit() throws Exception {
        String id = newSession("python", "print('waiting', flush=True)\ninput()\n").getString("id");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            String runId = start(ada, true);
            RunConsole console = new RunConsole(ada, runId);
            console.untilOutput("waiting\n");
            long t0 = System.nanoTime();
            JsonNode finished = console.until("run.finished");
            Log.infof("idle limit: run.finished %d ms after the last output", (System.nanoTime() - t0) / 1_000_000);
            assertThat(finished.path("outcome").asText()).isEqualTo("timeout");
            assertThat(finished.path("message").asText()).contains("neither input nor output");
        }
    }

    /** Attacks: a viewer, and an editor of another session, typing into or stopping a run (docs/security.md). */
    @Test
    void viewersMayWatchButNotTypeOrCancel() throws Exception {
        JsonPath session = newSession("python", ECHO);
        String id = session.getString("id");
        String view = session.getString("viewLink");
        try (RawSocket ada = RawSocket.join(port(), id, "ada"); RawSocket viv = RawSocket.join(port(), view, "viv")) {
            String runId = start(ada, true);
            RunConsole toViv = new RunConsole(viv, runId);
            toViv.until("run.started");
            viv.send(input(runId, "hi\n"));
            assertThat(toViv.untilError("FORBIDDEN").path("ref").asText()).isEqualTo("run.input");
            viv.send("{\"type\":\"run.cancel\",\"runId\":\"" + runId + "\"}");
            toViv.errors.clear();
            assertThat(toViv.untilError("FORBIDDEN").path("ref").asText()).isEqualTo("run.cancel");
            // REST: a view link, no link, another session's edit link
            given().contentType(ContentType.JSON).header("X-Tandem-Link", view).body("{\"data\":\"hi\\n\"}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(403).body("error", org.hamcrest.Matchers.equalTo("FORBIDDEN"));
            given().contentType(ContentType.JSON).body("{\"data\":\"hi\\n\"}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(403);
            given().header("X-Tandem-Link", view).post("/api/runs/" + runId + "/cancel").then().statusCode(403);
            String other = newSession("python", "").getString("id");
            given().contentType(ContentType.JSON).header("X-Tandem-Link", other).body("{\"data\":\"hi\\n\"}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(403);
            // an editor of another session who learned the runId (it is in every event) on that session's socket
            try (RawSocket mallory = RawSocket.join(port(), other, "mallory")) {
                RunConsole toMallory = new RunConsole(mallory, runId);
                mallory.send(input(runId, "hi\n"));
                assertThat(toMallory.untilError("FORBIDDEN").path("ref").asText()).isEqualTo("run.input");
                mallory.send("{\"type\":\"run.cancel\",\"runId\":\"" + runId + "\"}");
                toMallory.errors.clear();
                assertThat(toMallory.untilError("FORBIDDEN").path("ref").asText()).isEqualTo("run.cancel");
            }
            // the program got nothing of it: the first thing it echoes is the editor's line
            ada.send(input(runId, "editor\n"));
            RunConsole toAda = new RunConsole(ada, runId);
            toAda.untilOutput("echo: EDITOR\n");
            assertThat(RunConsole.transcript(toAda.events)).containsExactly("in:ada:editor\n", "out:echo: EDITOR\n");
            ada.send("{\"type\":\"run.eof\",\"runId\":\"" + runId + "\"}");
            assertThat(toAda.until("run.finished").path("outcome").asText()).isEqualTo("ok");
        }
    }

    @Test
    void inputToAFinishedRunANonInteractiveRunOrAnUnknownRunIsRefusedWithItsCode() throws Exception {
        String id = newSession("python", "import time\nprint('hi', flush=True)\ntime.sleep(2)\n").getString("id");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            String runId = start(ada, false);
            RunConsole console = new RunConsole(ada, runId);
            console.untilOutput("hi\n");
            ada.send(input(runId, "x\n"));
            assertThat(console.untilError("NOT_INTERACTIVE").path("ref").asText()).isEqualTo("run.input");
            given().contentType(ContentType.JSON).header("X-Tandem-Link", id).body("{\"data\":\"x\\n\"}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(409)
                    .body("error", org.hamcrest.Matchers.equalTo("NOT_INTERACTIVE"));
            console.until("run.finished");

            ada.send(input(runId, "x\n"));
            assertThat(console.untilError("RUN_FINISHED").path("ref").asText()).isEqualTo("run.input");
            // a run that ended answers RUN_FINISHED whatever else holds (here: too large as well)
            String big = "x".repeat(65_537);
            given().contentType(ContentType.JSON).header("X-Tandem-Link", id).body("{\"data\":" + quote(big) + "}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(409)
                    .body("error", org.hamcrest.Matchers.equalTo("RUN_FINISHED"));
            given().header("X-Tandem-Link", id).post("/api/runs/" + runId + "/cancel").then().statusCode(409)
                    .body("error", org.hamcrest.Matchers.equalTo("RUN_FINISHED"));

            ada.send(input("no-such-run", "x\n"));
            assertThat(console.untilError("NO_SUCH_RUN").path("ref").asText()).isEqualTo("run.input");
            given().contentType(ContentType.JSON).header("X-Tandem-Link", id).body("{\"data\":\"x\"}")
                    .post("/api/runs/no-such-run/input").then().statusCode(404)
                    .body("error", org.hamcrest.Matchers.equalTo("NO_SUCH_RUN"));
            given().post("/api/runs/no-such-run/cancel").then().statusCode(404);
        }
    }

    @Test
    void inputOverTheSizeLimitIsRefusedAndChangesNothing() throws Exception {
        String id = newSession("python", ECHO).getString("id");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            String runId = start(ada, true);
            RunConsole console = new RunConsole(ada, runId);
            console.until("run.started");
            String big = "é".repeat(32_769); // 65,538 bytes of UTF-8, 32,769 characters
            given().contentType(ContentType.JSON).header("X-Tandem-Link", id).body("{\"data\":" + quote(big) + "}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(413)
                    .body("error", org.hamcrest.Matchers.equalTo("TOO_LARGE"));
            ada.send(input(runId, big));
            assertThat(console.untilError("TOO_LARGE").path("ref").asText()).isEqualTo("run.input");
            given().contentType(ContentType.JSON).header("X-Tandem-Link", id).body("{}")
                    .post("/api/runs/" + runId + "/input").then().statusCode(400);
            ada.send(input(runId, "ok\n"));
            console.untilOutput("echo: OK\n");
            ada.send("{\"type\":\"run.eof\",\"runId\":\"" + runId + "\"}");
            console.until("run.finished");
            assertThat(RunConsole.transcript(console.events)).containsExactly("in:ada:ok\n", "out:echo: OK\nbye\n");
        }
    }
}
