package dev.tandem.realtime;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The presence handler without a Quarkus boot (real Hazelcast member and fan-out, {@link RecordedSocket} clients). */
class PresenceHandlerTest {
    @RegisterExtension
    static final SingleMemberNode node = new SingleMemberNode();
    private static final PresenceHandler presence = new PresenceHandler(node.hub, new SocketReplies(SingleMemberNode.MAPPER));

    @Test
    void aCursorGoesToTheOthersWithTheSendersIdentityAndNotBackToTheSender() {
        SingleMemberNode.AliceAndBob two = node.aliceAndBob();

        presence.presence(two.aliceConnection(), new ClientMessage.Presence(new ServerMessage.Selection(3, 5), 0))
                .await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> two.bob().contains("\"type\":\"presence\""));
        assertThat(two.bob().texts).singleElement().satisfies(t -> assertThat(t)
                .contains("\"clientId\":\"alice\"").contains("\"anchor\":3").contains("\"head\":5"));
        assertThat(two.alice().texts).isEmpty();
    }
}
