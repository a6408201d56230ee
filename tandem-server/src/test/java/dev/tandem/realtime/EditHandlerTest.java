package dev.tandem.realtime;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;
import dev.tandem.metrics.EditMeters;
import dev.tandem.protocol.ClientMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The edit handler without a Quarkus boot, on a real Hazelcast member with the real authority and fan-out;
 * the client sockets are {@link RecordedSocket}s (ProtocolTest covers the same answers over real sockets).
 */
class EditHandlerTest {
    private static SingleMemberNode node;
    private static EditHandler editing;

    @BeforeAll
    static void start() {
        node = new SingleMemberNode();
        editing = new EditHandler(node.authority, node.hub, new SocketReplies(SingleMemberNode.MAPPER),
                new EditMeters(new SimpleMeterRegistry()));
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
    }

    @Test
    void ownPushIsAckedAndReachesTheOthersInTheSession() {
        String session = node.newSession();
        RecordedSocket alice = new RecordedSocket();
        RecordedSocket bob = new RecordedSocket();
        ClientConnection aliceConnection = node.joined(session, "alice", alice);
        node.joined(session, "bob", bob);

        editing.push(aliceConnection, new ClientMessage.Push(0,
                List.of(new Update("alice", 1, ChangeSet.of(0, 0, 0, "hi"))))).await().atMost(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> alice.contains("\"type\":\"ack\"") && bob.contains("\"type\":\"updates\""));
        assertThat(alice.texts).anySatisfy(t -> assertThat(t).contains("\"type\":\"ack\"").contains("\"seq\":1").contains("\"version\":1"));
        assertThat(node.authority.snapshot(session).toCompletableFuture().join().content()).isEqualTo("hi");
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
