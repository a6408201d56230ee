package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tandem addition {@code language}: an editor switches the session's language, everyone hears it, and
 * the session record (late joiners, REST, runs) follows; viewers and unknown languages change nothing.
 */
@QuarkusTest
class LanguageSwitchTest {

    private static JsonPath create(String content) {
        return given().contentType(ContentType.JSON).body(Map.of("language", "python", "content", content))
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
    }

    private static String language(String link) {
        return given().get("/api/sessions/" + link).then().statusCode(200).extract().path("language");
    }

    private static JsonNode error(RawSocket socket, String code) throws InterruptedException {
        JsonNode error = socket.await("error");
        assertThat(error.path("code").asText()).as("error %s", error).isEqualTo(code);
        return error;
    }

    @Test
    void anEditorSwitchesTheLanguageForEveryoneAndRunsUseIt() throws Exception {
        // JavaScript that is not Python: only a run as JavaScript prints "js 42"
        JsonPath s = create("console.log(\"js \" + (6 * 7))\n");
        String id = s.getString("id");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob");
             RawSocket viv = RawSocket.join(RestAssured.port, s.getString("viewLink"), "viv")) {
            ada.send("{\"type\":\"language\",\"language\":\"javascript\"}");
            for (RawSocket socket : new RawSocket[] {ada, bob, viv}) {
                JsonNode changed = socket.await("language");
                assertThat(changed.path("language").asText()).isEqualTo("javascript");
                assertThat(changed.path("clientId").asText()).isEqualTo("ada");
                assertThat(changed.path("by").asText()).isNotBlank();
            }
            assertThat(language(id)).isEqualTo("javascript");
            try (RawSocket late = RawSocket.join(RestAssured.port, id, "late")) {
                assertThat(late.welcome().path("language").asText()).isEqualTo("javascript");
            }
        }
        String runId = given().contentType(ContentType.JSON).body(Map.of("stdin", ""))
                .post("/api/sessions/" + id + "/runs").then().statusCode(202).extract().path("runId");
        JsonNode run = new ObjectMapper().readTree(given().get("/api/runs/" + runId + "?waitMs=30000")
                .then().statusCode(200).extract().asString());
        assertThat(run.path("language").asText()).isEqualTo("javascript");
        assertThat(run.path("outcome").asText()).as("run %s", run).isEqualTo("ok");
    }

    @Test
    void aViewerOrAnUnknownLanguageChangesNothing() throws Exception {
        JsonPath s = create("print(1)\n");
        String id = s.getString("id");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket viv = RawSocket.join(RestAssured.port, s.getString("viewLink"), "viv")) {
            viv.send("{\"type\":\"language\",\"language\":\"go\"}");
            assertThat(error(viv, "FORBIDDEN").path("ref").asText()).isEqualTo("language");

            ada.send("{\"type\":\"language\",\"language\":\"cobol\"}");
            assertThat(error(ada, "UNKNOWN_LANGUAGE").path("ref").asText()).isEqualTo("language");
            ada.send("{\"type\":\"language\"}");
            error(ada, "BAD_MESSAGE");

            // a round trip after the refusals: anything they had broadcast would have arrived before its answer
            ada.send("{\"type\":\"pull\",\"version\":0}");
            ada.await("updates");
            assertThat(ada.received()).noneMatch(m -> m.path("type").asText().equals("language"));
            assertThat(viv.received()).noneMatch(m -> m.path("type").asText().equals("language"));
            assertThat(language(id)).isEqualTo("python");
        }
    }
}
