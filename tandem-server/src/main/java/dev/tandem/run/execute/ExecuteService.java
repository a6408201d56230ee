package dev.tandem.run.execute;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.RunRefused;
import dev.tandem.run.queue.RunQueueing;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    @Inject RunQueueing queueing;
    @Inject RunCallbacks callbacks;

    /** @throws RunRefused RUN_UNAVAILABLE (503), QUEUE_FULL (429) */
    public Queued submit(ExecuteSpec spec) {
        runnable(List.of(spec));
        Created created = create(spec);
        // refused: the caller never learns this run, so no callback either
        if (!queueing.enqueue(created.record(), done -> {})) throw queueing.queueFull();
        return created.queued();
    }

    /**
     * A batch, in order. Refused whole (nothing queued) when some language cannot run or the queue has no room for
     * all of them; a run that still meets a full queue (another request took the room meanwhile) finishes as
     * internal_error "the run queue is full", which its record says.
     */
    public List<Queued> submitAll(List<ExecuteSpec> specs) {
        runnable(specs);
        queueing.roomFor(specs.size());
        List<Queued> all = new ArrayList<>(specs.size());
        for (ExecuteSpec spec : specs) {
            Created created = create(spec);
            queueing.enqueue(created.record(), callbacks::finished); // answered: its record says why
            all.add(created.queued());
        }
        return all;
    }

    private record Created(RunRecord record, Queued queued) {}

    private Created create(ExecuteSpec spec) {
        String runId = RunStore.newRunId();
        RunTokens.Issued token = RunTokens.issue();
        RunRecord record = RunStore.newExecuteRecord(runId, spec.language().id(), spec.files(), spec.stdin(),
                spec.limits(), token.hash(), spec.callbackUrl());
        // followers only (no session): an SSE stream opened at once sees run.queued before run.started
        queueing.create(record);
        return new Created(record, new Queued(runId, "queued", token.token()));
    }

    private void runnable(List<ExecuteSpec> specs) {
        Set<String> runnable = queueing.runnableLanguages("");
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
