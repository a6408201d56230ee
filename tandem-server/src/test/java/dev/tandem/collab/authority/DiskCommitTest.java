package dev.tandem.collab.authority;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Rejection;
import dev.tandem.collab.Update;
import dev.tandem.storage.DocumentLog;
import dev.tandem.storage.Storage;
import dev.tandem.storage.StorageConfig.Durability;
import dev.tandem.storage.Storages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code disk} durability on a real two-member Hazelcast cluster, each member with its own log over a real H2
 * file: a push is acknowledged only once its update is committed, whether the pusher is on the owner or on the
 * other member, and while one document's commit is slow the partition goes on serving the other documents.
 *
 * <p>The slow commit is a gate in front of the real H2 store ({@link StorageGate}): a database that stalls a
 * commit exactly when told, and for exactly as long as the test needs, is not something a real server offers.
 */
class DiskCommitTest {
    private static final CollabConfig LIMITS = new CollabConfig() {
        public int maxDocumentChars() { return 4 << 20; }
        public int historyUpdates() { return 100; }
        public long historyChars() { return 1 << 20; }
    };
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static StorageGate firstGate;
    private static StorageGate secondGate;
    private static final List<DocumentLog> logs = new java.util.ArrayList<>();
    private static final List<Storage> stores = new java.util.ArrayList<>();

    @BeforeAll
    static void cluster() throws Exception {
        String name = "disk-commit-test-" + ProcessHandle.current().pid();
        int port = dev.tandem.cluster.LoopbackMembers.freeBasePort();
        firstGate = new StorageGate();
        secondGate = new StorageGate();
        first = Hazelcast.newHazelcastInstance(config(name, port, firstGate));
        second = Hazelcast.newHazelcastInstance(config(name, port, secondGate));
        assertThat(first.getCluster().getMembers()).hasSize(2);
    }

    private static Config config(String clusterName, int basePort, StorageGate gate) throws Exception {
        Config config = dev.tandem.cluster.LoopbackMembers.config(clusterName, basePort);
        DocumentAuthority.configure(config, 1);
        Storage h2 = Storages.embedded(Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "disk"), 4);
        stores.add(h2);
        DocumentLog log = new DocumentLog(gate.wrap(h2), Durability.DISK, 1000, 1000);
        logs.add(log);
        config.getUserContext().put(DocumentLog.CONTEXT_KEY, log);
        return config;
    }

    @AfterAll
    static void stop() {
        firstGate.open();
        secondGate.open();
        Hazelcast.shutdownAll();
        logs.forEach(DocumentLog::close);
        stores.forEach(Storage::close);
    }

    @AfterEach
    void reopen() {
        firstGate.open();
        secondGate.open();
    }

    @Test
    void aSlowCommitHoldsItsOwnAckButNotThePartitionsOtherDocuments() throws Exception {
        DocumentAuthority authority = new DocumentAuthority(first, LIMITS);
        String[] ids = twoDocumentsOnOnePartitionOwnedBy(first, "slow");
        authority.create(ids[0], "");
        authority.create(ids[1], "b");

        firstGate.close();
        CompletableFuture<PushResult> slow = authority.push(ids[0], 0, List.of(insert("ada", 1, 0, "x"))).toCompletableFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> firstGate.stalled() > 0); // its commit has begun and hangs

        // The same partition answers for the other document (before: its thread waited for the commit, up to 10 s).
        Snapshot other = authority.snapshot(ids[1]).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(other).isEqualTo(new Snapshot(0, "b"));
        PullResult pulled = authority.pull(ids[1], 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(pulled).isInstanceOf(PullResult.Updates.class);
        assertThat(slow).as("no ack before the commit").isNotDone();

        firstGate.open();
        assertThat(slow.get(30, TimeUnit.SECONDS)).isInstanceOf(PushResult.Accepted.class);
        assertThat(firstGate.inner().updates(ids[0], 0, 1)).as("committed when acknowledged").hasSize(1);
    }

    @Test
    void aPusherOnAnotherMemberIsAcknowledgedOnlyAfterTheOwnersCommit() throws Exception {
        DocumentAuthority owner = new DocumentAuthority(first, LIMITS);
        DocumentAuthority remote = new DocumentAuthority(second, LIMITS);
        String[] ids = twoDocumentsOnOnePartitionOwnedBy(first, "remote");
        owner.create(ids[0], "");
        owner.create(ids[1], "");

        firstGate.close();
        CompletableFuture<PushResult> pushed = remote.push(ids[0], 0, List.of(insert("bob", 1, 0, "y"))).toCompletableFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> firstGate.stalled() > 0);
        // A later call from the same member to the same partition has come back: the push's own answer, had it
        // been sent before the commit, would have come back first.
        assertThat(remote.version(ids[1]).toCompletableFuture().get(30, TimeUnit.SECONDS)).isZero();
        assertThat(pushed).as("no ack before the owner's commit").isNotDone();
        assertThat(secondGate.stalled()).as("the owner commits, not the pusher's member").isZero();

        firstGate.open();
        assertThat(pushed.get(30, TimeUnit.SECONDS)).isInstanceOf(PushResult.Accepted.class);
        assertThat(firstGate.inner().updates(ids[0], 0, 1)).hasSize(1);
        // A resend of the acknowledged update (on top of the version it made) is recognised, not applied twice.
        assertThat(remote.push(ids[0], 1, List.of(insert("bob", 1, 1, "y"))).toCompletableFuture().get(30, TimeUnit.SECONDS))
                .isEqualTo(new PushResult.Accepted(1, List.of(), 1));
    }

    @Test
    void anUnconfirmedCommitIsNotAcknowledged() {
        // The answer for a ticket the owner does not know (the document moved to another owner between the
        // push and the wait) is "push again", never an ack.
        DocumentAuthority owner = new DocumentAuthority(first, LIMITS);
        String id = twoDocumentsOnOnePartitionOwnedBy(first, "moved")[0];
        owner.create(id, "");
        var notMine = new AwaitCommitProcessor(1, second.getCluster().getLocalMember().getUuid());
        Boolean answer = first.<String, dev.tandem.collab.DocumentState>getMap(DocumentAuthority.MAP_NAME)
                .submitToKey(id, notMine).toCompletableFuture().join();
        assertThat(answer).isFalse();
        PushResults unconfirmed = new PushResults(List.of(new PushResult.Accepted(0, List.of(), 1)), 1, null).unconfirmed();
        assertThat(((PushResult.Rejected) unconfirmed.results().get(0)).reason()).isEqualTo(Rejection.NOT_DURABLE);
    }

    private static Update insert(String client, int seq, int docLength, String text) {
        return new Update(client, seq, ChangeSet.of(docLength, 0, 0, text));
    }

    /** Two fresh document ids in one partition whose owner is {@code member}. */
    private static String[] twoDocumentsOnOnePartitionOwnedBy(HazelcastInstance member, String prefix) {
        var partitions = member.getPartitionService();
        var local = member.getCluster().getLocalMember();
        for (int i = 0; i < 100_000; i++) {
            String a = prefix + "-a-" + i;
            if (!local.equals(partitions.getPartition(a).getOwner())) continue;
            int partition = partitions.getPartition(a).getPartitionId();
            for (int j = 0; j < 100_000; j++) {
                String b = prefix + "-b-" + j;
                if (partitions.getPartition(b).getPartitionId() == partition) return new String[] {a, b};
            }
        }
        throw new IllegalStateException("no two ids on one partition of " + local);
    }

    /** The real store behind a switch: while closed, an append (the commit) waits until it opens (at most 60 s). */
    static final class StorageGate {
        private final Object lock = new Object();
        private boolean closed;
        private final AtomicInteger stalled = new AtomicInteger();
        private Storage inner;

        Storage wrap(Storage storage) {
            this.inner = storage;
            return (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("append")) passGate();
                        try {
                            return method.invoke(storage, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        Storage inner() {
            return inner;
        }

        private void passGate() throws InterruptedException {
            synchronized (lock) {
                if (!closed) return;
                stalled.incrementAndGet();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (closed && System.nanoTime() < deadline) TimeUnit.NANOSECONDS.timedWait(lock, deadline - System.nanoTime());
            }
        }

        /** How many commits have waited at the closed gate since it was last closed. */
        int stalled() {
            return stalled.get();
        }

        void close() {
            synchronized (lock) {
                closed = true;
                stalled.set(0);
            }
        }

        void open() {
            synchronized (lock) {
                closed = false;
                lock.notifyAll();
            }
        }
    }
}
