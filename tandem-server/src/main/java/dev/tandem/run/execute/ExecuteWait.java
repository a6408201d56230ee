package dev.tandem.run.execute;

import dev.tandem.run.RunPublisher;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/runs?wait=true}: the record once the run has finished, or as it is after
 * {@code tandem.run.wait-max-ms}. Follows the run's events (the cluster's followers' topic: the run may finish on
 * any node) and reads the record asynchronously; no thread waits.
 */
@ApplicationScoped
public class ExecuteWait {
    private final RunStore store;
    private final RunPublisher publisher;
    private final ExecuteConfig config;

    public ExecuteWait(RunStore store, RunPublisher publisher, ExecuteConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
    }

    public Uni<RunRecord> await(String runId) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        // followed before the first read, so a finish between the read and the wait is not missed
        AutoCloseable following = publisher.follow(runId, json -> {
            if (RunPublisher.isFinished(json)) finished.complete(null);
        });
        return Uni.createFrom().completionStage(store.findAsync(runId)).chain(first -> {
            if (first == null || first.finished()) return Uni.createFrom().item(first);
            return Uni.createFrom().completionStage(finished)
                    .ifNoItem().after(Duration.ofMillis(config.waitMaxMs())).recoverWithItem((Void) null)
                    .chain(x -> Uni.createFrom().completionStage(store.findAsync(runId)));
        }).eventually(() -> {
            try {
                following.close();
            } catch (Exception ignored) {
                // nothing to release
            }
        });
    }
}
