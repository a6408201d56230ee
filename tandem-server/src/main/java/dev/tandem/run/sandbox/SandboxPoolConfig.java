package dev.tandem.run.sandbox;

import io.smallrye.config.WithDefault;

/** {@code tandem.sandbox.pool.*}: the warm pool of a node's runs ({@link WarmPool}, docs/configuration.md). */
public interface SandboxPoolConfig {

    /** Whether runs take containers prepared in advance; off: each run creates its own, as before. */
    @WithDefault("true")
    boolean enabled();

    /** Containers kept ready per kind of run (language and limits) that ran within {@code max-idle-ms}. */
    @WithDefault("2")
    int size();

    /** Ready containers on the node, all kinds together. */
    @WithDefault("8")
    int maxContainers();

    /** Longest wait of a ready container before it is replaced; a kind not run for this long keeps none. */
    @WithDefault("300000")
    long maxIdleMs();

    /** The pool's bounds, or null when it is off. */
    static PoolSettings settings(SandboxPoolConfig c) {
        return c.enabled() ? new PoolSettings(c.size(), c.maxContainers(), c.maxIdleMs()) : null;
    }
}
