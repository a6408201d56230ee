package dev.tandem.realtime;

/** A per-connection rate limit: {@code ratePerSecond} sustained, {@code burst} at once. */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastRefill;

    TokenBucket(int ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = System.nanoTime();
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - lastRefill) * ratePerNano);
        lastRefill = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
