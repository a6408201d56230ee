package dev.tandem.run;

import dev.tandem.ConfigProfile;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Without a reachable Docker engine Tandem still starts and edits; every run answers RUN_UNAVAILABLE. */
@QuarkusTest
@TestProfile(NoDockerTest.Unreachable.class)
class NoDockerTest {

    public static class Unreachable extends ConfigProfile {
        public Unreachable() {
            super(Map.of("tandem.run.docker-host", "tcp://127.0.0.1:9", "tandem.cluster.name", "tandem-test-nodocker"));
        }
    }

    @Test
    void editingWorksAndRunsAreUnavailable() throws Exception {
        List<Boolean> available = given().get("/api/languages").then().statusCode(200).extract().jsonPath().getList("available");
        assertThat(available).hasSize(Languages.all().size()).containsOnly(false);

        String id = RunEventsCollector.session("python", "print(1)\n");
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + id + "/runs").then().statusCode(503)
                .body("error", equalTo("RUN_UNAVAILABLE")).body("message", containsString("Docker"));
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            ada.send("{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[[0,\"#\"],9]}]}");
            ada.await("ack");
            ada.send("{\"type\":\"run\"}");
            ada.expectError("RUN_UNAVAILABLE");
        }
    }
}
