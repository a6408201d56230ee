package dev.tandem.run.queue;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.cluster.LoopbackMembers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's side of a job queue (runs and submissions) on a real two-member cluster in this JVM: a job offered
 * on any member reaches a worker waiting on the other at once, by the offer's event alone (the periodic check is
 * set longer than the test), jobs queued before the node started are taken, and a node that stops takes nothing
 * offered after it stopped. (A poll with a timeout does not end when its thread is interrupted: tried on Hazelcast
 * 5.7, a 30 s poll interrupted after 1 s returned null after its 30 s, parked on the queue's partition all along, where
 * it would have taken a job offered meanwhile for a worker that is shutting down.)
 */
class QueueTakerTest {
    private static final long NEVER_MS = TimeUnit.MINUTES.toMillis(10);
    private static HazelcastInstance first;
    private static HazelcastInstance second;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private String queueName;
    private QueueTaker taker;

    @BeforeAll
    static void cluster() {
        var members = LoopbackMembers.pair("queue-taker-test", config -> { });
        first = members.first();
        second = members.second();
    }

    @AfterAll
    static void stopCluster() {
        first.shutdown();
        second.shutdown();
    }

    @BeforeEach
    void freshQueue() {
        queueName = "jobs-" + UUID.randomUUID();
    }

    @AfterEach
    void stopWorkers() {
        if (taker != null) taker.stop();
        workers.shutdownNow();
    }

    private QueueTaker startTaker(long workerWaitMs) {
        taker = new QueueTaker(second, queueName, "test", NEVER_MS, workerWaitMs);
        taker.start();
        return taker;
    }

    @Test
    void aJobOfferedOnAnyMemberReachesAWaitingWorkerByItsEventAlone() throws Exception {
        startTaker(NEVER_MS);
        Future<String> worker = workers.submit(taker::next);
        // the poll a worker's arrival makes has come back empty; the next one is due in 10 minutes
        await().atMost(Duration.ofSeconds(30)).until(() -> taker.polls() >= 1);
        assertThat(worker).isNotDone();

        first.getQueue(queueName).offer("job-1");

        assertThat(worker.get(30, TimeUnit.SECONDS)).isEqualTo("job-1");
        assertThat(first.getQueue(queueName)).isEmpty();
    }

    @Test
    void jobsQueuedBeforeTheNodeStartedAreTakenInOrder() throws Exception {
        IQueue<String> queue = first.getQueue(queueName);
        for (int i = 0; i < 3; i++) assertThat(queue.offer("job-" + i)).isTrue();
        startTaker(NEVER_MS);

        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) taken.add(workers.submit(taker::next).get(30, TimeUnit.SECONDS));

        assertThat(taken).containsExactly("job-0", "job-1", "job-2");
        assertThat(queue).isEmpty();
    }

    @Test
    void aWorkerWithNothingToDoGoesBackToItsLoop() throws Exception {
        startTaker(200); // its loop checks that the node can still run anything, then waits again
        assertThat(workers.submit(taker::next).get(30, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aStoppedNodeTakesNothingOfferedAfterItStopped() throws Exception {
        startTaker(NEVER_MS);
        CompletableFuture<Thread> waiting = new CompletableFuture<>();
        Future<String> worker = workers.submit(() -> {
            waiting.complete(Thread.currentThread());
            return taker.next();
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> taker.polls() >= 1);

        // what WorkerThreads.stop does: the taker first, then the workers are interrupted
        taker.stop();
        waiting.get(30, TimeUnit.SECONDS).interrupt();
        assertThat(worker.get(30, TimeUnit.SECONDS)).isNull();
        first.getQueue(queueName).offer("late-1");
        second.getQueue(queueName).offer("late-2");

        IQueue<String> queue = first.getQueue(queueName);
        assertThat(queue).containsExactly("late-1", "late-2");
    }
}
