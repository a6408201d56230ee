package dev.tandem.judge;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/sessions/{id}/submissions}: the session's submissions with verdict, who and the code judged. */
@QuarkusTest
class SubmissionHistoryTest {

    // one line each, so that the push below inserts a single string (line breaks would be separate strings)
    private static final String WRONG = "print(input())";
    private static final String RIGHT = "import sys; print(sys.stdin.readline().rstrip(\"\\n\")[::-1])";

    private static void submitAndWait(String link, String mode) {
        String id = given().contentType(ContentType.JSON).body(Map.of("mode", mode))
                .post("/api/sessions/" + link + "/submissions").then().statusCode(202).extract().path("submissionId");
        given().get("/api/submissions/" + id + "?waitMs=60000").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("finished"));
    }

    /** Replaces the whole document {@code from} with {@code to} (one replacement: [[deleted, inserted]]). */
    private static void replaceDocument(String link, String from, String to) throws Exception {
        try (var ada = dev.tandem.realtime.RawSocket.join(io.restassured.RestAssured.port, link, "ada")) {
            ada.send("{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[[" + from.length() + ","
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(to) + "]]}]}");
            ada.await("ack");
        }
    }

    @Test
    void listsEverySubmissionNewestFirstWithItsCodeForEitherLink() throws Exception {
        JsonPath s = given().contentType(ContentType.JSON)
                .body(Map.of("language", "python", "problem", "reverse-string", "content", WRONG))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String edit = s.getString("id");
        String view = s.getString("viewLink");
        assertThat(given().get("/api/sessions/" + edit + "/submissions").then().statusCode(200)
                .extract().jsonPath().getList("$")).isEmpty();

        submitAndWait(edit, "examples");
        replaceDocument(edit, WRONG, RIGHT);
        submitAndWait(edit, "submit");

        for (String link : List.of(edit, view)) {
            JsonPath list = given().get("/api/sessions/" + link + "/submissions").then().statusCode(200).extract().jsonPath();
            assertThat(list.getList("mode")).containsExactly("submit", "examples");
            assertThat(list.getList("verdict")).containsExactly("accepted", "wrong_answer");
            assertThat(list.getList("source")).containsExactly(RIGHT, WRONG);
            assertThat(list.getList("by")).containsOnly("api");
            assertThat(list.getList("version", Integer.class)).containsExactly(1, 0);
            assertThat(list.getString("[0].passed")).isEqualTo(list.getString("[0].total"));
            assertThat(list.getLong("[0].createdAt")).isGreaterThanOrEqualTo(list.getLong("[1].createdAt"));
            // the internal session id (not a capability) is not in the answer
            assertThat(list.getList("sessionId")).containsOnlyNulls();
        }
        given().get("/api/sessions/NoSuchLinkNoSuchLink00/submissions").then().statusCode(404);
    }
}
