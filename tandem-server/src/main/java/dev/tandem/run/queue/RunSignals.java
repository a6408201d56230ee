package dev.tandem.run.queue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.Serializable;
import java.util.function.BiConsumer;

/**
 * Tells the worker that runs a program, wherever it is in the cluster, that something is waiting for it: new
 * input in the run record ({@code INPUT}) or a cancel ({@code CANCEL}). One cluster topic; every worker node
 * listens and acts only on the runs it holds. A lost signal only delays: the worker also looks for input
 * every second, and a cancelled run's lease renewal fails.
 */
@ApplicationScoped
public class RunSignals {
    public static final String TOPIC = "tandem.run.signals";

    public enum Kind { INPUT, CANCEL }

    /** One signal on the topic. */
    public record Signal(String runId, Kind kind) implements Serializable {}

    private final ITopic<Signal> topic;

    public RunSignals(HazelcastInstance hazelcast) {
        this.topic = hazelcast.getTopic(TOPIC);
    }

    public void send(String runId, Kind kind) {
        topic.publishAsync(new Signal(runId, kind)).whenComplete((ok, failure) -> {
            if (failure != null) Log.warnf("run %s: signalling %s failed: %s", runId, kind, failure.toString());
        });
    }

    /** The listener runs on a Hazelcast event thread: it must not block. */
    void listen(BiConsumer<String, Kind> listener) {
        topic.addMessageListener(m -> listener.accept(m.getMessageObject().runId(), m.getMessageObject().kind()));
    }
}
