package dev.tandem.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * v1.1 "Identity across reconnects". Attack it stands for (issue 13 item 5): Mallory says hello with Ada's
 * clientId and pushes seq 2147483647 under it; before the fix the server then skipped Ada's later updates as
 * resends while still acknowledging them, so her work was silently lost.
 */
@QuarkusTest
class IdentityTest {

    private static String push(int version, String clientId, int seq, String changes) {
        return CapabilityTest.push(version, clientId, seq, changes);
    }

    @Test
    void someoneElsesClientIdIsRefusedAndTheConnectionStaysOpenNotJoined() throws Exception {
        String id = Sessions.create("ab");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket mallory = RawSocket.open(RestAssured.port, id)) {
            assertThat(ada.resumeToken()).as("at least 128 random bits").hasSizeGreaterThanOrEqualTo(22);

            mallory.send(RawSocket.hello("ada", null));
            assertThat(mallory.expectError("CLIENT_ID_TAKEN").path("ref").asText()).isEqualTo("hello");
            mallory.send(RawSocket.hello("ada", "AAAAAAAAAAAAAAAAAAAAAA"));
            mallory.expectError("CLIENT_ID_TAKEN");
            mallory.send(push(0, "ada", Integer.MAX_VALUE, "[2,[0,\"!\"]]"));
            mallory.expectError("NOT_JOINED");

            // the connection is still usable: another clientId joins, without ever seeing Ada's token
            mallory.send(RawSocket.hello("mallory", null));
            JsonNode welcome = mallory.expect("welcome");
            assertThat(welcome.path("resumeToken").asText()).isNotEqualTo(ada.resumeToken());
            mallory.send(push(0, "ada", Integer.MAX_VALUE, "[2,[0,\"!\"]]"));
            mallory.expectError("FORBIDDEN");

            // Ada's work is intact and acknowledged only because it was applied
            ada.send(push(0, "ada", 1, "[2,[0,\"1\"]]"));
            assertThat(ada.await("ack").path("version").asInt()).isEqualTo(1);
            assertThat(Sessions.content(id)).isEqualTo("ab1");
        }
    }

    @Test
    void aResumeWithTheTokenReplacesTheOldConnectionWith4409() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada");
             RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            ada.send(push(0, "ada", 1, "[[0,\"x\"]]"));
            ada.await("ack");
            try (RawSocket again = RawSocket.resume(RestAssured.port, id, "ada", ada)) {
                assertThat(again.resumeToken()).as("the same for the whole life of the clientId").isEqualTo(ada.resumeToken());
                assertThat(ada.awaitCloseCode()).isEqualTo(4409);
                // the resumed client carries on with its own seq line
                again.send(push(1, "ada", 2, "[1,[0,\"y\"]]"));
                assertThat(again.await("ack").path("seq").asInt()).isEqualTo(2);
                assertThat(bob.await("updates").path("updates").get(0).path("seq").asInt()).isEqualTo(1);
                assertThat(bob.await("updates").path("updates").get(0).path("seq").asInt()).isEqualTo(2);
                // the replace was not a leave: nobody was told Ada left
                assertThat(bob.received()).noneMatch(m -> m.path("type").asText().equals("left"));
            }
        }
    }
}
