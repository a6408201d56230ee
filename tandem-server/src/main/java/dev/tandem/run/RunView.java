package dev.tandem.run;

import dev.tandem.run.queue.RunRecord;

import java.util.List;

/**
 * The run record of the wire contract ({@code GET /api/runs/{id}}); outcome and figures are null until the
 * run has finished. {@code message} (added) explains internal_error and the limit outcomes; {@code by} says
 * who pressed Run; {@code attempts} counts workers that took it. A run without a session (v1.1 "execute") has
 * {@code sessionId} and {@code version} null and reports its applied {@code limits} (null for session runs).
 * {@code files} (v1.1 "Several files") names the files that went in, the main file first, each with its version.
 * {@code queuePosition} (added) is the run's place in the queue while it waits (1: the next a worker takes),
 * and absent otherwise.
 */
public record RunView(String runId, String sessionId, String language, Integer version, RunStatus status,
                      RunOutcome outcome, Integer exitCode, String stdout, String stderr, String compileOutput,
                      Long timeMs, Long memoryKb, Boolean truncated, String message, String by, int attempts,
                      AppliedLimits limits, List<FileVersion> files,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                      Integer queuePosition) {

    /** The limits a run without a session runs under (after clamping to the server's). */
    public record AppliedLimits(long timeMs, int memoryMb) {}

    public static RunView of(RunRecord r) {
        boolean done = r.finished();
        boolean session = r.sessionId() != null;
        return new RunView(r.runId(), r.sessionId(), r.language(), session ? r.version() : null, r.status(), r.outcome(),
                r.exitCode(), r.stdout(), r.stderr(), r.compileOutput(), r.timeMs(), r.memoryKb(),
                done ? r.truncated() : null, r.message(), r.by(), r.attempts(),
                r.limits() == null ? null : new AppliedLimits(r.limits().timeMs(), r.limits().memoryMb()),
                FileVersion.of(r.files(), session), null);
    }

    /** The same record with its place in the queue (only for a run that waits; 0 = not in the queue any more). */
    public RunView withQueuePosition(int position) {
        return new RunView(runId, sessionId, language, version, status, outcome, exitCode, stdout, stderr, compileOutput,
                timeMs, memoryKb, truncated, message, by, attempts, limits, files, position > 0 ? position : null);
    }
}
