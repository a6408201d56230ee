package dev.tandem.realtime;

import dev.tandem.access.ClientIdentities;
import dev.tandem.access.IpRateLimits;
import dev.tandem.access.LimitsConfig;
import dev.tandem.access.SocketGate;
import dev.tandem.judge.SubmissionDelivery;
import dev.tandem.judge.SubmissionStore;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.delivery.JobDelivery;
import dev.tandem.run.delivery.RunDelivery;
import dev.tandem.run.queue.JobIntake;
import dev.tandem.run.queue.RunService;
import dev.tandem.run.queue.RunStore;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * What the join and job handlers work with, on a {@link SingleMemberNode}: the real session store, identities,
 * run store, delivery and run service on the member, and the real per-address limits. The only parts left out
 * are those the two handlers never call (link resolution, connection slots, tokens: {@link SocketGate}'s
 * admission, tested by the access tests); no worker runs here, so a run is queued and stays queued.
 */
final class JobParts implements AutoCloseable, AfterAllCallback {
    static final int RUNS_PER_IP_PER_MINUTE = 3;
    static final int PARTICIPANTS_PER_SESSION = 3;

    static final RunConfig RUNS = new RunConfig() {
        public int queueCapacity() { return 16; }
        public int maxPerSession() { return 8; }
        public int concurrency() { return 1; }
        public long leaseMs() { return 10_000; }
        public long reapIntervalMs() { return 1_000; }
        public int maxRequeues() { return 1; }
        public long maxQueuedMs() { return 60_000; }
        public int recordTtlSeconds() { return 600; }
        public long outputBatchMs() { return 20; }
        public Optional<String> dockerHost() { return Optional.empty(); }
        public long maxWaitMs() { return 30_000; }
        public long interactiveWallMs() { return 60_000; }
        public long interactiveIdleMs() { return 30_000; }
    };

    static final LimitsConfig LIMITS = new LimitsConfig() {
        public long bytesPerSecond() { return 1 << 20; }
        public long byteBurst() { return 1 << 20; }
        public int connectionsPerIp() { return 100; }
        public int participantsPerSession() { return PARTICIPANTS_PER_SESSION; }
        public int sessionsPerIpPerMinute() { return 100; }
        public int runsPerIpPerMinute() { return RUNS_PER_IP_PER_MINUTE; }
        public int readsPerIpPerMinute() { return 100; }
        public int maxTrackedIps() { return 1_000; }
    };

    final SingleMemberNode node = new SingleMemberNode(config -> { // SessionStore: SingleMemberNode configures it
        RunStore.configure(config, 0, RUNS);
        SubmissionStore.configure(config, 0, RUNS);
    });
    final SessionStore sessions = new SessionStore(node.hazelcast);
    final ClientIdentities identities = new ClientIdentities(node.hazelcast);
    final SocketGate gate = new SocketGate(null, null, new IpRateLimits(LIMITS), LIMITS, null);
    final RunStore runStore = new RunStore(node.hazelcast);
    final RunPublisher publisher = new RunPublisher(node.hub, node.hazelcast);
    final JobDelivery delivery = new JobDelivery(publisher, RUNS);
    final RunDelivery runDelivery = new RunDelivery(runStore, delivery);
    final SubmissionDelivery submissionDelivery = new SubmissionDelivery(new SubmissionStore(node.hazelcast, RUNS), delivery);
    final RunService runs = new RunService(new JobIntake(sessions, node.authority, new dev.tandem.session.FileTable(node.hazelcast)), runStore, publisher, RUNS);
    final SocketReplies replies = new SocketReplies(SingleMemberNode.MAPPER);

    /** A new python session: its document and its record. */
    String newSession(String content) {
        String id = java.util.UUID.randomUUID().toString();
        node.authority.create(id, content);
        sessions.save(new SessionInfo(id, "python", "test", System.currentTimeMillis()));
        return id;
    }

    /** A connection admitted to {@code session} from {@code ip} (what SocketGate does before hello), not yet joined. */
    static ClientConnection admitted(RecordedSocket socket, String session, String ip, boolean viewer) {
        ClientConnection connection = socket.connection(session);
        connection.admit(session, session, viewer, ip, null, null);
        return connection;
    }

    /** As a test class's {@code @RegisterExtension static} field: closed after its last test. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        node.close();
    }
}
