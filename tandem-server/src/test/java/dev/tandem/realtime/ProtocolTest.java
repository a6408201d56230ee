package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket contract, message by message, over real sockets against a running server. */
@QuarkusTest
class ProtocolTest {

    private static int port() {
        return RestAssured.port;
    }

    private static String push(int version, String clientId, int seq, String changes) {
        return "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"" + clientId
                + "\",\"seq\":" + seq + ",\"changes\":" + changes + "}]}";
    }

    @Test
    void welcomeCarriesTheDocumentAndParticipants() throws Exception {
        String id = Sessions.create("print('hi')");
        try (RawSocket ada = RawSocket.open(port(), id)) {
            ada.send("{\"type\":\"hello\",\"clientId\":\"ada\",\"name\":\"Ada\"}");
            JsonNode welcome = ada.expect("welcome");
            assertThat(welcome.path("sessionId").asText()).isEqualTo(id);
            assertThat(welcome.path("clientId").asText()).isEqualTo("ada");
            assertThat(welcome.path("version").asInt()).isZero();
            assertThat(welcome.path("content").asText()).isEqualTo("print('hi')");
            assertThat(welcome.path("language").asText()).isEqualTo("python");
            assertThat(welcome.path("node").asText()).isNotBlank();
            assertThat(welcome.path("participants")).hasSize(1);
            assertThat(welcome.path("participants").get(0).path("name").asText()).isEqualTo("Ada");
            assertThat(welcome.path("participants").get(0).path("color").asText()).startsWith("#");
        }
    }

    @Test
    void anAcceptedPushIsAckedAndBroadcastToEveryone() throws Exception {
        String id = Sessions.create("ab");
        try (RawSocket ada = RawSocket.join(port(), id, "ada"); RawSocket bob = RawSocket.join(port(), id, "bob")) {
            ada.await("joined");
            ada.send(push(0, "ada", 1, "[1,[0,\"X\"],1]"));
            JsonNode toBob = bob.await("updates");
            assertThat(toBob.path("fromVersion").asInt()).isZero();
            assertThat(toBob.path("updates").get(0).path("clientId").asText()).isEqualTo("ada");
            assertThat(toBob.path("updates").get(0).path("seq").asInt()).isEqualTo(1);
            assertThat(toBob.path("updates").get(0).path("changes").toString()).isEqualTo("[1,[0,\"X\"],1]");
            JsonNode ack = ada.await("ack");
            assertThat(ack.path("seq").asInt()).isEqualTo(1);
            assertThat(ack.path("version").asInt()).isEqualTo(1);
            assertThat(Sessions.content(id)).isEqualTo("aXb");
        }
    }

    @Test
    void aStalePushConflictsAndChangesNothing() throws Exception {
        String id = Sessions.create("ab");
        try (RawSocket ada = RawSocket.join(port(), id, "ada"); RawSocket bob = RawSocket.join(port(), id, "bob")) {
            ada.send(push(0, "ada", 1, "[2,[0,\"!\"]]"));
            ada.await("ack");
            bob.send(push(0, "bob", 1, "[[0,\"?\"],2]"));
            JsonNode conflict = bob.await("conflict");
            assertThat(conflict.path("version").asInt()).isEqualTo(1);
            assertThat(Sessions.content(id)).isEqualTo("ab!");
        }
    }

    @Test
    void aResentUpdateIsNeverAppliedTwice() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            ada.send(push(0, "ada", 1, "[[0,\"x\"]]"));
            ada.await("ack");
            // The same update again, now based on the current version: skipped, acknowledged, not applied.
            ada.send(push(1, "ada", 1, "[1,[0,\"x\"]]"));
            JsonNode ack = ada.await("ack");
            assertThat(ack.path("version").asInt()).isEqualTo(1);
            assertThat(Sessions.content(id)).isEqualTo("x");
        }
    }

    @Test
    void pullAnswersTheUpdatesSinceAVersion() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            ada.send(push(0, "ada", 1, "[[0,\"a\"]]"));
            ada.await("ack");
            ada.send(push(1, "ada", 2, "[1,[0,\"b\"]]"));
            ada.await("ack");
            ada.send("{\"type\":\"pull\",\"version\":0}");
            JsonNode updates = ada.await("updates");
            while (updates.path("fromVersion").asInt() != 0 || updates.path("updates").size() != 2) {
                updates = ada.await("updates"); // skip the live broadcasts
            }
            assertThat(updates.path("updates").get(1).path("seq").asInt()).isEqualTo(2);
            ada.send("{\"type\":\"pull\",\"version\":7}");
            ada.await("error");
        }
    }

    @Test
    void badInputGetsItsErrorAndLeavesTheTextUnchanged() throws Exception {
        String id = Sessions.create("hello");
        try (RawSocket s = RawSocket.open(port(), id)) {
            s.send(push(0, "ada", 1, "[5,[0,\"!\"]]"));
            s.expectError("NOT_JOINED");
            s.send("{\"type\":\"hello\",\"clientId\":\"ada\"}");
            s.expect("welcome");
            s.send("{not json");
            s.expectError("BAD_MESSAGE");
            s.send("[1,2]");
            s.expectError("BAD_MESSAGE");
            s.send("{\"type\":\"dance\"}");
            s.expectError("BAD_MESSAGE");
            s.send("{\"type\":\"push\",\"version\":\"zero\",\"updates\":[]}");
            s.expectError("BAD_MESSAGE");
            s.send(push(0, "ada", 0, "[5]"));
            s.expectError("BAD_MESSAGE");
            s.send(push(0, "ada", 1, "[3,[0,\"!\"]]"));
            s.expectError("INVALID_CHANGES");
            s.send(push(0, "ada", 1, "[5,[0,\"a\\nb\"]]"));
            s.expectError("INVALID_CHANGES");
            s.send(push(0, "ada", 1, "[5,[-1]]"));
            s.expectError("INVALID_CHANGES");
            s.send(push(9, "ada", 1, "[5,[0,\"!\"]]"));
            s.expectError("VERSION_AHEAD");
            s.send(push(0, "mallory", 1, "[5,[0,\"!\"]]"));
            s.expectError("FORBIDDEN");
            s.send("{\"type\":\"hello\",\"clientId\":\"ada\"}");
            s.expectError("BAD_MESSAGE");
            // (a message over the size limit ends the connection with 1009: MessageSizeTest)
            assertThat(Sessions.content(id)).isEqualTo("hello");
            assertThat(Sessions.version(id)).isZero();
            // The connection is still usable after all of that.
            s.send(push(0, "ada", 1, "[5,[0,\"!\"]]"));
            s.await("ack");
            assertThat(Sessions.content(id)).isEqualTo("hello!");
        }
    }

    @Test
    void aDocumentCannotGrowPastItsLimit() throws Exception {
        String id = Sessions.create("");
        String big = "y".repeat(900_000);
        try (RawSocket s = RawSocket.join(port(), id, "ada")) {
            s.send(push(0, "ada", 1, "[[0,\"" + big + "\"]]"));
            s.await("ack");
            s.send(push(1, "ada", 2, "[900000,[0,\"" + big + "\"]]"));
            s.await("error");
            assertThat(Sessions.version(id)).isEqualTo(1);
            assertThat(Sessions.content(id)).hasSize(900_000);
        }
    }

    @Test
    void aFloodIsRateLimitedWhileOthersCarryOn() throws Exception {
        String id = Sessions.create("");
        try (RawSocket flood = RawSocket.join(port(), id, "flood"); RawSocket calm = RawSocket.join(port(), id, "calm")) {
            for (int i = 0; i < 400; i++) flood.send("{\"type\":\"presence\",\"selection\":null,\"version\":0}");
            flood.await("error"); // RATE_LIMITED once the burst is spent
            calm.send(push(0, "calm", 1, "[[0,\"ok\"]]"));
            calm.await("ack");
            assertThat(Sessions.content(id)).isEqualTo("ok");
        }
    }

    @Test
    void anUnknownSessionIsAnErrorThenClose4404() throws Exception {
        try (RawSocket s = RawSocket.open(port(), "no-such-session")) {
            s.expectError("UNKNOWN_SESSION");
            assertThat(s.awaitCloseCode()).isEqualTo(4404);
        }
    }

    @Test
    void presenceJoinsAndLeavesReachTheOthers() throws Exception {
        String id = Sessions.create("abc");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            try (RawSocket bob = RawSocket.join(port(), id, "bob")) {
                JsonNode joined = ada.await("joined");
                assertThat(joined.path("clientId").asText()).isEqualTo("bob");
                bob.send("{\"type\":\"presence\",\"selection\":{\"anchor\":1,\"head\":2},\"version\":0}");
                JsonNode presence = ada.await("presence");
                assertThat(presence.path("clientId").asText()).isEqualTo("bob");
                assertThat(presence.path("selection").path("anchor").asInt()).isEqualTo(1);
                assertThat(presence.path("selection").path("head").asInt()).isEqualTo(2);
                assertThat(presence.path("color").asText()).startsWith("#");
                bob.expectSilence(Duration.ofMillis(200)); // no echo of one's own presence
            }
            JsonNode left = ada.await("left");
            assertThat(left.path("clientId").asText()).isEqualTo("bob");
        }
    }
}
