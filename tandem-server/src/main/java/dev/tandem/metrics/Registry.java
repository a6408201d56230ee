package dev.tandem.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import jakarta.enterprise.inject.Instance;

/** The application's meter registry, or a registry without outputs when Micrometer is built out. */
final class Registry {
    private Registry() {}

    // quarkus.micrometer.enabled=false (a build-time switch, used for the metrics-off benchmark) leaves no
    // MeterRegistry bean: a composite with no registries makes every meter a no-op.
    static MeterRegistry of(Instance<MeterRegistry> registry) {
        return registry.isResolvable() ? registry.get() : new CompositeMeterRegistry();
    }
}
