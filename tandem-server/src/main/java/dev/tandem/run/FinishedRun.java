package dev.tandem.run;

/**
 * A run this node's worker finished, as a CDI event: whoever counts runs (the {@code tandem.runs} meters) observes
 * it, so the run pipeline does not depend on the metrics that watch it (no {@code run} ↔ {@code metrics} cycle).
 *
 * @param timeMs the sandbox's wall time of the program
 */
public record FinishedRun(RunOutcome outcome, long timeMs) {
}
