package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.protocol.ClientMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Joining without a Quarkus boot, against the real session store, identities and fan-out on one Hazelcast member
 * ({@link JobParts}); the sockets are {@link RecordedSocket}s (IdentityTest and ProtocolTest cover the same over
 * real sockets). Written against what a client sees, so that it holds whatever the welcome gains.
 */
class JoinHandlerTest {
    @RegisterExtension
    static final JobParts parts = new JobParts();
    private static final JoinHandler joining = new JoinHandler(parts.node.authority, parts.sessions, parts.node.hub,
            parts.gate, parts.identities, parts.runDelivery, parts.submissionDelivery, parts.replies, "test-node");

    /** Says hello and waits until the client has been answered (a welcome or an error). */
    private static ClientConnection hello(RecordedSocket socket, String session, String clientId, String name, String token) {
        ClientConnection connection = JobParts.admitted(socket, session, "10.0.0.1", false);
        joining.hello(connection, new ClientMessage.Hello(clientId, name, token)).await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> message(socket, "welcome").isPresent() || message(socket, "error").isPresent());
        return connection;
    }

    private static Optional<JsonNode> message(RecordedSocket socket, String type) {
        return socket.texts.stream().map(JoinHandlerTest::json).filter(m -> m.path("type").asText().equals(type)).findFirst();
    }

    private static JsonNode json(String text) {
        try {
            return SingleMemberNode.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void helloIsAnsweredWithTheDocumentAndTheOthersSeeTheNewcomer() {
        String session = parts.newSession("print('hi')\n");
        RecordedSocket ada = new RecordedSocket();
        ClientConnection adaConnection = hello(ada, session, "ada", "Ada", null);

        JsonNode welcome = message(ada, "welcome").orElseThrow();
        assertThat(welcome.path("clientId").asText()).isEqualTo("ada");
        assertThat(welcome.path("version").asInt()).isZero();
        assertThat(welcome.path("content").asText()).isEqualTo("print('hi')\n");
        assertThat(welcome.path("resumeToken").asText()).as("only this client's, to resume with").isNotBlank();
        assertThat(welcome.path("participants").findValuesAsText("clientId")).containsExactly("ada");
        assertThat(adaConnection.hasJoined()).isTrue();

        RecordedSocket bob = new RecordedSocket();
        hello(bob, session, "bob", "Bob", null);
        assertThat(message(bob, "welcome").orElseThrow().path("participants").findValuesAsText("clientId")).containsExactlyInAnyOrder("ada", "bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> message(ada, "joined").isPresent());
        assertThat(message(ada, "joined").orElseThrow().path("name").asText()).isEqualTo("Bob");
        assertThat(message(bob, "joined")).as("the newcomer is not told about itself").isEmpty();
    }

    /** Attack (issue 13 item 5): saying hello with somebody else's clientId to push in their name. */
    @Test
    void aTakenClientIdIsRefusedUntilItsResumeTokenComesWithIt() {
        String session = parts.newSession("");
        RecordedSocket ada = new RecordedSocket();
        hello(ada, session, "ada", "Ada", null);
        String token = message(ada, "welcome").orElseThrow().path("resumeToken").asText();

        RecordedSocket mallory = new RecordedSocket();
        ClientConnection impostor = hello(mallory, session, "ada", "Mallory", null);
        JsonNode error = message(mallory, "error").orElseThrow();
        assertThat(error.path("code").asText()).isEqualTo("CLIENT_ID_TAKEN");
        assertThat(error.path("ref").asText()).isEqualTo("hello");
        assertThat(impostor.hasJoined()).as("not joined: it can say hello again with another clientId").isFalse();
        assertThat(message(mallory, "welcome")).isEmpty();

        // Ada herself, reconnecting with her token, is welcomed back as the same participant.
        RecordedSocket again = new RecordedSocket();
        hello(again, session, "ada", "Ada", token);
        JsonNode welcome = message(again, "welcome").orElseThrow();
        assertThat(welcome.path("clientId").asText()).isEqualTo("ada");
        assertThat(welcome.path("participants").findValuesAsText("clientId")).containsExactly("ada");
    }

    @Test
    void aSecondHelloOnOneConnectionIsABadMessage() {
        String session = parts.newSession("");
        RecordedSocket ada = new RecordedSocket();
        ClientConnection connection = hello(ada, session, "ada", "Ada", null);
        ada.texts.clear();
        joining.hello(connection, new ClientMessage.Hello("ada2", "Ada")).await().atMost(Duration.ofSeconds(10));
        JsonNode error = message(ada, "error").orElseThrow();
        assertThat(error.path("code").asText()).isEqualTo("BAD_MESSAGE");
        assertThat(connection.clientId()).isEqualTo("ada");
    }

    @Test
    void aFullSessionRefusesOneMoreParticipant() {
        String session = parts.newSession("");
        for (int i = 0; i < JobParts.PARTICIPANTS_PER_SESSION; i++) hello(new RecordedSocket(), session, "p" + i, "P" + i, null);
        RecordedSocket late = new RecordedSocket();
        hello(late, session, "late", "Late", null);
        assertThat(message(late, "error").orElseThrow().path("code").asText()).isEqualTo("SESSION_FULL");
        assertThat(message(late, "welcome")).isEmpty();
        assertThat(parts.sessions.findAsync(session).toCompletableFuture().join()).isNotNull();
    }

    @Test
    void leavingTellsTheOthers() {
        String session = parts.newSession("");
        RecordedSocket ada = new RecordedSocket();
        hello(ada, session, "ada", "Ada", null);
        RecordedSocket bob = new RecordedSocket();
        ClientConnection bobConnection = hello(bob, session, "bob", "Bob", null);

        joining.leave(bobConnection);
        await().atMost(Duration.ofSeconds(10)).until(() -> message(ada, "left").isPresent());
        assertThat(message(ada, "left").orElseThrow().path("clientId").asText()).isEqualTo("bob");
    }
}
