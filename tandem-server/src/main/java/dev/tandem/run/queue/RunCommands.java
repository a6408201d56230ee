package dev.tandem.run.queue;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.RunRefused;
import dev.tandem.run.RunResult;
import dev.tandem.run.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * v1.1 "Interactive runs" from any node: {@code run.input}, {@code run.eof} and {@code run.cancel} (socket and
 * REST). Input is accepted into the run record, atomically with the checks (so it is never accepted for a run
 * that ended or after EOF, and every typist's input keeps its order), and the worker holding the run is
 * signalled to take it. A cancel finishes the record at once, takes a queued run off the queue, and signals
 * the worker to kill the container. Blocking (cluster calls); callers run it off the event loop.
 */
@ApplicationScoped
public class RunCommands {
    /** The most a {@code run.input} may carry ({@code data} in UTF-8). */
    public static final int MAX_INPUT_BYTES = 65_536;

    @Inject RunStore store;
    @Inject RunPublisher publisher;
    @Inject RunSignals signals;

    /**
     * Appends {@code data} to an interactive run's stdin.
     *
     * @param sessionId the session the caller may edit (the run must be one of its runs); null when the caller
     *                  was authorised for this run otherwise (a run token)
     * @throws RunRefused NO_SUCH_RUN, FORBIDDEN, RUN_FINISHED, NOT_INTERACTIVE, STDIN_CLOSED, TOO_LARGE or (no data) BAD_MESSAGE
     */
    public void input(String sessionId, String runId, String data, String by, String clientId) {
        String invalid = null;
        if (data == null) invalid = "BAD_MESSAGE";
        else if (data.length() > MAX_INPUT_BYTES / 3 && data.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            invalid = "TOO_LARGE";
        }
        RunRecord.PendingInput input = new RunRecord.PendingInput(invalid != null ? "" : data, by, clientId, false);
        accept(sessionId, runId, input, invalid);
    }

    /** Closes an interactive run's stdin (refusals as for {@link #input}). */
    public void eof(String sessionId, String runId, String by, String clientId) {
        accept(sessionId, runId, new RunRecord.PendingInput("", by, clientId, true), null);
    }

    private void accept(String sessionId, String runId, RunRecord.PendingInput input, String invalid) {
        String refused = store.acceptInput(sessionId, runId, input, invalid);
        if (refused != null) throw refusal(refused, runId);
        signals.send(runId, RunSignals.Kind.INPUT);
    }

    /**
     * Stops a queued or running run, interactive or not: it finishes as cancelled now (everyone gets
     * run.finished), and the worker running it kills its container.
     *
     * @throws RunRefused NO_SUCH_RUN, FORBIDDEN or RUN_FINISHED
     */
    public void cancel(String sessionId, String runId, String by) {
        RunRecord before = sessionId != null ? owned(sessionId, runId) : store.find(runId);
        if (before == null) throw refusal("NO_SUCH_RUN", runId);
        if (before.finished()) throw refusal("RUN_FINISHED", runId);
        RunResult cancelled = new RunResult(RunOutcome.CANCELLED, null, "", "", "", 0, null, false,
                "cancelled by " + by);
        RunRecord done = store.finishAny(runId, cancelled);
        if (done == null) throw refusal("RUN_FINISHED", runId);
        if (before.status() == RunStatus.QUEUED) store.dequeue(runId);
        signals.send(runId, RunSignals.Kind.CANCEL);
        List<String> events = done.events();
        publisher.publish(done.sessionId(), runId, events.get(events.size() - 1));
        if (done.sessionId() != null) store.release(done.sessionId(), List.of(runId));
    }

    /** The run, when it is one of the session's runs; NO_SUCH_RUN for an unknown run, FORBIDDEN for another's. */
    private RunRecord owned(String sessionId, String runId) {
        RunRecord record = store.find(runId);
        if (record == null) throw refusal("NO_SUCH_RUN", runId);
        if (!sessionId.equals(record.sessionId())) {
            throw new RunRefused(ErrorCode.FORBIDDEN, 403, "run " + runId + " is not a run of this session");
        }
        return record;
    }

    private static RunRefused refusal(String code, String runId) {
        return switch (code) {
            case "NO_SUCH_RUN" -> new RunRefused(ErrorCode.NO_SUCH_RUN, 404, "no run '" + runId + "'");
            case "RUN_FINISHED" -> new RunRefused(ErrorCode.RUN_FINISHED, 409, "run " + runId + " has finished");
            case "NOT_INTERACTIVE" -> new RunRefused(ErrorCode.NOT_INTERACTIVE, 409,
                    "run " + runId + " was started without interactive; its stdin was given up front");
            case "STDIN_CLOSED" -> new RunRefused(ErrorCode.STDIN_CLOSED, 409, "run " + runId + " has had run.eof");
            case "TOO_LARGE" -> new RunRefused(ErrorCode.TOO_LARGE, 413,
                    "run.input data is limited to " + MAX_INPUT_BYTES + " bytes of UTF-8");
            case "BAD_MESSAGE" -> new RunRefused(ErrorCode.BAD_MESSAGE, 400, "run.input needs a string \"data\"");
            case "FORBIDDEN" -> new RunRefused(ErrorCode.FORBIDDEN, 403, "run " + runId + " is not a run of this session");
            default -> new RunRefused(code, 409, "run " + runId + ": " + code);
        };
    }
}
