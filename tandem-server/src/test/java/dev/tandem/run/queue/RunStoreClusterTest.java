package dev.tandem.run.queue;

import com.hazelcast.core.HazelcastInstance;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunSettings;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunResult;
import dev.tandem.run.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run transitions on a real two-member cluster (both in this JVM, on loopback), so every processor and
 * record crosses the wire: a run is claimed by exactly one member, only the holder writes to it, and the
 * reaper of either member re-queues an expired lease once, then finishes it.
 */
class RunStoreClusterTest {
    private static final int QUEUE_CAPACITY = 5;
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private static RunStore a;
    private static RunStore b;

    @BeforeAll
    static void cluster() {
        var members = dev.tandem.cluster.LoopbackMembers.pair("run-store-test", config -> RunStore.configure(config, 1, CONFIG));
        first = members.first();
        second = members.second();
        a = new RunStore(first);
        b = new RunStore(second);
    }

    @AfterAll
    static void stop() {
        first.shutdown();
        second.shutdown();
    }

    private static String queuedRun() {
        String runId = RunStore.newRunId();
        a.create(RunStore.newRecord(runId, "session", "python", 3, "print(1)\n", "", "ada"));
        return runId;
    }

    private static long in(long ms) {
        return System.currentTimeMillis() + ms;
    }

    @Test
    void eachRunIsClaimedByExactlyOneMember() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 40; i++) {
                String runId = queuedRun();
                CompletableFuture<RunRecord> byA = CompletableFuture.supplyAsync(() -> a.claim(runId, in(10_000)), pool);
                CompletableFuture<RunRecord> byB = CompletableFuture.supplyAsync(() -> b.claim(runId, in(10_000)), pool);
                RunRecord ra = byA.get();
                RunRecord rb = byB.get();
                assertThat(ra == null ^ rb == null).as("exactly one claim wins").isTrue();
                RunRecord won = ra != null ? ra : rb;
                String winner = ra != null ? a.nodeId() : b.nodeId();
                assertThat(won.status()).isEqualTo(RunStatus.RUNNING);
                assertThat(won.attempts()).isEqualTo(1);
                assertThat(b.find(runId).leaseOwner()).isEqualTo(winner);
                assertThat(won.events()).hasSize(2); // run.queued, run.started
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onlyTheHolderRenewsWritesOutputAndFinishes() {
        String runId = queuedRun();
        assertThat(a.claim(runId, in(10_000))).isNotNull();
        assertThat(b.renew(runId, in(10_000))).isFalse();
        assertThat(b.appendOutput(runId, "stdout", "not mine", "{}")).isFalse();
        assertThat(b.finishHeld(runId, RunResult.internalError("not mine"))).isNull();
        assertThat(a.renew(runId, in(10_000))).isTrue();
        assertThat(a.appendOutput(runId, "stdout", "1\n", "{\"type\":\"run.output\",\"seq\":1}")).isTrue();
        assertThat(b.find(runId).stdout()).isEqualTo("1\n");

        RunResult ok = new RunResult(RunOutcome.OK, 0, "1\n", "", "", 12, 3000L, false, null);
        RunRecord done = a.finishHeld(runId, ok);
        assertThat(done).isNotNull();
        assertThat(done.events()).last().asString().contains("\"type\":\"run.finished\"");
        RunRecord seen = b.find(runId);
        assertThat(seen.finished()).isTrue();
        assertThat(seen.outcome()).isEqualTo(RunOutcome.OK);
        assertThat(seen.timeMs()).isEqualTo(12);
        assertThat(a.finishAny(runId, RunResult.internalError("again"))).as("finished once only").isNull();
    }

    @Test
    void anExpiredLeaseIsRequeuedOnceThenFinishedByEitherReaper() {
        String runId = queuedRun();
        assertThat(a.claim(runId, in(10_000))).isNotNull();
        assertThat(b.reap(System.currentTimeMillis(), 1, 600_000)).doesNotContainKey(runId);

        a.expireLease(runId);
        assertThat(b.reap(System.currentTimeMillis(), 1, 600_000)).containsEntry(runId, RunProcessors.Reaped.REQUEUED);
        assertThat(a.reap(System.currentTimeMillis(), 1, 600_000)).as("only one reaper wins").doesNotContainKey(runId);
        RunRecord requeued = a.find(runId);
        assertThat(requeued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(requeued.leaseOwner()).isNull();

        assertThat(b.claim(runId, in(10_000)).attempts()).isEqualTo(2);
        b.expireLease(runId);
        assertThat(a.unfinishedIds()).as("the reaper's index while it runs").contains(runId);
        assertThat(a.reap(System.currentTimeMillis(), 1, 600_000)).containsEntry(runId, RunProcessors.Reaped.FINISHED);
        RunRecord dead = b.find(runId);
        assertThat(dead.outcome()).isEqualTo(RunOutcome.INTERNAL_ERROR);
        assertThat(dead.message()).contains("the node running it stopped");
        // the record was changed in place by an entry processor (in-memory format OBJECT): the index must follow
        assertThat(a.unfinishedIds()).as("finished, out of the index").doesNotContain(runId);
        assertThat(b.unfinishedIds()).doesNotContain(runId);
    }

    @Test
    void aRunQueuedTooLongIsFinished() {
        String runId = queuedRun();
        assertThat(b.reap(System.currentTimeMillis() + 700_000, 1, 600_000)).containsEntry(runId, RunProcessors.Reaped.FINISHED);
        assertThat(a.find(runId).message()).contains("waited in the queue");
    }

    @Test
    void theQueueIsBoundedAndThePerSessionLimitHoldsAcrossMembers() throws Exception {
        List<String> taken = new ArrayList<>();
        while (a.take(0, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
            // empty it (other tests do not queue, but be sure)
        }
        for (int i = 0; i < QUEUE_CAPACITY; i++) assertThat((i % 2 == 0 ? a : b).enqueue("run-" + i)).isTrue();
        assertThat(b.enqueue("one too many")).isFalse();
        for (int i = 0; i < QUEUE_CAPACITY; i++) taken.add(b.take(1, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(taken).containsExactly("run-0", "run-1", "run-2", "run-3", "run-4");

        assertThat(a.admit("s1", "r1", 2)).isTrue();
        assertThat(b.admit("s1", "r2", 2)).isTrue();
        assertThat(a.admit("s1", "r3", 2)).isFalse();
        b.release("s1", List.of("r1"));
        assertThat(a.admit("s1", "r3", 2)).isTrue();
        assertThat(b.activeRuns("s1")).containsExactly("r2", "r3");
    }

    private static final RunConfig CONFIG = RunSettings.defaults().withQueueCapacity(QUEUE_CAPACITY).withConcurrency(2)
            .withLease(10_000, 5_000);
}
