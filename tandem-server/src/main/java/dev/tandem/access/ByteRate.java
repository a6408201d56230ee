package dev.tandem.access;

/** A token bucket of bytes for one connection: {@code rate} bytes a second sustained, up to {@code burst}. */
public final class ByteRate {
    private final double rate;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    public ByteRate(long bytesPerSecond, long burst) {
        this.rate = bytesPerSecond;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Takes the bytes; false (and nothing taken) when the connection is over its byte rate. */
    public synchronized boolean tryTake(long bytes) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
        last = now;
        if (tokens < bytes) return false;
        tokens -= bytes;
        return true;
    }
}
