package dev.tandem.run.delivery;

import dev.tandem.run.RunPublisher;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Run events for those who ask after the fact (SSE, long poll, a client joining mid-run), through the
 * delivery shared with submissions ({@link JobDelivery}); which runs a joining client is sent is said here.
 */
@ApplicationScoped
public class RunDelivery {
    private final RunStore store;
    private final JobDelivery delivery;
    private final JobLog<RunRecord> log;

    public RunDelivery(RunStore store, JobDelivery delivery) {
        this.store = store;
        this.delivery = delivery;
        this.log = new JobLog<>(store::find, store::findAsync, RunPublisher::isFinished);
    }

    /** The run's events so far, then live ones until run.finished (each item one event's JSON). */
    public Multi<String> events(String runId) {
        return delivery.events(log, runId);
    }

    /**
     * The record once the run has finished, or as it is after {@code waitMs} (capped by tandem.run.max-wait-ms);
     * null item for an unknown run.
     */
    public Uni<RunRecord> await(String runId, long waitMs) {
        return delivery.await(log, runId, waitMs);
    }

    /** Sends a client that just joined the events so far of the session's runs in flight, oldest run first. */
    public void replayActive(String sessionId, Consumer<String> send) {
        delivery.replay(() -> {
            List<String> active = store.activeRuns(sessionId);
            if (active.isEmpty()) return List.of();
            return store.findAll(new HashSet<>(active)).values().stream()
                    .sorted(Comparator.comparingLong(RunRecord::createdAt)).toList();
        }, send);
    }
}
