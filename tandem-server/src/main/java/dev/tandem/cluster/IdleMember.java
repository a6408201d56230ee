package dev.tandem.cluster;

import com.hazelcast.config.Config;

/**
 * Hazelcast's background work that a Tandem node has no use for, turned off (docs/benchmarks.md, "Idle CPU").
 *
 * <p>Hazelcast's metrics service walks every probe of the member (maps, partitions, threads, network) every 5 s,
 * for Management Center and JMX, which Tandem uses neither of: its own meters are Micrometer's
 * ({@code dev.tandem.metrics}), and map statistics ({@code getLocalMapStats}) are computed on demand without it.
 * Measured on an idle node, the walk and the JIT compiling it were the largest part of Hazelcast's idle CPU.
 * An operator who attaches Management Center turns it back on with {@code -Dhazelcast.metrics.enabled=true}.
 */
final class IdleMember {
    static final String METRICS_PROPERTY = "hazelcast.metrics.enabled";

    private IdleMember() {
    }

    static void configure(Config config) {
        config.getMetricsConfig().setEnabled(Boolean.parseBoolean(System.getProperty(METRICS_PROPERTY, "false")));
    }
}
