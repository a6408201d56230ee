package dev.tandem.realtime;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The presence handler without a Quarkus boot (real Hazelcast member and fan-out, {@link RecordedSocket} clients). */
class PresenceHandlerTest {
    private static SingleMemberNode node;
    private static PresenceHandler presence;

    @BeforeAll
    static void start() {
        node = new SingleMemberNode();
        presence = new PresenceHandler(node.hub, new SocketReplies(SingleMemberNode.MAPPER));
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void aCursorGoesToTheOthersWithTheSendersIdentityAndNotBackToTheSender() {
        String session = node.newSession();
        RecordedSocket alice = new RecordedSocket();
        RecordedSocket bob = new RecordedSocket();
        ClientConnection aliceConnection = node.joined(session, "alice", alice);
        node.joined(session, "bob", bob);

        presence.presence(aliceConnection, new ClientMessage.Presence(new ServerMessage.Selection(3, 5), 0))
                .await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> bob.contains("\"type\":\"presence\""));
        assertThat(bob.texts).singleElement().satisfies(t -> assertThat(t)
                .contains("\"clientId\":\"alice\"").contains("\"anchor\":3").contains("\"head\":5"));
        assertThat(alice.texts).isEmpty();
    }
}
