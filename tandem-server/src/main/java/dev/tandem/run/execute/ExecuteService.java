package dev.tandem.run.execute;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.RunRefused;
import dev.tandem.run.RunResult;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Queues runs without a session on the same queue, workers and sandbox as session runs: a record with no
 * session (its limits, the hash of its run token, its callback), its {@code run.queued} event for followers,
 * then its id on the queue. Blocking (cluster calls); callers run it off the event loop.
 */
@ApplicationScoped
public class ExecuteService {

    /** One queued run: {@code {"runId","status":"queued","runToken"}}; the token is shown here only. */
    public record Queued(String runId, String status, String runToken) {}

    private final RunStore store;
    private final RunPublisher publisher;
    private final RunConfig config;
    private final RunCallbacks callbacks;

    public ExecuteService(RunStore store, RunPublisher publisher, RunConfig config, RunCallbacks callbacks) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.callbacks = callbacks;
    }

    /** @throws RunRefused RUN_UNAVAILABLE (503), QUEUE_FULL (429) */
    public Queued submit(ExecuteSpec spec) {
        runnable(List.of(spec));
        Queued queued = create(spec);
        if (!store.enqueue(queued.runId())) {
            queueFull(queued.runId(), false); // refused: the caller never learns this run, so no callback either
            throw new RunRefused(ErrorCode.QUEUE_FULL, 429, "the run queue is full (" + config.queueCapacity()
                    + " runs waiting); try again in a moment");
        }
        return queued;
    }

    /**
     * A batch, in order. Refused whole (nothing queued) when some language cannot run or the queue has no room for
     * all of them; a run that still meets a full queue (another request took the room meanwhile) finishes as
     * internal_error "the run queue is full", which its record says.
     */
    public List<Queued> submitAll(List<ExecuteSpec> specs) {
        runnable(specs);
        if (store.queued() + specs.size() > config.queueCapacity()) {
            throw new RunRefused(ErrorCode.QUEUE_FULL, 429, "the run queue has no room for " + specs.size()
                    + " more runs (capacity " + config.queueCapacity() + "); try again in a moment");
        }
        List<Queued> all = new ArrayList<>(specs.size());
        for (ExecuteSpec spec : specs) {
            Queued queued = create(spec);
            if (!store.enqueue(queued.runId())) queueFull(queued.runId(), true); // answered: its record says why
            all.add(queued);
        }
        return all;
    }

    private Queued create(ExecuteSpec spec) {
        String runId = RunStore.newRunId();
        RunTokens.Issued token = RunTokens.issue();
        RunRecord record = RunStore.newExecuteRecord(runId, spec.language().id(), spec.files(), spec.stdin(),
                spec.limits(), token.hash(), spec.callbackUrl());
        store.create(record);
        // followers only (no session): an SSE stream opened at once sees run.queued before run.started
        publisher.publish(null, runId, record.events().get(0));
        return new Queued(runId, "queued", token.token());
    }

    private void queueFull(String runId, boolean callBack) {
        RunRecord done = store.finishAny(runId, RunResult.internalError("the run queue is full"));
        if (done == null) return;
        publisher.publish(null, runId, done.events().get(done.events().size() - 1));
        if (callBack) callbacks.finished(done);
    }

    private void runnable(List<ExecuteSpec> specs) {
        Set<String> runnable = store.runnableLanguages();
        if (runnable.isEmpty()) {
            throw new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503, "code runs are unavailable: no worker node can reach "
                    + "a Docker engine");
        }
        Set<String> wanted = new LinkedHashSet<>();
        specs.forEach(s -> wanted.add(s.language().id()));
        for (String id : wanted) {
            if (!runnable.contains(id)) {
                throw new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503, "no worker can run " + id
                        + " (its sandbox image is missing: bash sandbox-images/build.sh " + id + ")");
            }
        }
    }
}
