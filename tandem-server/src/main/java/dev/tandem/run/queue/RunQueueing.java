package dev.tandem.run.queue;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.RunRefused;
import dev.tandem.run.RunResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How a new run gets onto the cluster's queue, for session runs ({@link RunService}) and runs without a session
 * ({@code run.execute.ExecuteService}): the record first, then its {@code run.queued} to the session (or to its
 * followers only) before any worker can take it, so run.queued always comes before run.started; then its id on
 * the queue, or, when the queue is full, the run finished as internal_error. Blocking (cluster calls).
 */
@ApplicationScoped
public class RunQueueing {
    @Inject RunStore store;
    @Inject RunPublisher publisher;
    @Inject RunConfig config;

    /** The same over parts put together by hand (a test that builds the run path without the container). */
    public static RunQueueing of(RunStore store, RunPublisher publisher, RunConfig config) {
        RunQueueing queueing = new RunQueueing();
        queueing.store = store;
        queueing.publisher = publisher;
        queueing.config = config;
        return queueing;
    }

    /** Writes the record and publishes its {@code run.queued}. */
    public void create(RunRecord record) {
        store.create(record);
        publisher.publish(record.sessionId(), record.runId(), record.events().get(0));
    }

    /**
     * Puts the run on the queue; true when queued. When the queue is full the run finishes as internal_error "the
     * run queue is full" (published, and {@code finished} gets the record unless someone finished it meanwhile)
     * and its session's count is released.
     */
    public boolean enqueue(RunRecord record, Consumer<RunRecord> finished) {
        if (store.enqueue(record.runId())) return true;
        RunRecord done = store.finishAny(record.runId(), RunResult.internalError("the run queue is full"));
        if (done != null) {
            publisher.publish(done.sessionId(), done.runId(), done.events().get(done.events().size() - 1));
            finished.accept(done);
        }
        store.release(record.sessionId(), List.of(record.runId()));
        return false;
    }

    /** 429 QUEUE_FULL unless the queue has room for {@code runs} more (a batch is queued whole or not at all). */
    public void roomFor(int runs) {
        if (store.queued() + runs > config.queueCapacity()) {
            throw new RunRefused(ErrorCode.QUEUE_FULL, 429, "the run queue has no room for " + runs
                    + " more runs (capacity " + config.queueCapacity() + "); try again in a moment");
        }
    }

    /** 429 QUEUE_FULL for one run that met a full queue. */
    public RunRefused queueFull() {
        return new RunRefused(ErrorCode.QUEUE_FULL, 429, "the run queue is full (" + config.queueCapacity()
                + " runs waiting); try again in a moment");
    }

    /** Languages some live worker can run; none at all: 503 RUN_UNAVAILABLE, "{@code why}" saying what to do. */
    public Set<String> runnableLanguages(String why) {
        Set<String> runnable = store.runnableLanguages();
        if (runnable.isEmpty()) {
            throw new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503, "code runs are unavailable: no worker node can reach "
                    + "a Docker engine" + why);
        }
        return runnable;
    }
}
