package dev.tandem.bench;

import dev.tandem.collab.PushResult;
import dev.tandem.metrics.EditMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the metrics add to one edit, on the Prometheus registry Quarkus uses: Tandem's meters (a push counted
 * and timed, the fan-out timed on two event loops) and WebSockets Next's (messages and bytes counted per
 * message, looked up by tags each time, the text converted to bytes) for one push, its ack and the updates
 * to 5 clients. Compared in docs/benchmarks.md with the server CPU per edit of the load tool.
 * Run: {@code mvn -B -q -Pbench test-compile exec:exec -Djmh.args="-f 1 -wi 3 -i 5 -w 1s -r 1s MetricsCostBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsCostBenchmark {
    private static final int OUT_PER_EDIT = 6; // the ack and the updates to the session's 5 clients
    private static final String UPDATE = "{\"type\":\"updates\",\"fromVersion\":41,\"updates\":[{\"clientId\":\"c-3f2a9\",\"seq\":12,\"changes\":[812,[0,\"e\"],2301]}]}";

    private EditMeters edits;
    private Timer fanOut;
    private Meter.MeterProvider<Counter> messages;
    private Meter.MeterProvider<Counter> bytes;
    private final PushResult accepted = new PushResult.Accepted(41, List.of(), 42);

    @Setup
    public void setUp() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        edits = new EditMeters(registry);
        fanOut = EditMeters.latency("tandem.fanout", "fan-out").register(registry);
        messages = Counter.builder("quarkus.websockets.server.count").withRegistry(registry);
        bytes = Counter.builder("quarkus.websockets.server.bytes").withRegistry(registry);
    }

    @Benchmark
    public void tandemMetersPerEdit() {
        long started = System.nanoTime();
        edits.answered(started, accepted);
        fanOut.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        fanOut.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    @Benchmark
    public void webSocketsNextMetersPerEdit() {
        count("INBOUND", UPDATE);
        for (int i = 0; i < OUT_PER_EDIT; i++) count("OUTBOUND", UPDATE);
    }

    private void count(String direction, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        messages.withTags("uri", "/ws/sessions/{id}", "direction", direction).increment();
        bytes.withTags("uri", "/ws/sessions/{id}", "direction", direction).increment(data.length);
    }
}
