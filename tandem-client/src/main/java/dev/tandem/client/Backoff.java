package dev.tandem.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: exponential from {@code initial} up to {@code max}, each with ±50% jitter so that the
 * clients of a crashed node do not all come back in the same instant.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the base for the one after. */
    long nextDelayMillis() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble(); // 0.5 .. 1.5
        return Math.max(1, Math.round(base * jitter));
    }

    void reset() {
        nextMillis = initialMillis;
    }
}
