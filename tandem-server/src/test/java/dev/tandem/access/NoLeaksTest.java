package dev.tandem.access;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No stack trace or host detail in REST errors (the socket's errors are checked by ProtocolFuzzTest; the
 * sandbox's environment by DockerSandboxTest.environmentShowsNothingOfTheHost).
 */
@QuarkusTest
class NoLeaksTest {

    @Test
    void restErrorsAreCodesAndMessagesOnly() {
        String[] bodies = {
                given().contentType(ContentType.JSON).body("{\"content\":").post("/api/sessions").then().statusCode(400).extract().asString(),
                given().contentType(ContentType.JSON).body("{\"content\":[1,2]}").post("/api/sessions").then().extract().asString(),
                given().get("/api/sessions/%00%ff/updates?since=x").then().extract().asString(),
                given().get("/api/sessions/AAAAAAAAAAAAAAAAAAAAAA/updates?since=-1").then().statusCode(404).extract().asString(),
                given().contentType(ContentType.TEXT).body("x").post("/api/sessions").then().extract().asString(),
        };
        for (String body : bodies) {
            assertThat(body).contains("\"error\"").doesNotContain("Exception").doesNotContain("\tat ")
                    .doesNotContain("dev.tandem").doesNotContain("/work/");
        }
    }
}
