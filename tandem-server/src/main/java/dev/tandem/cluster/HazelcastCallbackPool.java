package dev.tandem.cluster;

import com.hazelcast.internal.util.ConcurrencyUtil;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives Hazelcast a fixed pool for the callbacks of its futures on small machines.
 *
 * <p>Why: Hazelcast runs the dependents of the futures it returns ({@code submitToKey}, {@code getAsync},
 * {@code publishAsync}...) on its default async executor, which is {@code ForkJoinPool.commonPool()} only when
 * that pool's parallelism is above 1. Otherwise (on any 2-core machine, where the common pool has
 * parallelism 1) it starts a new {@code Thread} for every callback. A JFR profile of the edit load on such a
 * machine showed about 460 thread starts per second at 2,000 edits/s (every push, ack and fan-out). With two
 * or more common-pool threads Hazelcast's own choice is kept.
 */
final class HazelcastCallbackPool {
    private static boolean installed;

    private HazelcastCallbackPool() {
    }

    static synchronized void installIfNeeded() {
        if (installed || ForkJoinPool.getCommonPoolParallelism() > 1) return;
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "tandem-hz-callback-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ConcurrencyUtil.setDefaultAsyncExecutor(pool);
        installed = true;
    }
}
