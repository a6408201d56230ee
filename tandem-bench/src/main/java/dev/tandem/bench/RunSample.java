package dev.tandem.bench;

/**
 * One measured run: nanoseconds from submit until the queued answer, the first output and the end, each
 * {@link #NONE} when it never came (or, for the queued answer, when the path has none: a bare docker run).
 * {@code failure} is null for a run that ended with exit code 0 and the expected output.
 */
record RunSample(long queuedNanos, long firstOutputNanos, long finishedNanos, RunFailure failure) {
    static final long NONE = -1;

    static RunSample failed(RunFailure.Kind kind, String detail) {
        return new RunSample(NONE, NONE, NONE, new RunFailure(kind, detail));
    }
}
