package dev.tandem.run.delivery;

import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Gets a job's events to those who ask after the fact: the SSE stream of one job, the long poll of its record,
 * and a client that joins a session while jobs are under way. Runs and submissions share it: each keeps its
 * events' wire JSON in its record ({@link JobRecord}) and publishes every event on the followers' topic
 * ({@link RunPublisher}); what differs is said by a {@link JobLog}. Nothing here holds a thread while it waits.
 */
@ApplicationScoped
public class JobDelivery {
    private final RunPublisher publisher;
    private final RunConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-job-delivery");
        t.setDaemon(true);
        return t;
    });

    public JobDelivery(RunPublisher publisher, RunConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    /** The job's events so far, then live ones until its finished event (each item one event's JSON). */
    public <R extends JobRecord> Multi<String> events(JobLog<R> log, String id) {
        return Multi.createFrom().emitter(emitter -> {
            JobFollower follower = new JobFollower(id, log, emitter::emit, emitter::complete);
            emitter.onTermination(follower::stop);
            follower.subscribe(publisher);
            // the first read off the caller's thread: it may be the event loop
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    follower.start(publisher, log.find().apply(id), timer);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        });
    }

    /**
     * The record once the job has finished, or as it is after {@code waitMs} (capped by tandem.run.max-wait-ms);
     * null item for an unknown job.
     */
    public <R extends JobRecord> Uni<R> await(JobLog<R> log, String id, long waitMs) {
        return awaitUpTo(log, id, Math.min(waitMs, config.maxWaitMs()));
    }

    /** The same without the cap of tandem.run.max-wait-ms (a caller with a cap of its own). */
    public <R extends JobRecord> Uni<R> awaitUpTo(JobLog<R> log, String id, long waitMs) {
        long wait = Math.max(0, waitMs);
        if (wait == 0) return Uni.createFrom().completionStage(log.findAsync().apply(id));
        CompletableFuture<Void> finished = new CompletableFuture<>();
        // subscribed before the first read, so a finish between the read and the wait is not missed
        AutoCloseable subscription = publisher.follow(id, json -> {
            if (log.isFinishedEvent().test(json)) finished.complete(null);
        });
        return Uni.createFrom().completionStage(log.findAsync().apply(id)).chain(first -> {
            if (first == null || first.finished()) return Uni.createFrom().item(first);
            return Uni.createFrom().completionStage(finished)
                    .ifNoItem().after(Duration.ofMillis(wait)).recoverWithItem((Void) null)
                    .chain(x -> Uni.createFrom().completionStage(log.findAsync().apply(id)));
        }).eventually(() -> close(subscription));
    }

    /**
     * Sends a client that just joined the events so far of the records {@code records} reads (in that order),
     * off the caller's thread (it may be the event loop).
     */
    public void replay(Supplier<List<? extends JobRecord>> records, Consumer<String> send) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                records.get().forEach(r -> r.events().forEach(send));
            } catch (RuntimeException e) {
                Log.debugf("replaying events to a client that joined: %s", e);
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
