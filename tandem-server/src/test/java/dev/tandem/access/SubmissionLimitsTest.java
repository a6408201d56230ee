package dev.tandem.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ConfigProfile;
import dev.tandem.api.Sessions;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attack (issue 13 item 3): one address that may start only a few runs a minute starts submissions instead —
 * each one a container too — as fast as it likes, over the socket and over REST. Now submissions count against
 * the same per-address budget ({@code tandem.limits.runs-per-ip-per-minute}, 3 in this test's profile: its own,
 * so that no other test has spent the address's budgets before).
 */
@QuarkusTest
@TestProfile(SubmissionLimitsTest.Profile.class)
class SubmissionLimitsTest {

    public static class Profile extends ConfigProfile {
        public Profile() {
            super(Map.of("tandem.limits.runs-per-ip-per-minute", "3"));
        }
    }

    @Test
    void submissionsCountInThePerAddressLimit() throws Exception {
        String id = Sessions.create("print(1)");
        try (RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            // 7 > 2 × 3: even when a minute's window turns during the burst, one window sees more than 3
            for (int i = 0; i < 7; i++) bob.send("{\"type\":\"submit\",\"mode\":\"examples\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> bob.received().stream()
                    .anyMatch(m -> m.path("type").asText().equals("error")
                            && m.path("message").asText().contains("per minute from one address")));
            JsonNode limited = bob.received().stream()
                    .filter(m -> m.path("message").asText().contains("per minute from one address")).findFirst().orElseThrow();
            assertThat(limited.path("code").asText()).isEqualTo("RATE_LIMITED");
        }
        int refused = 0;
        for (int i = 0; i < 7; i++) {
            int status = given().contentType(ContentType.JSON).body("{\"mode\":\"examples\"}")
                    .post("/api/sessions/" + id + "/submissions").then().extract().statusCode();
            if (status == 429) refused++;
        }
        assertThat(refused).as("REST submissions refused for the address").isPositive();
    }
}
