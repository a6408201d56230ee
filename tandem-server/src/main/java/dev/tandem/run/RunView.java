package dev.tandem.run;

import dev.tandem.run.queue.RunRecord;

/**
 * The run record of the wire contract ({@code GET /api/runs/{id}}); outcome and figures are null until the
 * run has finished. {@code message} (added) explains internal_error and the limit outcomes; {@code by} says
 * who pressed Run; {@code attempts} counts workers that took it.
 */
public record RunView(String runId, String sessionId, String language, int version, RunStatus status,
                      RunOutcome outcome, Integer exitCode, String stdout, String stderr, String compileOutput,
                      Long timeMs, Long memoryKb, Boolean truncated, String message, String by, int attempts) {

    public static RunView of(RunRecord r) {
        boolean done = r.finished();
        return new RunView(r.runId(), r.sessionId(), r.language(), r.version(), r.status(), r.outcome(),
                r.exitCode(), r.stdout(), r.stderr(), r.compileOutput(), r.timeMs(), r.memoryKb(),
                done ? r.truncated() : null, r.message(), r.by(), r.attempts());
    }
}
