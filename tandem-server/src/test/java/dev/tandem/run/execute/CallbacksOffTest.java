package dev.tandem.run.execute;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The default configuration has no callback secret and no allowed hosts: a run that asks for a callback is refused
 * with 400 CALLBACK_NOT_ALLOWED (callbacks are off), whatever host it names; a run without one is not affected.
 */
@QuarkusTest
class CallbacksOffTest {

    @Test
    void withoutASecretEveryCallbackIsRefused() {
        for (String url : new String[] {"http://127.0.0.1:9/hook", "https://localhost/hook"}) {
            given().contentType(ContentType.JSON).body(Map.of("language", "python", "source", "print(1)", "callbackUrl", url))
                    .post("/api/runs").then().statusCode(400)
                    .body("error", equalTo("CALLBACK_NOT_ALLOWED"))
                    .body("message", containsString("callbacks are off"));
        }
        given().contentType(ContentType.JSON).body(Map.of("runs", new Object[] {Map.of("language", "python", "source", "1",
                "callbackUrl", "http://127.0.0.1:9/hook")})).post("/api/runs/batch").then().statusCode(400)
                .body("error", equalTo("CALLBACK_NOT_ALLOWED"));
    }
}
