package dev.tandem.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Problems and submissions through the whole path (REST/socket → queue → judge worker → Docker → events). */
@QuarkusTest
class SubmissionFlowTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration DEADLINE = Duration.ofSeconds(180);
    static final Problem REVERSE = ProblemFiles.load("reverse-string");

    /** Distinctive pieces of the hidden tests' inputs and outputs (long random strings). */
    static List<String> hiddenMarkers() {
        List<String> markers = new ArrayList<>();
        for (Problem.TestCase t : REVERSE.hidden()) {
            if (t.output().length() >= 40) {
                markers.add(t.output().substring(5, 35));
                markers.add(t.input().substring(5, 35));
            }
        }
        assertThat(markers).isNotEmpty();
        return markers;
    }

    static void assertNoHiddenData(String text) {
        for (String m : hiddenMarkers()) assertThat(text).as("hidden test data leaked").doesNotContain(m);
    }

    static String session(String language, String problem, String content) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("language", language, "problem", problem));
        if (content != null) body.put("content", content);
        return given().contentType(ContentType.JSON).body(body).post("/api/sessions").then().statusCode(201)
                .extract().path("id");
    }

    static List<JsonNode> untilFinished(RawSocket socket, List<String> raw) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) break;
            raw.add(m.toString());
            String type = m.path("type").asText();
            if (type.equals("error")) fail("error: " + m);
            if (!type.startsWith("submission.")) continue;
            events.add(m);
            if (type.equals("submission.finished")) return events;
        }
        return fail("no submission.finished within " + DEADLINE + "; got " + events);
    }

    @Test
    void problemsAreListedWithoutHiddenTests() {
        List<Map<String, Object>> list = given().get("/api/problems").then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(list).hasSizeGreaterThanOrEqualTo(12);
        assertThat(list).extracting(p -> p.get("slug")).contains("two-sum", "fizzbuzz", "sqrt-float", "reverse-string");
        String body = given().get("/api/problems/reverse-string").then().statusCode(200).extract().asString();
        assertThat(body).contains("\"statement\"", "\"starter\"", "\"examples\"", "Tandem rocks");
        assertNoHiddenData(body);
        assertThat(body).doesNotContain("s[::-1]"); // nor the reference solution
        given().get("/api/problems/no-such-problem").then().statusCode(404);
    }

    @Test
    void sessionStartsFromTheStarterCode() {
        var created = given().contentType(ContentType.JSON).body(Map.of("language", "java", "problem", "two-sum"))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        assertThat(created.getString("problem")).isEqualTo("two-sum");
        assertThat(created.getString("title")).isEqualTo("Two Sum");
        assertThat(created.getString("content")).isEqualTo(ProblemFiles.load("two-sum").starter().get("java"));
        String id = created.getString("id");
        assertThat(given().get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath().getString("problem"))
                .isEqualTo("two-sum");
        given().contentType(ContentType.JSON).body(Map.of("language", "python", "problem", "nope"))
                .post("/api/sessions").then().statusCode(400);
    }

    @Test
    void twoParticipantsSeeTheSameSubmissionStreamAndNoHiddenData() throws Exception {
        String id = session("python", "reverse-string", REVERSE.solutions().get("python"));
        int total = REVERSE.examples().size() + REVERSE.hidden().size();
        List<String> rawAda = new ArrayList<>(), rawBob = new ArrayList<>();
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada"); RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            ada.send("{\"type\":\"submit\",\"mode\":\"submit\"}");
            List<JsonNode> toAda = untilFinished(ada, rawAda);
            List<JsonNode> toBob = untilFinished(bob, rawBob);
            assertThat(toAda).isEqualTo(toBob);
            JsonNode queued = toBob.get(0);
            assertThat(queued.path("type").asText()).isEqualTo("submission.queued");
            assertThat(queued.path("by").asText()).isEqualTo("ada");
            assertThat(queued.path("mode").asText()).isEqualTo("submit");
            assertThat(queued.path("total").asInt()).isEqualTo(total);
            List<JsonNode> tests = toBob.stream().filter(e -> e.path("type").asText().equals("submission.test")).toList();
            assertThat(tests).hasSize(total);
            for (int i = 0; i < total; i++) {
                JsonNode t = tests.get(i);
                assertThat(t.path("index").asInt()).isEqualTo(i);
                assertThat(t.path("verdict").asText()).isEqualTo("accepted");
                assertThat(t.has("timeMs")).isTrue();
                boolean hidden = i >= REVERSE.examples().size();
                assertThat(t.path("hidden").asBoolean()).isEqualTo(hidden);
                assertThat(t.has("input")).isEqualTo(!hidden);
                assertThat(t.has("expected")).isEqualTo(!hidden);
                assertThat(t.has("actual")).isEqualTo(!hidden);
            }
            JsonNode finished = toBob.get(toBob.size() - 1);
            assertThat(finished.path("verdict").asText()).isEqualTo("accepted");
            assertThat(finished.path("passed").asInt()).isEqualTo(total);
            assertThat(finished.path("total").asInt()).isEqualTo(total);
            assertThat(finished.has("memoryKb")).isTrue();
            String submissionId = finished.path("submissionId").asText();

            String record = given().get("/api/submissions/" + submissionId + "?waitMs=30000").then().statusCode(200).extract().asString();
            JsonNode r = MAPPER.readTree(record);
            assertThat(r.path("status").asText()).isEqualTo("finished");
            assertThat(r.path("verdict").asText()).isEqualTo("accepted");
            assertThat(r.path("tests")).hasSize(total);
            assertThat(r.has("source")).isFalse();
            String sse = given().accept("text/event-stream").get("/api/submissions/" + submissionId + "/events")
                    .then().statusCode(200).extract().asString();
            assertThat(sse).contains("submission.queued", "submission.test", "submission.finished");

            for (String text : List.of(String.join("\n", rawAda), String.join("\n", rawBob), record, sse)) assertNoHiddenData(text);
        }
    }

    @Test
    void oneSubmissionAtATimePerSessionAndLateJoinersGetTheLatest() throws Exception {
        String id = session("python", "fizzbuzz", "import sys\nsys.stdin.read()\nwhile True:\n    pass\n");
        String sid = given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + id + "/submissions")
                .then().statusCode(202).extract().path("submissionId");
        // the first one runs for at least the 4 s time limit of its first test
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + id + "/submissions")
                .then().statusCode(429).body("error", org.hamcrest.Matchers.equalTo("RATE_LIMITED"));
        JsonNode r = MAPPER.readTree(given().get("/api/submissions/" + sid + "?waitMs=30000").then().statusCode(200).extract().asString());
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!r.path("status").asText().equals("finished") && System.nanoTime() < deadline) {
            r = MAPPER.readTree(given().get("/api/submissions/" + sid + "?waitMs=30000").then().statusCode(200).extract().asString());
        }
        assertThat(r.path("verdict").asText()).isEqualTo("time_limit_exceeded");
        assertThat(r.path("failedTest").asInt()).isZero();
        try (RawSocket late = RawSocket.join(RestAssured.port, id, "late")) {
            List<JsonNode> replayed = untilFinished(late, new ArrayList<>());
            assertThat(replayed.get(0).path("type").asText()).isEqualTo("submission.queued");
            assertThat(replayed).allSatisfy(e -> assertThat(e.path("submissionId").asText()).isEqualTo(sid));
            assertThat(replayed.get(replayed.size() - 1).path("verdict").asText()).isEqualTo("time_limit_exceeded");
        }
    }

    @Test
    void restRunExamplesShowsTheFailingExample() throws Exception {
        String id = session("cpp", "reverse-string", "#include <cstdio>\nint main() { puts(\"nope\"); }\n");
        var accepted = given().contentType(ContentType.JSON).body("{\"mode\":\"examples\"}")
                .post("/api/sessions/" + id + "/submissions").then().statusCode(202).extract().jsonPath();
        assertThat(accepted.getString("status")).isEqualTo("queued");
        assertThat(accepted.getInt("version")).isZero();
        String sid = accepted.getString("submissionId");
        JsonNode r = MAPPER.readTree(given().get("/api/submissions/" + sid + "?waitMs=30000").then().statusCode(200).extract().asString());
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!r.path("status").asText().equals("finished") && System.nanoTime() < deadline) {
            r = MAPPER.readTree(given().get("/api/submissions/" + sid + "?waitMs=30000").then().statusCode(200).extract().asString());
        }
        assertThat(r.path("verdict").asText()).as(r.toString()).isEqualTo("wrong_answer");
        assertThat(r.path("mode").asText()).isEqualTo("examples");
        assertThat(r.path("total").asInt()).isEqualTo(REVERSE.examples().size());
        assertThat(r.path("failedTest").asInt()).isZero();
        JsonNode t = r.path("tests").get(0);
        assertThat(t.path("input").asText()).isEqualTo("hello\n");
        assertThat(t.path("expected").asText()).isEqualTo("olleh\n");
        assertThat(t.path("actual").asText()).isEqualTo("nope\n");

        given().get("/api/submissions/unknown-id").then().statusCode(404);
        String free = given().contentType(ContentType.JSON).body(Map.of("language", "python"))
                .post("/api/sessions").then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + free + "/submissions").then().statusCode(400);
    }
}
