package dev.tandem.access;

import java.util.function.LongSupplier;

/**
 * The one rate-limit primitive: a token bucket of units (messages, bytes) refilled at {@code perSecond} up to
 * {@code burst}. A request for more units than are left takes nothing and is refused, so a refused message
 * does not eat into the budget of the next one.
 */
public final class RateLimit {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public RateLimit(long perSecond, long burst) {
        this(perSecond, burst, System::nanoTime);
    }

    RateLimit(long perSecond, long burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes {@code units}; false (and nothing taken) when fewer are left. */
    public synchronized boolean tryTake(long units) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < units) return false;
        tokens -= units;
        return true;
    }
}
