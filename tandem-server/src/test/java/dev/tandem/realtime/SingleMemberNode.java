package dev.tandem.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.cluster.LoopbackMembers;
import dev.tandem.collab.authority.CollabConfig;
import dev.tandem.collab.authority.DocumentAuthority;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the socket's handlers work with on one node, for tests without a Quarkus boot: a real Hazelcast member, the authority and the fan-out. */
final class SingleMemberNode implements AutoCloseable, AfterAllCallback {
    static final ObjectMapper MAPPER = new ObjectMapper();

    final HazelcastInstance hazelcast;
    final DocumentAuthority authority;
    final SessionHub hub;

    SingleMemberNode() {
        this(config -> {});
    }

    /** With more of the member's configuration ({@code configure} of the stores a test uses). */
    SingleMemberNode(java.util.function.Consumer<com.hazelcast.config.Config> more) {
        var config = LoopbackMembers.config("handler-test-" + UUID.randomUUID(), dev.tandem.cluster.LoopbackMembers.freePort());
        DocumentAuthority.configure(config, 0);
        dev.tandem.session.SessionStore.configure(config, 0);
        more.accept(config);
        hazelcast = Hazelcast.newHazelcastInstance(config);
        authority = new DocumentAuthority(hazelcast, new CollabConfig() {
            public int maxDocumentChars() { return 1 << 20; }
            public int historyUpdates() { return 100; }
            public long historyChars() { return 1 << 20; }
            public long maxDocumentBytes() { return 4 << 20; }
            public long pageBytes() { return 1 << 20; }
        });
        hub = new SessionHub(hazelcast, authority, RecordedSocket.CONFIG, MAPPER,
                new FileIndexes(new dev.tandem.session.SessionStore(hazelcast), new dev.tandem.session.FileTable(hazelcast)));
    }

    String newSession() {
        String id = UUID.randomUUID().toString();
        assertThat(authority.create(id, "")).isTrue();
        return id;
    }

    /** A connection that has said hello and been welcomed at version 0; what it was sent so far is forgotten. */
    ClientConnection joined(String session, String clientId, RecordedSocket socket) {
        ClientConnection connection = socket.connection(session);
        connection.identify(clientId, clientId, "#000000");
        hub.attach(connection);
        connection.welcome("{\"type\":\"welcome\"}", 0);
        socket.texts.clear();
        return connection;
    }

    /** A new empty session that alice and bob have joined, each on a recorded socket. */
    AliceAndBob aliceAndBob() {
        String session = newSession();
        RecordedSocket alice = new RecordedSocket();
        RecordedSocket bob = new RecordedSocket();
        ClientConnection aliceConnection = joined(session, "alice", alice);
        joined(session, "bob", bob);
        return new AliceAndBob(session, alice, aliceConnection, bob);
    }

    record AliceAndBob(String session, RecordedSocket alice, ClientConnection aliceConnection, RecordedSocket bob) {}

    /** As a test class's {@code @RegisterExtension static} field: closed after its last test. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
