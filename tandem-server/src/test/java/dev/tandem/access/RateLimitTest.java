package dev.tandem.access;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket behind the message and byte rates, on a clock the test moves. */
class RateLimitTest {
    @Test
    void allowsTheBurstThenTheRateAndRefusesWithoutTaking() {
        AtomicLong now = new AtomicLong();
        RateLimit limit = new RateLimit(10, 3, now::get);
        assertThat(limit.tryTake(1)).isTrue();
        assertThat(limit.tryTake(2)).isTrue();
        assertThat(limit.tryTake(1)).as("the burst is spent").isFalse();
        now.addAndGet(100_000_000); // 0.1 s at 10/s: one unit back
        assertThat(limit.tryTake(2)).as("more than is left takes nothing").isFalse();
        assertThat(limit.tryTake(1)).isTrue();
        now.addAndGet(60_000_000_000L); // a minute idle refills no more than the burst
        assertThat(limit.tryTake(3)).isTrue();
        assertThat(limit.tryTake(1)).isFalse();
    }
}
