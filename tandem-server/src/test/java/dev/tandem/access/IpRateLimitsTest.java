package dev.tandem.access;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-address windows: the limit, the next minute, and memory bounded by the number of tracked addresses. */
class IpRateLimitsTest {

    static LimitsConfig config(int perMinute, int maxIps) {
        return new LimitsConfig() {
            public long bytesPerSecond() { return 1; }
            public long byteBurst() { return 1; }
            public int connectionsPerIp() { return 2; }
            public int participantsPerSession() { return 1; }
            public int sessionsPerIpPerMinute() { return perMinute; }
            public int runsPerIpPerMinute() { return perMinute; }
            public int readsPerIpPerMinute() { return perMinute; }
            public int maxTrackedIps() { return maxIps; }
        };
    }

    @Test
    void limitsPerMinuteAndForgets() {
        AtomicLong now = new AtomicLong(0);
        IpRateLimits limits = new IpRateLimits(config(3, 100), now::get);
        for (int i = 0; i < 3; i++) assertThat(limits.tryAcquire(IpRateLimits.Kind.SESSION_CREATE, "1.1.1.1")).isTrue();
        assertThat(limits.tryAcquire(IpRateLimits.Kind.SESSION_CREATE, "1.1.1.1")).isFalse();
        assertThat(limits.tryAcquire(IpRateLimits.Kind.SESSION_CREATE, "2.2.2.2")).isTrue();
        assertThat(limits.tryAcquire(IpRateLimits.Kind.RUN, "1.1.1.1")).isTrue(); // separate counters
        now.set(60_000);
        assertThat(limits.tryAcquire(IpRateLimits.Kind.SESSION_CREATE, "1.1.1.1")).isTrue();
    }

    @Test
    void aBatchCountsEachRunAndARefusedBatchCountsNone() {
        IpRateLimits limits = new IpRateLimits(config(5, 100), () -> 0);
        assertThat(limits.tryAcquire(IpRateLimits.Kind.RUN, "1.1.1.1", 3)).isTrue();
        assertThat(limits.tryAcquire(IpRateLimits.Kind.RUN, "1.1.1.1", 3)).isFalse(); // 6 > 5
        assertThat(limits.tryAcquire(IpRateLimits.Kind.RUN, "1.1.1.1", 2)).isTrue();  // 5: the refused 3 were not counted
        assertThat(limits.tryAcquire(IpRateLimits.Kind.RUN, "1.1.1.1", 1)).isFalse();
    }

    @Test
    void memoryIsBoundedByTrackedAddresses() {
        AtomicLong now = new AtomicLong(0);
        IpRateLimits limits = new IpRateLimits(config(5, 100), now::get);
        for (int i = 0; i < 10_000; i++) limits.tryAcquire(IpRateLimits.Kind.RUN, "10.0." + (i / 256) + "." + (i % 256));
        assertThat(limits.tracked(IpRateLimits.Kind.RUN)).isLessThanOrEqualTo(101);
        // the flood shares the overflow counter, which is limited too
        assertThat(limits.tryAcquire(IpRateLimits.Kind.RUN, "192.168.9.9")).isFalse();
        now.set(120_000); // expired windows are dropped when the map is full
        assertThat(limits.tryAcquire(IpRateLimits.Kind.RUN, "192.168.9.9")).isTrue();
        assertThat(limits.tracked(IpRateLimits.Kind.RUN)).isLessThanOrEqualTo(2);
    }

    @Test
    void connectionsPerAddress() {
        ConnectionLimits connections = new ConnectionLimits(config(1, 1));
        assertThat(connections.tryOpen("a")).isTrue();
        assertThat(connections.tryOpen("a")).isTrue();
        assertThat(connections.tryOpen("a")).isFalse();
        assertThat(connections.tryOpen("b")).isTrue();
        connections.closed("a");
        assertThat(connections.tryOpen("a")).isTrue();
        connections.closed("a");
        connections.closed("a");
        assertThat(connections.openFrom("a")).isZero();
    }
}
