package dev.tandem.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Edit and view links, the viewer role, and the owner's rotate, kick and close. */
@QuarkusTest
class CapabilityTest {

    static JsonPath create(String content) {
        return given().contentType(ContentType.JSON).body("{\"content\":\"" + content + "\"}")
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    static String push(int version, String clientId, int seq, String changes) {
        return "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"" + clientId
                + "\",\"seq\":" + seq + ",\"changes\":" + changes + "}]}";
    }

    @Test
    void creationAnswersLinksAndAnOwnerToken() {
        JsonPath s = create("x");
        assertThat(s.getString("editLink")).isEqualTo(s.getString("id"));
        assertThat(s.getString("viewLink")).hasSize(22).isNotEqualTo(s.getString("id"));
        assertThat(s.getString("ownerToken")).hasSize(22).isNotIn(s.getString("id"), s.getString("viewLink"));
        assertThat(s.getString("wsPath")).isEqualTo("/ws/sessions/" + s.getString("id"));
        // the view link reads (REST) but never reveals the edit link
        String body = given().get("/api/sessions/" + s.getString("viewLink")).then().statusCode(200).extract().asString();
        assertThat(body).contains("\"content\":\"x\"").doesNotContain(s.getString("id"));
        // and cannot run over REST
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + s.getString("viewLink") + "/runs")
                .then().statusCode(403).body("error", org.hamcrest.Matchers.equalTo("FORBIDDEN"));
    }

    @Test
    void aViewerReceivesEverythingButCannotPushOrRun() throws Exception {
        JsonPath s = create("ab");
        String id = s.getString("id");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket viv = RawSocket.join(RestAssured.port, s.getString("viewLink"), "viv")) {
            ada.await("joined");
            ada.send(push(0, "ada", 1, "[2,[0,\"!\"]]"));
            JsonNode updates = viv.await("updates");
            assertThat(updates.path("updates").get(0).path("clientId").asText()).isEqualTo("ada");

            viv.send(push(1, "viv", 1, "[[0,\"?\"],3]"));
            JsonNode refused = viv.expectError("FORBIDDEN");
            assertThat(refused.path("ref").asText()).isEqualTo("push");
            viv.send("{\"type\":\"run\",\"stdin\":\"\"}");
            viv.expectError("FORBIDDEN");
            viv.send("{\"type\":\"presence\",\"selection\":{\"anchor\":1,\"head\":1},\"version\":1}");
            assertThat(ada.await("presence").path("clientId").asText()).isEqualTo("viv");
            assertThat(Sessions.content(id)).isEqualTo("ab!");
            assertThat(Sessions.version(id)).isEqualTo(1);
        }
    }

    @Test
    void rotationRetiresTheOldLinks() throws Exception {
        JsonPath s = create("r");
        String id = s.getString("id");
        String owner = s.getString("ownerToken");
        given().post("/api/sessions/" + id + "/links/rotate").then().statusCode(401);
        given().header("X-Tandem-Owner", "wrong-token-wrong-token").post("/api/sessions/" + id + "/links/rotate").then().statusCode(403);
        JsonPath links = given().header("Authorization", "Bearer " + owner).post("/api/sessions/" + id + "/links/rotate")
                .then().statusCode(200).extract().jsonPath();
        String edit = links.getString("editLink");
        String view = links.getString("viewLink");
        assertThat(edit).isNotEqualTo(id);

        for (String old : new String[] {id, s.getString("viewLink")}) {
            try (RawSocket stale = RawSocket.open(RestAssured.port, old)) {
                stale.expectError("UNKNOWN_SESSION");
                assertThat(stale.awaitCloseCode()).isEqualTo(4404);
            }
            given().get("/api/sessions/" + old).then().statusCode(404);
        }
        try (RawSocket ada = RawSocket.join(RestAssured.port, edit, "ada");
             RawSocket viv = RawSocket.join(RestAssured.port, view, "viv")) {
            ada.send(push(0, "ada", 1, "[1,[0,\"2\"]]"));
            ada.await("ack");
            viv.await("updates");
            viv.send(push(1, "viv", 1, "[2,[0,\"3\"]]"));
            viv.expectError("FORBIDDEN");
        }
        assertThat(given().get("/api/sessions/" + view).then().statusCode(200).extract().<String>path("content")).isEqualTo("r2");
    }

    @Test
    void kickClosesTheParticipantsSocketAndTheOthersCarryOn() throws Exception {
        JsonPath s = create("");
        String id = s.getString("id");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            ada.await("joined");
            given().header("X-Tandem-Owner", s.getString("ownerToken")).delete("/api/sessions/" + id + "/participants/nobody")
                    .then().statusCode(404);
            given().header("X-Tandem-Owner", s.getString("ownerToken")).delete("/api/sessions/" + id + "/participants/bob")
                    .then().statusCode(204);
            assertThat(bob.awaitCloseCode()).isEqualTo(4403);
            assertThat(ada.await("left").path("clientId").asText()).isEqualTo("bob");
            ada.send(push(0, "ada", 1, "[[0,\"a\"]]"));
            ada.await("ack");
            assertThat(Sessions.content(id)).isEqualTo("a");
        }
    }

    @Test
    void closeEndsTheSession() throws Exception {
        JsonPath s = create("c");
        String id = s.getString("id");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket viv = RawSocket.join(RestAssured.port, s.getString("viewLink"), "viv")) {
            given().header("X-Tandem-Owner", s.getString("ownerToken")).delete("/api/sessions/" + id).then().statusCode(204);
            assertThat(ada.awaitCloseCode()).isEqualTo(4404);
            assertThat(viv.awaitCloseCode()).isEqualTo(4404);
        }
        given().get("/api/sessions/" + id).then().statusCode(404);
        try (RawSocket late = RawSocket.open(RestAssured.port, id)) {
            late.expectError("UNKNOWN_SESSION");
            assertThat(late.awaitCloseCode()).isEqualTo(4404);
        }
    }
}
