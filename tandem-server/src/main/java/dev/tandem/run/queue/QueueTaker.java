package dev.tandem.run.queue;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.collection.ItemEvent;
import com.hazelcast.collection.ItemListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.quarkus.logging.Log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one thread per kind of job on this node (runs, submissions) that takes job ids off a cluster queue for the
 * worker threads, and only while one of them waits for a job. It never parks an operation on the queue: it polls
 * without waiting when an item is offered anywhere in the cluster (an item listener), when a member joins or
 * leaves (a queue whose owner died goes on from its backup without an event), after a poll that found an id
 * (there may be more), and every {@value #CHECK_MS} ms while a worker waits (events are best effort). An idle
 * node so makes one cluster call per kind every 5 s, where each worker polling with a 1 s timeout made one
 * parked operation, a timeout and a response per second (docs/benchmarks.md, "Idle CPU of a single node").
 *
 * <p>At shutdown: this thread is never interrupted, so a poll always returns what it took. An id it takes after
 * {@link #stop} began, or one handed out that no worker picked up, goes back on the queue; the workers, interrupted
 * while they wait here, take nothing off the cluster. So a shutdown cannot take a queued job with it. (A poll with
 * a timeout ignores its thread's interrupt: it stays parked on the queue's partition until the timeout and takes
 * what is offered meanwhile; so a longer poll would both delay shutdown and take jobs for a stopping worker.)
 */
public final class QueueTaker implements WorkerLoop.Take {
    /** The longest a queued id can wait for an idle worker here when its event was lost. */
    static final long CHECK_MS = 5_000;
    /** How long a worker waits in {@link #next} before it goes round its loop (which checks it can run anything). */
    static final long WORKER_WAIT_MS = 5_000;
    /** After a poll that failed (not a shutdown), the next one waits this long. */
    static final long RETRY_MS = 1_000;
    private static final long STOP_WAIT_MS = 10_000;

    private final IQueue<String> queue;
    private final HazelcastInstance hazelcast;
    private final String kind;
    private final long checkNanos;
    private final long workerWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Ids taken off the queue for the workers waiting in {@link #next}, at most one each. */
    private final ArrayDeque<String> handed = new ArrayDeque<>();
    private int waiting;
    /** Something may be on the queue: true at start (ids queued before this node), on every event, after a hit. */
    private boolean maybeQueued = true;
    /** A poll is in flight: a worker whose wait is over stays until it ends, so what it takes has a taker. */
    private boolean polling;
    private boolean stopped;
    /** This thread ended because the member is gone: the workers end too. */
    private boolean gone;
    private long nextCheck = System.nanoTime();
    private long retryAt = nextCheck;
    private Thread thread;
    private UUID itemListener;
    private UUID memberListener;
    /** Polls answered (tests: that one had come back before they offer). */
    private final java.util.concurrent.atomic.AtomicLong polls = new java.util.concurrent.atomic.AtomicLong();

    /** @param kind names the thread, {@code tandem-<kind>-taker}, and the log lines */
    public QueueTaker(HazelcastInstance hazelcast, String queueName, String kind) {
        this(hazelcast, queueName, kind, CHECK_MS, WORKER_WAIT_MS);
    }

    /** With other periods (tests: a check period longer than the test shows that an offer alone wakes the taker). */
    QueueTaker(HazelcastInstance hazelcast, String queueName, String kind, long checkMs, long workerWaitMs) {
        this.hazelcast = hazelcast;
        this.queue = hazelcast.getQueue(queueName);
        this.kind = kind;
        this.checkNanos = TimeUnit.MILLISECONDS.toNanos(checkMs);
        this.workerWaitNanos = TimeUnit.MILLISECONDS.toNanos(workerWaitMs);
    }

    /** Listens for offers and members, and starts the thread. */
    public void start() {
        itemListener = queue.addItemListener(new ItemListener<>() {
            @Override
            public void itemAdded(ItemEvent<String> event) {
                wake(); // on a Hazelcast event thread: only a signal
            }

            @Override
            public void itemRemoved(ItemEvent<String> event) {
            }
        }, false);
        memberListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                wake();
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                wake();
            }
        });
        thread = new Thread(this::takeWhileRunning, "tandem-" + kind + "-taker");
        thread.setDaemon(true);
        thread.start();
    }

    private void wake() {
        lock.lock();
        try {
            maybeQueued = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A worker's wait for its next job: an id, or null after {@value #WORKER_WAIT_MS} ms with none. Interrupting
     * the waiting worker takes nothing off the cluster. Throws HazelcastInstanceNotActiveException once the
     * member is gone (the worker's loop ends).
     */
    @Override
    public String next() throws InterruptedException {
        lock.lock();
        try {
            waiting++;
            changed.signalAll();
            long deadline = System.nanoTime() + workerWaitNanos;
            while (true) {
                if (gone) throw new HazelcastInstanceNotActiveException();
                if (stopped) return null; // what was handed out goes back on the queue (stop)
                if (!handed.isEmpty()) return handed.poll();
                long left = deadline - System.nanoTime();
                if (left > 0) changed.awaitNanos(left);
                else if (polling) changed.await();
                else return null;
            }
        } finally {
            waiting--;
            lock.unlock();
        }
    }

    private void takeWhileRunning() {
        try {
            while (true) {
                if (!awaitWorkToDo()) return;
                String id = null;
                boolean failed = false;
                try {
                    id = queue.poll(); // never waits: nothing stays parked on the queue's partition
                    polls.incrementAndGet();
                } catch (HazelcastInstanceNotActiveException e) {
                    hand(null, false);
                    return; // the finally below ends the workers' waits
                } catch (RuntimeException e) {
                    Log.warnf("taking a %s from the queue failed: %s", kind, e.toString());
                    failed = true;
                }
                if (!hand(id, failed)) giveBack(List.of(id));
            }
        } catch (InterruptedException e) {
            // never interrupted by Tandem
        } finally {
            lock.lock();
            try {
                if (!stopped) gone = true; // the workers must not wait for a taker that is not there
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until a worker waits and something may be queued (or the periodic check is due); false once stopped. */
    private boolean awaitWorkToDo() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopped) return false;
                if (waiting <= handed.size()) {
                    changed.await(); // no worker free: nothing to take for
                    continue;
                }
                long now = System.nanoTime();
                long due = retryAt; // System.nanoTime values: compared by their difference only
                if (!maybeQueued && nextCheck - retryAt > 0) due = nextCheck;
                if (now - due >= 0) break;
                changed.awaitNanos(due - now);
            }
            maybeQueued = false; // an offer during the poll sets it again
            polling = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Hands a polled id to the waiting workers; false when stopped meanwhile (the id goes back). */
    private boolean hand(String id, boolean failed) {
        lock.lock();
        try {
            polling = false;
            long now = System.nanoTime();
            nextCheck = now + checkNanos;
            if (failed) {
                retryAt = now + TimeUnit.MILLISECONDS.toNanos(RETRY_MS);
                maybeQueued = true;
            }
            changed.signalAll();
            if (id == null) return true;
            if (stopped) return false;
            maybeQueued = true; // there may be more
            handed.add(id);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking, before the workers are interrupted: no worker gets an id from here on; a poll in flight is
     * waited for (at most {@value #STOP_WAIT_MS} ms) and what it took, and every id handed out but not picked
     * up, goes back on the queue.
     */
    public void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (itemListener != null) queue.removeItemListener(itemListener);
            if (memberListener != null) hazelcast.getCluster().removeMembershipListener(memberListener);
        } catch (RuntimeException e) {
            Log.debugf("removing the %s taker's listeners: %s", kind, e);
        }
        List<String> left;
        lock.lock();
        try {
            left = new ArrayList<>(handed);
            handed.clear();
        } finally {
            lock.unlock();
        }
        giveBack(left);
    }

    long polls() {
        return polls.get();
    }

    private void giveBack(List<String> ids) {
        for (String id : ids) {
            try {
                if (queue.offer(id)) Log.infof("%s %s: back on the queue (this node stopped before running it)", kind, id);
                else Log.errorf("%s %s: taken while this node stopped and the queue is full; it stays queued until "
                        + "tandem.run.max-queued-ms", kind, id);
            } catch (RuntimeException e) {
                Log.errorf("%s %s: taken while this node stopped and could not be put back: %s", kind, id, e.toString());
            }
        }
    }
}
