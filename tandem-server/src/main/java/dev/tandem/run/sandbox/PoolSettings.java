package dev.tandem.run.sandbox;

/**
 * The warm pool's bounds ({@code tandem.sandbox.pool.*}, docs/configuration.md; see {@link WarmPool}).
 *
 * @param size          containers kept ready per kind of run (language, limits, interactive or not) used recently
 * @param maxContainers ready containers on this node, all kinds together (the least recently used kind gives way)
 * @param maxIdleMs     how long a ready container waits for a run before it is replaced, and how long after the last
 *                      run of a kind its containers are still replaced: a kind nobody ran for this long has none
 */
public record PoolSettings(int size, int maxContainers, long maxIdleMs) {

    /** The attach stream of a waiting container must stay below the engine client's response timeout (10 min). */
    static final long MAX_IDLE_LIMIT_MS = 540_000;

    public static final PoolSettings DEFAULT = new PoolSettings(2, 8, 300_000);

    public PoolSettings {
        if (size < 1 || size > 16) throw new IllegalArgumentException("tandem.sandbox.pool.size must be 1-16: " + size);
        if (maxContainers < size || maxContainers > 256) {
            throw new IllegalArgumentException("tandem.sandbox.pool.max-containers must be from size (" + size
                    + ") to 256: " + maxContainers);
        }
        if (maxIdleMs < 1_000 || maxIdleMs > MAX_IDLE_LIMIT_MS) {
            throw new IllegalArgumentException("tandem.sandbox.pool.max-idle-ms must be 1000-" + MAX_IDLE_LIMIT_MS
                    + ": " + maxIdleMs);
        }
    }
}
