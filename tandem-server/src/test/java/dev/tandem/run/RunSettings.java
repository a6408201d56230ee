package dev.tandem.run;

import java.util.Optional;

/**
 * {@code tandem.run.*} as plain values, for tests that build a store or the worker timer without Quarkus (which
 * would fill {@link RunConfig} from configuration): the defaults of those tests, and a wither for each value
 * some test changes.
 */
public record RunSettings(int queueCapacity, int maxPerSession, int concurrency, long leaseMs, long reapIntervalMs,
                          int maxRequeues, long maxQueuedMs, int recordTtlSeconds, long outputBatchMs,
                          Optional<String> dockerHost, long maxWaitMs) implements RunConfig {

    public static RunSettings defaults() {
        return new RunSettings(100, 2, 1, 15_000, 5_000, 1, 600_000, 3600, 30, Optional.empty(), 30_000);
    }

    public RunSettings withQueueCapacity(int n) {
        return new RunSettings(n, maxPerSession, concurrency, leaseMs, reapIntervalMs, maxRequeues, maxQueuedMs,
                recordTtlSeconds, outputBatchMs, dockerHost, maxWaitMs);
    }

    public RunSettings withConcurrency(int n) {
        return new RunSettings(queueCapacity, maxPerSession, n, leaseMs, reapIntervalMs, maxRequeues, maxQueuedMs,
                recordTtlSeconds, outputBatchMs, dockerHost, maxWaitMs);
    }

    public RunSettings withLease(long leaseMs, long reapIntervalMs) {
        return new RunSettings(queueCapacity, maxPerSession, concurrency, leaseMs, reapIntervalMs, maxRequeues,
                maxQueuedMs, recordTtlSeconds, outputBatchMs, dockerHost, maxWaitMs);
    }

    /** Interactive runs' limits: the defaults (no test of the store or timer changes them). */
    @Override
    public long interactiveWallMs() {
        return 600_000;
    }

    @Override
    public long interactiveIdleMs() {
        return 120_000;
    }
}
