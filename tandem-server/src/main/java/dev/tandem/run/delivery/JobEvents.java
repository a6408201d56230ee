package dev.tandem.run.delivery;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One kind of job's events (runs, submissions) for those who ask after the fact: the SSE stream of one job, the
 * long poll of its record and the replay to a client that joins its session, all through the one
 * {@link JobDelivery}. A kind says where its records are and which event ends a job ({@link JobLog}), and which
 * of a session's records a joining client is sent.
 */
public class JobEvents<R extends JobRecord> {
    private final JobDelivery delivery;
    private final JobLog<R> log;
    private final Function<String, List<R>> joinerSees;

    /** @param joinerSees a session id → the records whose events so far a joining client gets, in order (blocking) */
    protected JobEvents(JobDelivery delivery, JobLog<R> log, Function<String, List<R>> joinerSees) {
        this.delivery = delivery;
        this.log = log;
        this.joinerSees = joinerSees;
    }

    /** Whether the job has a record (blocking). */
    public boolean exists(String id) {
        return log.find().apply(id) != null;
    }

    /** The job's events so far, then live ones until its finished event (each item one event's JSON). */
    public Multi<String> events(String id) {
        return delivery.events(log, id);
    }

    /**
     * The record once the job has finished, or as it is after {@code waitMs} (capped by tandem.run.max-wait-ms);
     * null item for an unknown job.
     */
    public Uni<R> await(String id, long waitMs) {
        return delivery.await(log, id, waitMs);
    }

    /** The same, waiting up to {@code waitMs} whatever tandem.run.max-wait-ms says (the caller has its own cap). */
    public Uni<R> awaitUpTo(String id, long waitMs) {
        return delivery.awaitUpTo(log, id, waitMs);
    }

    /** Sends a client that just joined its session the events so far of the jobs it should see, off the caller's thread. */
    public void replay(String sessionId, Consumer<String> send) {
        delivery.replay(() -> joinerSees.apply(sessionId), send);
    }
}
