package dev.tandem.collab.authority;

import dev.tandem.collab.Rejection;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authority on a real two-member Hazelcast cluster (both members in this JVM, on loopback): pushes are
 * judged atomically on the owner, and the backup replica follows by receiving changes, not documents.
 */
class DocumentAuthorityTest {
    private static final CollabConfig LIMITS = new CollabConfig() {
        public int maxDocumentChars() { return 4 << 20; }
        public int historyUpdates() { return 100; }
        public long historyChars() { return 1 << 20; }
        public long maxDocumentBytes() { return 4 << 20; }
        public long pageBytes() { return 1 << 20; }
    };
    private static HazelcastInstance first;
    private static HazelcastInstance second;

    @BeforeAll
    static void cluster() {
        var members = dev.tandem.cluster.LoopbackMembers.pair("authority-test", config -> DocumentAuthority.configure(config, 1));
        first = members.first();
        second = members.second();
    }

    @AfterAll
    static void stop() {
        Hazelcast.shutdownAll();
    }

    private static Update insert(String client, int seq, int docLength, int at, String text) {
        return new Update(client, seq, ChangeSet.of(docLength, at, at, text));
    }

    private static PushResult push(DocumentAuthority authority, String id, int base, Update... updates) throws Exception {
        return authority.push(id, base, List.of(updates)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void acceptsConflictsAndSkipsResends() throws Exception {
        DocumentAuthority authority = new DocumentAuthority(first, LIMITS);
        authority.create("doc-a", "ab");
        assertThat(push(authority, "doc-a", 0, insert("ada", 1, 2, 1, "X"))).isInstanceOf(PushResult.Accepted.class);
        assertThat(push(authority, "doc-a", 0, insert("bob", 1, 2, 0, "Y"))).isEqualTo(new PushResult.Conflict(1));
        PushResult resend = push(authority, "doc-a", 1, insert("ada", 1, 3, 1, "X"));
        assertThat(resend).isEqualTo(new PushResult.Accepted(1, List.of(), 1));
        assertThat(push(authority, "doc-a", 5, insert("ada", 2, 3, 0, "Z"))).isInstanceOf(PushResult.Rejected.class);
        PushResult wrongLength = push(authority, "doc-a", 1, insert("ada", 2, 7, 0, "Z"));
        assertThat(((PushResult.Rejected) wrongLength).reason()).isEqualTo(Rejection.INVALID_CHANGES);
        assertThat(authority.snapshot("doc-a").toCompletableFuture().get()).isEqualTo(new Snapshot(1, "aXb"));
        // The other member sees the same document through its own authority.
        DocumentAuthority elsewhere = new DocumentAuthority(second, LIMITS);
        assertThat(elsewhere.snapshot("doc-a").toCompletableFuture().get()).isEqualTo(new Snapshot(1, "aXb"));
        PullResult pulled = elsewhere.pull("doc-a", 0).toCompletableFuture().get();
        assertThat(((PullResult.Updates) pulled).updates()).extracting(Update::clientId).containsExactly("ada");
    }

    /**
     * The JSON-bytes limit and pages travel with the processors and answers: from both members (one of them not the
     * document's owner), a push past the limit is refused and a long history comes in pages that say {@code more}.
     */
    @Test
    void theJsonLimitAndPagesHoldOnEitherMember() throws Exception {
        CollabConfig small = new CollabConfig() {
            public int maxDocumentChars() { return 4 << 20; }
            public int historyUpdates() { return 100; }
            public long historyChars() { return 1 << 20; }
            public long maxDocumentBytes() { return 600; }
            public long pageBytes() { return 200; }
        };
        for (HazelcastInstance member : List.of(first, second)) {
            DocumentAuthority authority = new DocumentAuthority(member, small);
            String id = "doc-pages-" + member.getName();
            authority.create(id, "");
            for (int i = 0; i < 5; i++) {
                assertThat(push(authority, id, i, insert("ada", i + 1, i * 100, i * 100, "x".repeat(100)))).isInstanceOf(PushResult.Accepted.class);
            }
            // 500 bytes of text: 20 control characters more would make 620 as JSON, though only 520 characters
            PushResult over = push(authority, id, 5, insert("ada", 6, 500, 500, "\u0001".repeat(20)));
            assertThat(((PushResult.Rejected) over).reason()).isEqualTo(Rejection.TOO_LARGE);

            PullResult.Updates page = (PullResult.Updates) authority.pullPage(id, 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(page.more()).isTrue();
            int at = page.updates().size();
            for (int pages = 1; page.more(); pages++) {
                assertThat(pages).as("bounded").isLessThan(10);
                page = (PullResult.Updates) authority.pullPage(id, at).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(page.fromVersion()).isEqualTo(at);
                at += page.updates().size();
            }
            assertThat(at).isEqualTo(5);
            assertThat(((PullResult.Updates) authority.pull(id, 0).toCompletableFuture().get()).more()).isFalse();
        }
    }

    @Test
    void concurrentPushesOnOneVersionAcceptExactlyOne() throws Exception {
        DocumentAuthority onFirst = new DocumentAuthority(first, LIMITS);
        DocumentAuthority onSecond = new DocumentAuthority(second, LIMITS);
        onFirst.create("doc-race", "");
        List<CompletableFuture<PushResult>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            DocumentAuthority via = i % 2 == 0 ? onFirst : onSecond;
            answers.add(via.push("doc-race", 0, List.of(insert("c" + i, 1, 0, 0, "x" + i))).toCompletableFuture());
        }
        int accepted = 0;
        for (CompletableFuture<PushResult> answer : answers) {
            PushResult r = answer.get(10, TimeUnit.SECONDS);
            if (r instanceof PushResult.Accepted) accepted++;
            else assertThat(r).isEqualTo(new PushResult.Conflict(1));
        }
        assertThat(accepted).isEqualTo(1);
        assertThat(onFirst.snapshot("doc-race").toCompletableFuture().get().content()).matches("x\\d+");
    }

    @Test
    void theBackupReceivesTheChangeNotTheDocument() {
        SerializationService serialization = ((SerializationServiceSupport) first).getSerializationService();
        String big = "z".repeat(1 << 20);
        DocumentState state = new DocumentState(big, 100, 1 << 20);
        PushProcessor processor = new PushProcessor(List.of(new PushRequest(0, List.of(insert("ada", 1, big.length(), 5, "hi")), 4 << 20)), 4 << 20, Long.MAX_VALUE);
        processor.process(new AbstractMap.SimpleEntry<>("doc", state));
        var backup = processor.getBackupProcessor();
        assertThat(backup).isInstanceOf(ApplyAcceptedProcessor.class);
        int wireSize = serialization.toData(backup).totalSize();
        assertThat(wireSize).as("bytes sent to the backup for a 2-character insert into a 1 MiB document").isLessThan(200);
        // A push that changes nothing sends no backup at all.
        PushProcessor stale = new PushProcessor(List.of(new PushRequest(0, List.of(insert("bob", 1, big.length(), 0, "x")), 4 << 20)), 4 << 20, Long.MAX_VALUE);
        stale.process(new AbstractMap.SimpleEntry<>("doc", state));
        assertThat(stale.getBackupProcessor()).isNull();
    }

    @Test
    void theBackupReplicaHasEveryAcceptedUpdateWhenTheOwnerDies() throws Exception {
        var members = dev.tandem.cluster.LoopbackMembers.pair("failover", config -> DocumentAuthority.configure(config, 1));
        HazelcastInstance a = members.first();
        HazelcastInstance b = members.second();
        try {
            DocumentAuthority authority = new DocumentAuthority(a, LIMITS);
            String id = "doc-failover";
            authority.create(id, "");
            StringBuilder expected = new StringBuilder();
            for (int v = 0; v < 300; v++) {
                String text = Integer.toString(v % 10);
                PushResult r = push(authority, id, v, insert("ada", v + 1, expected.length(), expected.length(), text));
                assertThat(r).isInstanceOf(PushResult.Accepted.class);
                expected.append(text);
            }
            HazelcastInstance owner = a.getPartitionService().getPartition(id).getOwner().getUuid()
                    .equals(a.getCluster().getLocalMember().getUuid()) ? a : b;
            HazelcastInstance survivor = owner == a ? b : a;
            owner.getLifecycleService().terminate(); // no graceful migration: only the backup replica is left
            Snapshot after = new DocumentAuthority(survivor, LIMITS).snapshot(id).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(after.version()).isEqualTo(300);
            assertThat(after.content()).isEqualTo(expected.toString());
        } finally {
            a.getLifecycleService().terminate();
            b.getLifecycleService().terminate();
        }
    }
}
