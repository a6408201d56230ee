package dev.tandem.client;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two real {@link TandemClient}s against a running server: concurrent edits and a dropped connection converge. */
@QuarkusTest
@TestProfile(TandemClientSmokeTest.RandomPort.class)
class TandemClientSmokeTest {

    /** A port of its own: other test runs on this machine may hold the default test port. */
    public static class RandomPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private TandemClient ada;
    private TandemClient bob;

    @AfterEach
    void closeClients() {
        if (ada != null) ada.close();
        if (bob != null) bob.close();
    }

    @Test
    void twoClientsConvergeThroughConcurrentEditsAndAReconnect() throws Exception {
        String sessionId = given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body("{\"language\":\"python\",\"content\":\"hello\"}")
                .when().post("/api/sessions")
                .then().statusCode(201).extract().path("id");

        ada = client(sessionId, "Ada");
        bob = client(sessionId, "Bob");
        assertThat(ada.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(bob.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(ada.text()).isEqualTo("hello");

        for (int i = 0; i < 5; i++) {
            ada.edit(ada.text().length(), ada.text().length(), " a" + i);
            bob.edit(0, 0, "b" + i + " ");
            bob.edit(1, 2, "😀");
        }
        awaitConvergence(sessionId);

        bob.pauseReconnect();
        bob.disconnect();
        assertThat(bob.isConnected()).isFalse();
        bob.edit(0, 0, "offline ");
        ada.edit(0, 3, "");
        bob.edit(bob.text().length(), bob.text().length(), "\nend");
        bob.resumeReconnect();
        awaitConvergence(sessionId);

        assertThat(serverText(sessionId)).contains("offline ").endsWith("\nend");
        assertThat(errors).isEmpty();
    }

    private TandemClient client(String sessionId, String name) {
        return TandemClient.builder(sessionId).servers(List.of(URI.create(base.toString()))).name(name)
                .listener(new TandemListener() {
                    @Override
                    public void onError(String code, String message) {
                        errors.add(name + ": " + code + " " + message);
                    }
                }).connect();
    }

    private void awaitConvergence(String sessionId) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(ada.awaitSynced(Duration.ZERO)).as("ada synced").isTrue();
            assertThat(bob.awaitSynced(Duration.ZERO)).as("bob synced").isTrue();
            String server = serverText(sessionId);
            assertThat(ada.text()).isEqualTo(server);
            assertThat(bob.text()).isEqualTo(server);
        });
    }

    private String serverText(String sessionId) {
        return given().baseUri(base.toString()).when().get("/api/sessions/" + sessionId)
                .then().statusCode(200).extract().path("content");
    }
}
