package dev.tandem.run;

import dev.tandem.run.queue.RunRecord;

/**
 * The run record of the wire contract ({@code GET /api/runs/{id}}); outcome and figures are null until the
 * run has finished. {@code message} (added) explains internal_error and the limit outcomes; {@code by} says
 * who pressed Run; {@code attempts} counts workers that took it. A run without a session (v1.1 "execute") has
 * {@code sessionId} and {@code version} null and reports its applied {@code limits} (null for session runs).
 */
public record RunView(String runId, String sessionId, String language, Integer version, RunStatus status,
                      RunOutcome outcome, Integer exitCode, String stdout, String stderr, String compileOutput,
                      Long timeMs, Long memoryKb, Boolean truncated, String message, String by, int attempts,
                      AppliedLimits limits) {

    /** The limits a run without a session runs under (after clamping to the server's). */
    public record AppliedLimits(long timeMs, int memoryMb) {}

    public static RunView of(RunRecord r) {
        boolean done = r.finished();
        boolean session = r.sessionId() != null;
        return new RunView(r.runId(), r.sessionId(), r.language(), session ? r.version() : null, r.status(), r.outcome(),
                r.exitCode(), r.stdout(), r.stderr(), r.compileOutput(), r.timeMs(), r.memoryKb(),
                done ? r.truncated() : null, r.message(), r.by(), r.attempts(),
                r.limits() == null ? null : new AppliedLimits(r.limits().timeMs(), r.limits().memoryMb()));
    }
}
