package dev.tandem.run.delivery;

import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Gets run events to those who ask after the fact: the SSE stream of a run, the long poll of its record, and
 * a client that joins a session while runs are in flight. Nothing here holds a thread while it waits.
 */
@ApplicationScoped
public class RunDelivery {
    private final RunStore store;
    private final RunPublisher publisher;
    private final RunConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-run-delivery");
        t.setDaemon(true);
        return t;
    });

    public RunDelivery(RunStore store, RunPublisher publisher, RunConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
    }

    /** The run's events so far, then live ones until run.finished (each item one event's JSON). */
    public Multi<String> events(String runId) {
        return Multi.createFrom().emitter(emitter -> {
            RunFollower follower = new RunFollower(runId, store, emitter::emit, emitter::complete);
            emitter.onTermination(follower::stop);
            follower.subscribe(publisher);
            // the first read off the caller's thread: it may be the event loop
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    follower.start(publisher, store.find(runId), timer);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }

    /**
     * The record once the run has finished, or as it is after {@code waitMs} (capped by tandem.run.max-wait-ms);
     * null item for an unknown run.
     */
    public Uni<RunRecord> await(String runId, long waitMs) {
        long wait = Math.min(Math.max(0, waitMs), config.maxWaitMs());
        if (wait == 0) return Uni.createFrom().completionStage(store.findAsync(runId));
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AutoCloseable subscription = publisher.follow(runId, json -> {
            if (RunPublisher.isFinished(json)) finished.complete(null);
        });
        return Uni.createFrom().completionStage(store.findAsync(runId)).chain(first -> {
            if (first == null || first.finished()) return Uni.createFrom().item(first);
            return Uni.createFrom().completionStage(finished)
                    .ifNoItem().after(Duration.ofMillis(wait)).recoverWithItem((Void) null)
                    .chain(x -> Uni.createFrom().completionStage(store.findAsync(runId)));
        }).eventually(() -> close(subscription));
    }

    /** Sends a client that just joined the events so far of the session's runs in flight. */
    public void replayActive(String sessionId, Consumer<String> send) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            List<String> active = store.activeRuns(sessionId);
            if (active.isEmpty()) return;
            Map<String, RunRecord> records = store.findAll(new HashSet<>(active));
            records.values().stream()
                    .sorted(java.util.Comparator.comparingLong(RunRecord::createdAt))
                    .forEach(r -> r.events().forEach(send));
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
