package dev.tandem.run.queue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.tandem.run.RunConfig;
import dev.tandem.run.SandboxImages;
import io.quarkus.logging.Log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The threads of one kind of worker on this node (runs, submissions): the worker threads, each running a
 * {@link WorkerLoop}, and the timer that renews their leases and runs the reaper. Started on a node with the
 * worker role; on shutdown the workers are interrupted (so their sandboxes remove their containers) and
 * joined. What a job is, and how it is claimed, renewed and reaped, is the caller's.
 */
public final class WorkerThreads {
    private static final long JOIN_MS = 15_000;

    private final String kind;
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private volatile boolean stopping;
    private volatile QueueTaker taker;

    /** @param kind names the threads: {@code tandem-<kind>-worker-N}, {@code tandem-<kind>-timer} */
    public WorkerThreads(String kind, int timerThreads) {
        this.kind = kind;
        this.timer = Executors.newScheduledThreadPool(timerThreads, r -> {
            Thread t = new Thread(r, "tandem-" + kind + "-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts {@code count} worker threads, each taking job ids and executing them until {@link #stop}
     * ({@code what}, {@code failed}: see {@link WorkerLoop#run}).
     */
    public void start(int count, String what, SandboxImages images, WorkerLoop.Take take, Consumer<String> execute,
                      BiConsumer<String, RuntimeException> failed) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> WorkerLoop.run(this::stopping, images, take, what, execute, failed),
                    "tandem-" + kind + "-worker-" + i);
            threads.add(t);
            t.start();
        }
    }

    /**
     * The {@link QueueTaker} of this kind's cluster queue, for {@link #start}: started now, stopped by {@link #stop}
     * before the workers are interrupted (so no job id leaves the queue with a stopping node).
     */
    public WorkerLoop.Take taker(HazelcastInstance hazelcast, String queueName) {
        taker = new QueueTaker(hazelcast, queueName, kind);
        taker.start();
        return taker;
    }

    /**
     * Renews this node's leases every third of {@code tandem.run.lease-ms} (so one late renewal does not lose
     * a lease) and runs the reaper every {@code tandem.run.reap-interval-ms}. A failure of either is logged and
     * the next round runs as planned (a scheduled task that throws would never run again).
     */
    public void scheduleLeases(RunConfig config, Runnable renew, Runnable reap) {
        long renewEvery = Math.max(100, config.leaseMs() / 3);
        timer.scheduleWithFixedDelay(guarded("lease renewal", renew), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("reaper", reap), config.reapIntervalMs(), config.reapIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (HazelcastInstanceNotActiveException e) {
                // shutting down
            } catch (RuntimeException e) {
                Log.warnf("%s %s failed: %s", kind, what, e.toString());
            }
        };
    }

    /** The timer, for the jobs' own timed work (e.g. output batching). */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** True once the node is shutting down: an interrupt then means stop, not a lost lease. */
    public boolean stopping() {
        return stopping;
    }

    /** Stops the timer and the taker, interrupts the workers and waits for each (at most 15 s) to end its job. */
    public void stop() {
        stopping = true;
        timer.shutdownNow();
        if (taker != null) taker.stop();
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(JOIN_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }
}
