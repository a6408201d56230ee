package dev.tandem.judge;

import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Long poll and SSE of submissions. The record is the source of truth: the SSE stream re-reads it whenever a
 * live event of the submission arrives (and every second), and emits the events it has not sent yet (by seq),
 * so it never reorders or duplicates; it completes after submission.finished.
 */
@ApplicationScoped
public class SubmissionDelivery {
    private final SubmissionStore store;
    private final RunPublisher publisher;
    private final RunConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-submission-delivery");
        t.setDaemon(true);
        return t;
    });

    public SubmissionDelivery(SubmissionStore store, RunPublisher publisher, RunConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
    }

    public Multi<String> events(String id) {
        return Multi.createFrom().emitter(emitter -> {
            Follower f = new Follower(id, emitter);
            AutoCloseable sub = publisher.follow(id, json -> f.poke());
            ScheduledFuture<?> tick = timer.scheduleWithFixedDelay(f::poke, 1, 1, TimeUnit.SECONDS);
            emitter.onTermination(() -> {
                tick.cancel(false);
                close(sub);
            });
            f.poke();
        });
    }

    private final class Follower {
        final String id;
        final MultiEmitter<? super String> emitter;
        final AtomicBoolean scheduled = new AtomicBoolean();
        int sent;
        boolean over;

        Follower(String id, MultiEmitter<? super String> emitter) {
            this.id = id;
            this.emitter = emitter;
        }

        void poke() {
            if (!scheduled.compareAndSet(false, true)) return;
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                scheduled.set(false);
                drain();
            });
        }

        synchronized void drain() {
            if (over) return;
            SubmissionRecord r;
            try {
                r = store.find(id);
            } catch (RuntimeException e) {
                return; // the next tick tries again
            }
            if (r == null) {
                over = true;
                emitter.complete();
                return;
            }
            List<String> events = r.events;
            while (sent < events.size()) emitter.emit(events.get(sent++));
            if (r.finished()) {
                over = true;
                emitter.complete();
            }
        }
    }

    /** The record once finished, or as it is after waitMs (capped by tandem.run.max-wait-ms); null item: unknown. */
    public Uni<SubmissionRecord> await(String id, long waitMs) {
        long wait = Math.min(Math.max(0, waitMs), config.maxWaitMs());
        if (wait == 0) return Uni.createFrom().completionStage(store.findAsync(id));
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AutoCloseable sub = publisher.follow(id, json -> {
            if (SubmissionEvents.isFinished(json)) finished.complete(null);
        });
        return Uni.createFrom().completionStage(store.findAsync(id)).chain(first -> {
            if (first == null || first.finished()) return Uni.createFrom().item(first);
            return Uni.createFrom().completionStage(finished)
                    .ifNoItem().after(Duration.ofMillis(wait)).recoverWithItem((Void) null)
                    .chain(x -> Uni.createFrom().completionStage(store.findAsync(id)));
        }).eventually(() -> close(sub));
    }

    /** Sends a client that just joined the events so far of the session's latest submission (running or finished). */
    public void replayLatest(String sessionId, java.util.function.Consumer<String> send) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                String id = store.latest(sessionId);
                SubmissionRecord r = id == null ? null : store.find(id);
                if (r != null) r.events.forEach(send);
            } catch (RuntimeException e) {
                io.quarkus.logging.Log.debugf("replaying the latest submission of %s: %s", sessionId, e);
            }
        });
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to release
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
