package dev.tandem.judge;

/**
 * A submission this node's judge finished, as a CDI event: whoever counts verdicts (the
 * {@code tandem.judge.verdicts} meters) observes it, so the judge does not depend on the metrics that watch it
 * (no {@code judge} ↔ {@code metrics} cycle; the same way as {@code run.FinishedRun}).
 */
public record JudgedSubmission(Verdict verdict) {
}
