package dev.tandem.realtime;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;
import dev.tandem.metrics.EditMeters;
import dev.tandem.protocol.ClientMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edit handler without a Quarkus boot, on a real Hazelcast member with the real authority and fan-out;
 * the client sockets are {@link RecordedSocket}s (ProtocolTest covers the same answers over real sockets).
 */
class EditHandlerTest {
    @RegisterExtension
    static final SingleMemberNode node = new SingleMemberNode();
    private static final EditHandler editing = new EditHandler(node.authority, node.hub,
            new SocketReplies(SingleMemberNode.MAPPER), new EditMeters(new SimpleMeterRegistry()));

    @Test
    void ownPushIsAckedAndReachesTheOthersInTheSession() {
        SingleMemberNode.AliceAndBob two = node.aliceAndBob();

        editing.push(two.aliceConnection(), new ClientMessage.Push(0,
                List.of(new Update("alice", 1, ChangeSet.of(0, 0, 0, "hi"))))).await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> two.alice().contains("\"type\":\"ack\"") && two.bob().contains("\"type\":\"updates\""));
        assertThat(two.alice().texts).anySatisfy(t -> assertThat(t).contains("\"type\":\"ack\"").contains("\"seq\":1").contains("\"version\":1"));
        assertThat(node.authority.snapshot(two.session()).toCompletableFuture().join().content()).isEqualTo("hi");
    }

    /** Attack: a participant pushes edits in another participant's name (forged authorship, or a seq collision). */
    @Test
    void pushInAnotherClientsNameIsForbiddenAndChangesNothing() {
        String session = node.newSession();
        RecordedSocket mallory = new RecordedSocket();
        ClientConnection connection = node.joined(session, "mallory", mallory);

        editing.push(connection, new ClientMessage.Push(0,
                List.of(new Update("alice", 1, ChangeSet.of(0, 0, 0, "forged"))))).await().atMost(Duration.ofSeconds(5));

        assertThat(mallory.texts).singleElement().satisfies(t -> assertThat(t)
                .contains("\"type\":\"error\"").contains("FORBIDDEN").contains("\"ref\":\"push\""));
        var snapshot = node.authority.snapshot(session).toCompletableFuture().join();
        assertThat(snapshot.version()).isZero();
        assertThat(snapshot.content()).isEmpty();
    }
}
