package dev.tandem.metrics;

import dev.tandem.collab.PushResult;
import dev.tandem.realtime.PushAnswers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The edit path's meters: pushes, conflicts, push-to-answer latency. Registered once here, so recording
 * on the hot path is an add and a histogram bucket, without a lookup or an allocation.
 */
// @Startup: registered before the first scrape, not at their first use (an unused meter still shows 0)
@io.quarkus.runtime.Startup
@ApplicationScoped
public class EditMeters implements PushAnswers {
    private final Counter pushes;
    private final Counter conflicts;
    private final Timer pushToAck;

    @jakarta.inject.Inject
    public EditMeters(Instance<MeterRegistry> registry) {
        this(Registry.of(registry));
    }

    /** On a given registry (the metrics-cost benchmark). */
    public EditMeters(MeterRegistry r) {
        pushes = Counter.builder("tandem.pushes").description("push messages answered (accepted, conflict or rejected)").register(r);
        conflicts = Counter.builder("tandem.conflicts").description("pushes answered with conflict (based on an old version)").register(r);
        pushToAck = latency("tandem.push.ack", "from a push arriving until its ack or conflict is handed to the socket").register(r);
    }

    /** A push was answered; {@code startedNanos} is {@link System#nanoTime()} when it arrived. */
    @Override
    public void answered(long startedNanos, PushResult result) {
        pushes.increment();
        if (result instanceof PushResult.Conflict) conflicts.increment();
        pushToAck.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** A latency histogram with Prometheus buckets from 100 µs to 10 s. */
    public static Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10));
    }
}
