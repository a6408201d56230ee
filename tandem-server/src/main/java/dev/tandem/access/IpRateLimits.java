package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Per-IP counts per minute (fixed one-minute windows), node-local, with bounded memory: at most
 * {@code maxTrackedIps} addresses are tracked per kind; when the map is full, expired windows are dropped and,
 * if it is still full, a new address counts against one shared overflow entry (so a flood of addresses
 * cannot grow memory, and is still limited).
 */
@ApplicationScoped
public class IpRateLimits {
    static final String OVERFLOW = "*overflow*";

    /** READ: REST reads ({@code GET /api/...}), so polling or scraping cannot take a node's time from others. */
    public enum Kind { SESSION_CREATE, RUN, READ }

    private final LimitsConfig config;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Window> creates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> runs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> reads = new ConcurrentHashMap<>();

    @jakarta.inject.Inject
    public IpRateLimits(LimitsConfig config) {
        this(config, System::currentTimeMillis);
    }

    IpRateLimits(LimitsConfig config, LongSupplier clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Counts one event of the kind for the address; false when it is over the limit (and it is refused). */
    public boolean tryAcquire(Kind kind, String ip) {
        int limit = limit(kind);
        ConcurrentHashMap<String, Window> map = windows(kind);
        long minute = clock.getAsLong() / 60_000;
        String key = ip == null ? "unknown" : ip;
        if (!map.containsKey(key) && map.size() >= config.maxTrackedIps()) {
            map.values().removeIf(w -> w.minute < minute);
            if (map.size() >= config.maxTrackedIps()) key = OVERFLOW;
        }
        Window window = map.compute(key, (k, w) -> w == null || w.minute != minute ? new Window(minute) : w);
        return window.count.incrementAndGet() <= limit;
    }

    /**
     * Counts {@code permits} events at once (a batch of runs); when they do not all fit under the limit none is
     * counted and the answer is false.
     */
    public boolean tryAcquire(Kind kind, String ip, int permits) {
        if (permits <= 1) return permits < 1 || tryAcquire(kind, ip);
        if (!tryAcquire(kind, ip)) return false;
        // the first one fit: count the rest, and give them all back if they overflow
        int limit = limit(kind);
        Window window = windows(kind).get(ip == null ? "unknown" : ip);
        if (window == null) window = windows(kind).get(OVERFLOW);
        if (window == null) return true;
        if (window.count.addAndGet(permits - 1) <= limit) return true;
        window.count.addAndGet(-permits);
        return false;
    }

    /** How many events of the kind one address may have per minute (tandem.limits.*-per-ip-per-minute). */
    public int limit(Kind kind) {
        return switch (kind) {
            case SESSION_CREATE -> config.sessionsPerIpPerMinute();
            case RUN -> config.runsPerIpPerMinute();
            case READ -> config.readsPerIpPerMinute();
        };
    }

    int tracked(Kind kind) {
        return windows(kind).size();
    }

    private ConcurrentHashMap<String, Window> windows(Kind kind) {
        return switch (kind) {
            case SESSION_CREATE -> creates;
            case RUN -> runs;
            case READ -> reads;
        };
    }

    private static final class Window {
        final long minute;
        final AtomicLong count = new AtomicLong();

        Window(long minute) {
            this.minute = minute;
        }
    }
}
