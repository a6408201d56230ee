package dev.tandem.run.delivery;

import dev.tandem.run.RunPublisher;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Replays a run's events so far, then follows it live until run.finished. It subscribes before it reads
 * the record, holds live events back until the replay is out (so the order is kept) and drops events it
 * already sent. A periodic look at the record covers a live event lost on the way (a node leaving).
 */
final class RunFollower {
    static final long RECHECK_MS = 2_000;

    private final String runId;
    private final RunStore store;
    private final Consumer<String> emit;
    private final Runnable complete;
    private final Set<String> sent = new HashSet<>();
    private List<String> heldBack = new ArrayList<>();
    private boolean done;
    private AutoCloseable subscription;
    private ScheduledFuture<?> recheck;

    RunFollower(String runId, RunStore store, Consumer<String> emit, Runnable complete) {
        this.runId = runId;
        this.store = store;
        this.emit = emit;
        this.complete = complete;
    }

    /** Replays from {@code record} (read by the caller after {@link #subscribe}) and follows. */
    void start(RunPublisher publisher, RunRecord record, ScheduledExecutorService timer) {
        synchronized (this) {
            if (subscription == null) subscription = publisher.follow(runId, this::live);
        }
        catchUp(record);
        List<String> live;
        synchronized (this) {
            live = heldBack;
            heldBack = null;
        }
        live.forEach(this::send);
        synchronized (this) {
            if (!done) recheck = timer.scheduleWithFixedDelay(() -> catchUp(store.find(runId)), RECHECK_MS, RECHECK_MS, TimeUnit.MILLISECONDS);
        }
    }

    void subscribe(RunPublisher publisher) {
        synchronized (this) {
            subscription = publisher.follow(runId, this::live);
        }
    }

    private void live(String json) {
        synchronized (this) {
            if (heldBack != null) {
                heldBack.add(json);
                return;
            }
        }
        send(json);
    }

    private void catchUp(RunRecord record) {
        if (record == null) {
            stop();
            return;
        }
        record.events().forEach(this::send);
    }

    private synchronized void send(String json) {
        if (done || !sent.add(json)) return;
        emit.accept(json);
        if (RunPublisher.isFinished(json)) stop();
    }

    /** Ends the stream (finished, run gone, or the client left). */
    synchronized void stop() {
        if (done) return;
        done = true;
        if (recheck != null) recheck.cancel(false);
        try {
            if (subscription != null) subscription.close();
        } catch (Exception ignored) {
            // nothing to release
        }
        complete.run();
    }
}
