package dev.tandem.run;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.tandem.session.SessionEvents;
import dev.tandem.session.SessionTimeline;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Sends run events where they are wanted: to every participant of the session (the session's fan-out, on
 * every node) and to this run's followers anywhere in the cluster (SSE streams and long polls), through one
 * topic that a node listens to only while it has followers. Callers publish a run's events from one thread
 * at a time, so they arrive in order.
 */
@ApplicationScoped
public class RunPublisher {
    public static final String TOPIC = "tandem.run.events";

    /** One run event on the followers' topic. */
    public record RunMessage(String runId, String json) implements Serializable {}

    private final SessionEvents session;
    private final SessionTimeline timeline;
    private final ITopic<RunMessage> topic;
    private final Map<String, List<Consumer<String>>> followers = new ConcurrentHashMap<>();
    private volatile UUID registration;

    public RunPublisher(SessionEvents session, HazelcastInstance hazelcast) {
        this(session, SessionTimeline.NONE, hazelcast);
    }

    @jakarta.inject.Inject
    public RunPublisher(SessionEvents session, SessionTimeline timeline, HazelcastInstance hazelcast) {
        this.session = session;
        this.timeline = timeline;
        this.topic = hazelcast.getTopic(TOPIC);
    }

    public void publish(String sessionId, String runId, String json) {
        // What the participants see is what the timeline keeps (hidden tests' data never reaches either). First:
        // it is placed after the version current before anyone saw it, so an edit made on seeing it comes later.
        if (sessionId != null) timeline.jobEvent(sessionId, runId, json);
        if (sessionId != null) session.broadcast(sessionId, json); // a run without a session has followers only
        topic.publishAsync(new RunMessage(runId, json)).whenComplete((ok, failure) -> {
            if (failure != null) Log.warnf("run %s: publishing an event failed: %s", runId, failure.toString());
        });
    }

    /** Calls {@code listener} with every event of the run published from now on; close to stop. */
    public AutoCloseable follow(String runId, Consumer<String> listener) {
        listen();
        followers.computeIfAbsent(runId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> followers.computeIfPresent(runId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    private synchronized void listen() {
        if (registration != null) return;
        registration = topic.addMessageListener(m -> {
            List<Consumer<String>> list = followers.get(m.getMessageObject().runId());
            if (list != null) for (Consumer<String> c : list) c.accept(m.getMessageObject().json());
        });
    }

    public static boolean isFinished(String json) {
        return json.contains("\"type\":\"run.finished\"");
    }
}
