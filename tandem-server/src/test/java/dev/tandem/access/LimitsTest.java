package dev.tandem.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each limit trips with its code while the other users of the same node and session carry on: in every test
 * ada keeps editing and cy receives her updates while bob (or bob's address) is being limited. Every client
 * here comes from 127.0.0.1, so the per-address limits are tested last and in order.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsTest {
    private static int seq;

    private static String push(int version, String clientId, int seq, String changes) {
        return "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"" + clientId
                + "\",\"seq\":" + seq + ",\"changes\":" + changes + "}]}";
    }

    /** ada inserts one character at the start; cy must receive it: the session carries on. */
    private static void othersCarryOn(String id, RawSocket ada, RawSocket cy) throws Exception {
        int version = Sessions.version(id);
        int s = ++seq;
        ada.send(push(version, "ada", s, "[[0,\"a\"]," + Sessions.content(id).length() + "]"));
        JsonNode ack = ada.await("ack");
        assertThat(ack.path("version").asInt()).isEqualTo(version + 1);
        JsonNode updates = cy.await("updates");
        assertThat(updates.path("updates").get(0).path("clientId").asText()).isEqualTo("ada");
    }

    @Test
    @Order(1)
    void messagesPerSecond() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada"); RawSocket cy = RawSocket.join(RestAssured.port, id, "cy");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            for (int i = 0; i < 120; i++) bob.send("{\"type\":\"pull\",\"version\":0}");
            JsonNode limited = bob.await("error");
            while (!limited.path("code").asText().equals("RATE_LIMITED")) limited = bob.await("error");
            assertThat(limited.path("message").asText()).contains("messages per second");
            othersCarryOn(id, ada, cy);
        }
    }

    @Test
    @Order(2)
    void bytesPerSecond() throws Exception {
        String id = Sessions.create("");
        String big = "{\"type\":\"pull\",\"version\":0,\"pad\":\"" + "x".repeat(9_000) + "\"}";
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada"); RawSocket cy = RawSocket.join(RestAssured.port, id, "cy");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            for (int i = 0; i < 10; i++) bob.send(big); // 90 kB against a 40 kB burst at 20 kB/s
            JsonNode limited = bob.await("error");
            assertThat(limited.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(limited.path("message").asText()).contains("bytes per second");
            othersCarryOn(id, ada, cy);
        }
    }

    @Test
    @Order(3)
    void participantsPerSession() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada"); RawSocket cy = RawSocket.join(RestAssured.port, id, "cy");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob");
             RawSocket dan = RawSocket.open(RestAssured.port, id)) {
            dan.send("{\"type\":\"hello\",\"clientId\":\"dan\",\"name\":\"dan\"}");
            dan.expectError("SESSION_FULL");
            assertThat(dan.awaitCloseCode()).isEqualTo(SocketGate.CLOSE_LIMIT);
            othersCarryOn(id, ada, cy);
            await().untilAsserted(() -> assertThat(given().get("/api/sessions/" + id).then().extract()
                    .jsonPath().getList("participants.clientId")).containsExactlyInAnyOrder("ada", "cy", "bob"));
        }
    }

    @Test
    @Order(4)
    void runsPerIp() throws Exception {
        String id = Sessions.create("print(1)");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada"); RawSocket cy = RawSocket.join(RestAssured.port, id, "cy");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            // Four runs at once from one address, whose limit is three a minute: the address check comes first,
            // so the fourth is refused for it whatever the session's own limit answers to the others.
            for (int i = 0; i < 4; i++) bob.send("{\"type\":\"run\",\"stdin\":\"\"}");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> bob.received().stream()
                    .anyMatch(m -> m.path("type").asText().equals("error")
                            && m.path("message").asText().contains("runs per minute from one address")));
            JsonNode limited = bob.received().stream().filter(m -> m.path("message").asText()
                    .contains("runs per minute from one address")).findFirst().orElseThrow();
            assertThat(limited.path("code").asText()).as("the per-address run limit tripped").isEqualTo("RATE_LIMITED");
            given().contentType(ContentType.JSON).body("{}").post("/api/sessions/" + id + "/runs")
                    .then().statusCode(429).body("error", org.hamcrest.Matchers.equalTo("RATE_LIMITED"));
            othersCarryOn(id, ada, cy);
        }
    }

    @Test
    @Order(5)
    void connectionsPerIp() throws Exception {
        String id = Sessions.create("");
        List<RawSocket> extra = new ArrayList<>();
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada"); RawSocket cy = RawSocket.join(RestAssured.port, id, "cy")) {
            RawSocket refused = null;
            for (int i = 0; i < 12 && refused == null; i++) {
                RawSocket s = RawSocket.open(RestAssured.port, id);
                JsonNode first = s.next(java.time.Duration.ofMillis(500));
                if (first != null && first.path("code").asText().equals("RATE_LIMITED")) refused = s;
                else extra.add(s);
            }
            assertThat(refused).as("the connection limit tripped").isNotNull();
            assertThat(refused.awaitCloseCode()).isEqualTo(SocketGate.CLOSE_LIMIT);
            othersCarryOn(id, ada, cy);
        } finally {
            extra.forEach(RawSocket::close);
        }
    }

    @Test
    @Order(6)
    void sessionsPerIpPerMinute() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada"); RawSocket cy = RawSocket.join(RestAssured.port, id, "cy")) {
            int status = 201;
            for (int i = 0; i < 60 && status == 201; i++) {
                status = given().contentType(ContentType.JSON).body("{}").post("/api/sessions").then().extract().statusCode();
            }
            assertThat(status).isEqualTo(429);
            given().contentType(ContentType.JSON).body("{}").post("/api/sessions")
                    .then().statusCode(429).body("error", org.hamcrest.Matchers.equalTo("RATE_LIMITED"));
            othersCarryOn(id, ada, cy);
        }
    }
}
