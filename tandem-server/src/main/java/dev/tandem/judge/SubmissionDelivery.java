package dev.tandem.judge;

import dev.tandem.run.delivery.JobDelivery;
import dev.tandem.run.delivery.JobLog;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Consumer;

/**
 * Submission events for those who ask after the fact (SSE, long poll, a client joining), through the delivery
 * shared with runs ({@link JobDelivery}); a joining client is sent the session's latest submission only.
 */
@ApplicationScoped
public class SubmissionDelivery {
    private final SubmissionStore store;
    private final JobDelivery delivery;
    private final JobLog<SubmissionRecord> log;

    public SubmissionDelivery(SubmissionStore store, JobDelivery delivery) {
        this.store = store;
        this.delivery = delivery;
        this.log = new JobLog<>(store::find, store::findAsync, SubmissionEvents::isFinished);
    }

    /** The submission's events so far, then live ones until submission.finished (each item one event's JSON). */
    public Multi<String> events(String id) {
        return delivery.events(log, id);
    }

    /** The record once finished, or as it is after waitMs (capped by tandem.run.max-wait-ms); null item: unknown. */
    public Uni<SubmissionRecord> await(String id, long waitMs) {
        return delivery.await(log, id, waitMs);
    }

    /** Sends a client that just joined the events so far of the session's latest submission (running or finished). */
    public void replayLatest(String sessionId, Consumer<String> send) {
        delivery.replay(() -> {
            SubmissionRecord latest = store.find(store.latest(sessionId));
            return latest == null ? List.of() : List.of(latest);
        }, send);
    }
}
