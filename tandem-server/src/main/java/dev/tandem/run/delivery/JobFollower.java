package dev.tandem.run.delivery;

import dev.tandem.run.RunPublisher;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Replays a job's events so far, then follows it live until its finished event. It subscribes before it reads
 * the record, holds live events back until the replay is out (so the order is kept) and drops events it
 * already sent. A periodic look at the record covers a live event lost on the way (a node leaving). Live
 * events are used as they come rather than re-reading the record for each: a run sends many output events.
 */
final class JobFollower {
    static final long RECHECK_MS = 2_000;

    private final String id;
    private final JobLog<?> log;
    private final Consumer<String> emit;
    private final Runnable complete;
    private final Set<String> sent = new HashSet<>();
    private List<String> heldBack = new ArrayList<>();
    private boolean done;
    private AutoCloseable subscription;
    private ScheduledFuture<?> recheck;

    JobFollower(String id, JobLog<?> log, Consumer<String> emit, Runnable complete) {
        this.id = id;
        this.log = log;
        this.emit = emit;
        this.complete = complete;
    }

    /** Replays from {@code record} (read by the caller after {@link #subscribe}) and follows. */
    void start(RunPublisher publisher, JobRecord record, ScheduledExecutorService timer) {
        synchronized (this) {
            if (subscription == null) subscription = publisher.follow(id, this::live);
        }
        catchUp(record);
        List<String> live;
        synchronized (this) {
            live = heldBack;
            heldBack = null;
        }
        live.forEach(this::send);
        synchronized (this) {
            if (!done) recheck = timer.scheduleWithFixedDelay(() -> catchUp(log.find().apply(id)), RECHECK_MS, RECHECK_MS, TimeUnit.MILLISECONDS);
        }
    }

    void subscribe(RunPublisher publisher) {
        synchronized (this) {
            subscription = publisher.follow(id, this::live);
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

    private void catchUp(JobRecord record) {
        if (record == null) {
            stop();
            return;
        }
        record.events().forEach(this::send);
    }

    private synchronized void send(String json) {
        if (done || !sent.add(json)) return;
        emit.accept(json);
        if (log.isFinishedEvent().test(json)) stop();
    }

    /** Ends the stream (finished, record gone, or the client left). */
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
