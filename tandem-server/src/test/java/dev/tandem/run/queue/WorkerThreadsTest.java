package dev.tandem.run.queue;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.tandem.run.RunSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timer shared by run and judge workers: a lease renewal or reaper round that fails (a cluster call that
 * threw, the member going away) must not end the renewals, or every job on the node would lose its lease and be
 * run again elsewhere, and dead workers' jobs would never be reaped.
 */
class WorkerThreadsTest {

    @Test
    void renewalsAndReapsGoOnAfterTheyFail() {
        WorkerThreads threads = new WorkerThreads("test", 2);
        AtomicInteger renewals = new AtomicInteger();
        AtomicInteger reaps = new AtomicInteger();
        try {
            threads.scheduleLeases(RunSettings.defaults().withLease(300, 50), () -> {
                renewals.incrementAndGet();
                throw new IllegalStateException("cluster call failed");
            }, () -> {
                if (reaps.incrementAndGet() == 1) throw new HazelcastInstanceNotActiveException();
                throw new IllegalStateException("reaper failed");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> renewals.get() >= 3 && reaps.get() >= 3);
        } finally {
            threads.stop();
        }
        assertThat(threads.stopping()).isTrue();
        assertThat(threads.timer().isShutdown()).isTrue();
    }
}
