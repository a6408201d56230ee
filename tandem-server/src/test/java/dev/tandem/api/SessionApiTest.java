package dev.tandem.api;

import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** The REST API of sessions, as a program calling it sees it. */
@QuarkusTest
class SessionApiTest {

    @Test
    void createsASessionWithAnUnguessableId() {
        given().contentType(ContentType.JSON).body("{\"language\":\"go\",\"content\":\"package main\",\"title\":\"Demo\"}")
                .post("/api/sessions")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("id", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("language", equalTo("go"))
                .body("title", equalTo("Demo"))
                .body("version", equalTo(0))
                .body("content", equalTo("package main"))
                .body("wsPath", matchesPattern("/ws/sessions/[A-Za-z0-9_-]{22}"));
    }

    @Test
    void defaultsArePythonAndAnEmptyDocument() {
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions")
                .then().statusCode(201).body("language", equalTo("python")).body("content", equalTo(""));
    }

    @Test
    void readsTheSessionWithItsParticipants() throws Exception {
        String id = Sessions.create("x = 1");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            given().get("/api/sessions/" + id).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("content", equalTo("x = 1"))
                    .body("version", equalTo(0))
                    .body("participants", hasSize(1))
                    .body("participants[0].clientId", equalTo("ada"));
        }
    }

    @Test
    void servesUpdatesSinceAVersion() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            for (int v = 0; v < 3; v++) {
                ada.send("{\"type\":\"push\",\"version\":" + v + ",\"updates\":[{\"clientId\":\"ada\",\"seq\":" + (v + 1)
                        + ",\"changes\":[" + (v == 0 ? "" : v + ",") + "[0,\"" + v + "\"]]}]}");
                ada.await("ack");
            }
        }
        given().get("/api/sessions/" + id + "/updates?since=1").then().statusCode(200)
                .body("fromVersion", equalTo(1))
                .body("updates", hasSize(2))
                .body("updates[0].seq", equalTo(2))
                .body("updates[1].changes[1][1]", equalTo("2"));
        given().get("/api/sessions/" + id + "/updates?since=9").then().statusCode(400).body("error", equalTo("VERSION_AHEAD"));
        given().get("/api/sessions/" + id + "/updates").then().statusCode(400).body("error", equalTo("BAD_MESSAGE"));
    }

    @Test
    void updatesBeforeTheRetainedHistoryAreGone() throws Exception {
        // The test profile keeps 1,000 updates; push 1,200 in two batches.
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            int version = 0;
            for (int batch = 0; batch < 2; batch++) {
                StringBuilder push = new StringBuilder("{\"type\":\"push\",\"version\":" + version + ",\"updates\":[");
                for (int i = 0; i < 600; i++) {
                    if (i > 0) push.append(',');
                    push.append("{\"clientId\":\"ada\",\"seq\":").append(version + 1).append(",\"changes\":[")
                            .append(version == 0 ? "" : version + ",").append("[0,\"a\"]]}");
                    version++;
                }
                ada.send(push.append("]}").toString());
                assertThat(ada.await("ack").path("version").asInt()).isEqualTo(version);
            }
        }
        given().get("/api/sessions/" + id + "/updates?since=0").then().statusCode(410).body("error", equalTo("VERSION_GONE"));
        given().get("/api/sessions/" + id + "/updates?since=200").then().statusCode(200).body("updates", hasSize(1000));
    }

    @Test
    void errorsAreJson() {
        given().get("/api/sessions/doesNotExist").then().statusCode(404)
                .contentType(ContentType.JSON).body("error", equalTo("NOT_FOUND")).body("message", notNullValue());
        given().get("/api/sessions/../../etc").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"language\":\"cobol\"}").post("/api/sessions")
                .then().statusCode(400).body("error", equalTo("UNKNOWN_LANGUAGE"));
        given().contentType(ContentType.JSON).body("{\"language\": ").post("/api/sessions")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("BAD_REQUEST"));
        given().contentType(ContentType.JSON).body("{\"content\":\"" + "z".repeat(1_600_000) + "\"}").post("/api/sessions")
                .then().statusCode(413).body("error", equalTo("TOO_LARGE"));
    }

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
