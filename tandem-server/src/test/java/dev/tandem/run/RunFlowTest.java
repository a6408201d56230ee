package dev.tandem.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.tandem.run.RunEventsCollector.awaitQueued;
import static dev.tandem.run.RunEventsCollector.output;
import static dev.tandem.run.RunEventsCollector.session;
import static dev.tandem.run.RunEventsCollector.untilFinished;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs through the whole path (socket or REST → queue → worker → Docker → events) on a real server. */
@QuarkusTest
@ExtendWith(NoContainerLeftBehind.class)
class RunFlowTest {

    private static int port() {
        return RestAssured.port;
    }

    private static String post(String sessionId, String stdin) {
        return given().contentType(ContentType.JSON).body(Map.of("stdin", stdin))
                .post("/api/sessions/" + sessionId + "/runs").then().statusCode(202)
                .extract().path("runId");
    }

    private static JsonNode finishedRecord(String runId) throws Exception {
        String body = given().get("/api/runs/" + runId + "?waitMs=30000").then().statusCode(200).extract().asString();
        JsonNode record = RunEventsCollector.MAPPER.readTree(body);
        assertThat(record.path("status").asText()).as("record %s", record).isEqualTo("finished");
        return record;
    }

    @Test
    void languagesListsEveryLanguageWithItsAvailability() {
        List<Map<String, Object>> languages = given().get("/api/languages").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(languages).extracting(l -> l.get("id")).containsExactly("python", "javascript", "java", "c", "cpp", "go",
                "rust", "ruby", "php", "kotlin", "typescript", "bash");
        assertThat(languages).allSatisfy(l -> {
            assertThat(l).containsKeys("name", "version", "fileName");
            assertThat(l.get("available")).isEqualTo(true);
        });
    }

    @Test
    void twoClientsReceiveTheSameRunStream() throws Exception {
        String id = session("python", "import sys\nfor i in range(20):\n    print('line', i)\nprint('oops', file=sys.stderr)\n");
        try (RawSocket ada = RawSocket.join(port(), id, "ada"); RawSocket bob = RawSocket.join(port(), id, "bob")) {
            ada.send("{\"type\":\"run\",\"stdin\":\"\"}");
            String runId = awaitQueued(ada).path("runId").asText();
            List<JsonNode> toAda = new ArrayList<>();
            toAda.add(RunEventsCollector.MAPPER.createObjectNode()); // placeholder for the queued event read above
            toAda.addAll(untilFinished(ada, runId));
            List<JsonNode> toBob = untilFinished(bob, runId);

            assertThat(toBob.get(0).path("type").asText()).isEqualTo("run.queued");
            assertThat(toBob.get(0).path("by").asText()).isEqualTo("ada");
            assertThat(toBob.get(0).path("version").asInt()).isZero();
            // v1.1 "Several files": the files that went in, here the main file alone at the run's version
            assertThat(toBob.get(0).path("files").toString()).isEqualTo("[{\"path\":\"main.py\",\"version\":0}]");
            assertThat(toAda.subList(1, toAda.size())).isEqualTo(toBob.subList(1, toBob.size()));
            assertThat(toBob.get(1).path("type").asText()).isEqualTo("run.started");
            List<Integer> seqs = toBob.stream().filter(e -> e.path("type").asText().equals("run.output"))
                    .map(e -> e.path("seq").asInt()).toList();
            assertThat(seqs).isNotEmpty();
            for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(i + 1);
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 20; i++) expected.append("line ").append(i).append('\n');
            assertThat(output(toBob, "stdout")).isEqualTo(expected.toString());
            assertThat(output(toBob, "stderr")).isEqualTo("oops\n");
            JsonNode finished = toBob.get(toBob.size() - 1);
            assertThat(finished.path("outcome").asText()).isEqualTo("ok");
            assertThat(finished.path("exitCode").asInt()).isZero();
            assertThat(finished.has("timeMs")).isTrue();
            assertThat(finished.path("truncated").asBoolean()).isFalse();

            JsonNode record = finishedRecord(runId);
            assertThat(record.path("runId").asText()).isEqualTo(runId);
            // The record names the session by its internal id, which is not a capability: a viewer who reads it
            // cannot turn it into the edit link.
            String internalId = record.path("sessionId").asText();
            assertThat(internalId).isNotBlank().isNotEqualTo(id);
            given().get("/api/sessions/" + internalId).then().statusCode(404);
            assertThat(record.path("language").asText()).isEqualTo("python");
            assertThat(record.path("version").asInt()).isZero();
            assertThat(record.path("files")).isEqualTo(toBob.get(0).path("files"));
            assertThat(record.path("outcome").asText()).isEqualTo("ok");
            assertThat(record.path("exitCode").asInt()).isZero();
            assertThat(record.path("stdout").asText()).isEqualTo(expected.toString());
            assertThat(record.path("stderr").asText()).isEqualTo("oops\n");
            assertThat(record.path("compileOutput").asText()).isEmpty();
            assertThat(record.path("timeMs").asLong()).isEqualTo(finished.path("timeMs").asLong());
            assertThat(record.path("truncated").asBoolean()).isFalse();
        }
    }

    @Test
    void restRunLongPollAndEventStream() throws Exception {
        String id = session("python", "name = input()\nprint('hello', name)\n");
        Response accepted = given().contentType(ContentType.JSON).body("{\"stdin\":\"Ada\\n\"}")
                .post("/api/sessions/" + id + "/runs");
        accepted.then().statusCode(202);
        assertThat(accepted.jsonPath().getString("status")).isEqualTo("queued");
        assertThat(accepted.jsonPath().getInt("version")).isZero();
        String runId = accepted.jsonPath().getString("runId");

        JsonNode record = finishedRecord(runId);
        assertThat(record.path("stdout").asText()).isEqualTo("hello Ada\n");
        assertThat(record.path("outcome").asText()).isEqualTo("ok");

        // a finished run: the stream replays its events and ends
        String replay = given().accept("text/event-stream").get("/api/runs/" + runId + "/events")
                .then().statusCode(200).extract().asString();
        List<JsonNode> events = RunEventsCollector.sse(replay);
        assertThat(events.get(0).path("type").asText()).isEqualTo("run.queued");
        assertThat(events.get(1).path("type").asText()).isEqualTo("run.started");
        assertThat(events.get(events.size() - 1).path("type").asText()).isEqualTo("run.finished");
        assertThat(output(events, "stdout")).isEqualTo("hello Ada\n");

        // a live run: the stream follows it to its end
        String id2 = session("python", "import time\nprint('a', flush=True)\ntime.sleep(1)\nprint('b')\n");
        String live = post(id2, "");
        String followed = given().accept("text/event-stream").get("/api/runs/" + live + "/events")
                .then().statusCode(200).extract().asString();
        List<JsonNode> liveEvents = RunEventsCollector.sse(followed);
        assertThat(liveEvents.get(0).path("type").asText()).isEqualTo("run.queued");
        assertThat(liveEvents.get(liveEvents.size() - 1).path("type").asText()).isEqualTo("run.finished");
        assertThat(output(liveEvents, "stdout")).isEqualTo("a\nb\n");
        assertThat(liveEvents.stream().filter(e -> e.path("type").asText().equals("run.finished")).count()).isOne();
    }

    @Test
    void aLongPollAnswersAfterWaitMsWhenTheRunIsNotDone() {
        String id = session("python", "import time\ntime.sleep(3)\n");
        String runId = post(id, "");
        long t0 = System.nanoTime();
        String status = given().get("/api/runs/" + runId + "?waitMs=300").then().statusCode(200).extract().path("status");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // still queued or running: the poll was answered at its waitMs, not at the end of the 3-second run (no upper
        // bound on the time, which a loaded machine could exceed without anything being wrong)
        assertThat(status).isIn("queued", "running");
        assertThat(ms).as("held for its waitMs").isGreaterThanOrEqualTo(250L);
        given().get("/api/runs/" + runId + "?waitMs=30000").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("finished"));
    }

    @Test
    void unknownRunsAndSessionsAre404() {
        given().get("/api/runs/nope").then().statusCode(404).body("error", org.hamcrest.Matchers.equalTo("NOT_FOUND"));
        given().get("/api/runs/nope?waitMs=100").then().statusCode(404);
        given().get("/api/runs/nope/events").then().statusCode(404).body("error", org.hamcrest.Matchers.equalTo("NOT_FOUND"));
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/nosuchsession/runs")
                .then().statusCode(404).body("error", org.hamcrest.Matchers.equalTo("UNKNOWN_SESSION"));
    }

    @Test
    void aClientJoiningMidRunSeesTheOutputSoFarThenTheRest() throws Exception {
        String id = session("python", "import time\nprint('before', flush=True)\ntime.sleep(2)\nprint('after')\n");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            ada.send("{\"type\":\"run\"}");
            String runId = awaitQueued(ada).path("runId").asText();
            // wait for the first output to reach ada: the run is now sleeping
            JsonNode first;
            do {
                first = ada.await("run.output");
            } while (!first.path("data").asText().contains("before"));
            try (RawSocket bob = RawSocket.join(port(), id, "bob")) {
                List<JsonNode> toBob = untilFinished(bob, runId);
                assertThat(toBob).extracting(e -> e.path("type").asText())
                        .containsSubsequence("run.queued", "run.started", "run.output", "run.output", "run.finished");
                assertThat(output(toBob, "stdout")).isEqualTo("before\nafter\n");
                assertThat(toBob.get(toBob.size() - 1).path("outcome").asText()).isEqualTo("ok");
            }
        }
    }

    @Test
    void theSessionLimitAndTheQueueLimitTripWithTheirCodes() throws Exception {
        // per session: 2 in flight (test profile); the third is refused, on the socket too
        String id = session("python", "import time\ntime.sleep(3)\n");
        List<String> runIds = new ArrayList<>();
        runIds.add(post(id, ""));
        runIds.add(post(id, ""));
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + id + "/runs")
                .then().statusCode(429).body("error", org.hamcrest.Matchers.equalTo("RATE_LIMITED"));
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            ada.send("{\"type\":\"run\"}");
            JsonNode error = ada.await("error");
            assertThat(error.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(error.path("ref").asText()).isEqualTo("run");
        }
        // the queue: 2 workers and 4 places (test profile); some run beyond that is refused with QUEUE_FULL
        String queueFull = null;
        for (int s = 0; s < 4 && queueFull == null; s++) {
            String other = session("python", "import time\ntime.sleep(3)\n");
            for (int k = 0; k < 2 && queueFull == null; k++) {
                Response r = given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + other + "/runs");
                if (r.statusCode() == 202) runIds.add(r.jsonPath().getString("runId"));
                else {
                    assertThat(r.statusCode()).isEqualTo(429);
                    queueFull = r.jsonPath().getString("error");
                    assertThat(r.jsonPath().getString("message")).contains("queue is full");
                }
            }
        }
        assertThat(queueFull).isEqualTo("QUEUE_FULL");
        // The queue is full and both workers sleep for 3 s: the waiting runs say their places, 1, 2, ...
        List<Integer> places = new ArrayList<>();
        for (String runId : runIds) {
            JsonNode record = RunEventsCollector.MAPPER.readTree(given().get("/api/runs/" + runId).then().statusCode(200).extract().asString());
            if (record.path("status").asText().equals("queued")) places.add(record.path("queuePosition").asInt(0));
            else assertThat(record.has("queuePosition")).as("only a waiting run has a place: %s", record).isFalse();
        }
        assertThat(places).as("places of the waiting runs").isNotEmpty().doesNotHaveDuplicates().allMatch(p -> p >= 1);
        for (String runId : runIds) assertThat(finishedRecord(runId).path("outcome").asText()).isEqualTo("ok");
    }

    @Test
    void everyLanguagesHelloWorldRunsThroughTheSocket() throws Exception {
        Map<String, String> programs = new java.util.LinkedHashMap<>();
        programs.put("python", "print('hello')\n");
        programs.put("javascript", "console.log('hello')\n");
        programs.put("java", "public class Main {\n  public static void main(String[] a) {\n    System.out.println(\"hello\");\n  }\n}\n");
        programs.put("c", "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
        programs.put("cpp", "#include <iostream>\nint main() { std::cout << \"hello\" << std::endl; }\n");
        programs.put("go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n");
        List<String> languages = new ArrayList<>(programs.keySet());
        // three at a time: the test queue holds 4
        for (int from = 0; from < languages.size(); from += 3) {
            List<RawSocket> sockets = new ArrayList<>();
            List<String> runIds = new ArrayList<>();
            try {
                for (String language : languages.subList(from, from + 3)) {
                    String id = session(language, programs.get(language));
                    RawSocket socket = RawSocket.join(port(), id, "ada");
                    sockets.add(socket);
                    socket.send("{\"type\":\"run\"}");
                    runIds.add(awaitQueued(socket).path("runId").asText());
                }
                for (int i = 0; i < sockets.size(); i++) {
                    List<JsonNode> events = untilFinished(sockets.get(i), runIds.get(i));
                    JsonNode finished = events.get(events.size() - 1);
                    assertThat(finished.path("outcome").asText()).as("%s: %s", languages.get(from + i), events).isEqualTo("ok");
                    assertThat(output(events, "stdout")).as(languages.get(from + i)).isEqualTo("hello\n");
                }
            } finally {
                sockets.forEach(RawSocket::close);
            }
        }
    }
}
