package dev.tandem.run.delivery;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.cluster.LoopbackMembers;
import dev.tandem.run.RunPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The follower that SSE streams and late joiners of both kinds of job rely on, on a real (one-member) Hazelcast
 * topic: a viewer gets the job's events so far, then the live ones, each once and in order, and the stream ends
 * at the finished event, also when that event was lost on the topic and only the record has it.
 */
class JobFollowerTest {
    private static HazelcastInstance hazelcast;
    private static RunPublisher publisher;
    private static ScheduledExecutorService timer;
    private static final List<String> toSession = new CopyOnWriteArrayList<>();
    private static final Map<String, Record> records = new ConcurrentHashMap<>();

    /** A job's record as delivery sees it. */
    record Record(List<String> events, boolean finished) implements JobRecord {}

    private static final JobLog<Record> LOG = new JobLog<>(records::get,
            id -> CompletableFuture.completedFuture(records.get(id)), RunPublisher::isFinished);

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        hazelcast = Hazelcast.newHazelcastInstance(LoopbackMembers.config("job-follower-" + ProcessHandle.current().pid(), port));
        publisher = new RunPublisher((sessionId, json) -> toSession.add(sessionId + " " + json), hazelcast);
        timer = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() {
        timer.shutdownNow();
        hazelcast.shutdown();
    }

    private static String event(String id, String type, int n) {
        return "{\"type\":\"run." + type + "\",\"runId\":\"" + id + "\",\"n\":" + n + "}";
    }

    /** A follower of {@code id} whose emitted events and end are recorded. */
    private static final class Viewer {
        final List<String> got = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();
        final JobFollower follower;

        Viewer(String id) {
            follower = new JobFollower(id, LOG, got::add, () -> ended.set(true));
            follower.subscribe(publisher);
            follower.start(publisher, records.get(id), timer);
        }
    }

    @Test
    void replaysThenFollowsLiveEachEventOnceUntilFinished() {
        String id = "job-live";
        String queued = event(id, "queued", 1);
        String started = event(id, "started", 2);
        records.put(id, new Record(List.of(queued, started), false));
        Viewer viewer = new Viewer(id);
        assertThat(viewer.got).containsExactly(queued, started);

        publisher.publish("s1", id, started); // already replayed: not sent twice
        String output = event(id, "output", 3);
        String finished = event(id, "finished", 4);
        publisher.publish("s1", id, output);
        publisher.publish("s1", id, finished);
        publisher.publish("s1", id, event(id, "output", 5)); // after the end: not sent

        await().atMost(Duration.ofSeconds(10)).until(viewer.ended::get);
        assertThat(viewer.got).containsExactly(queued, started, output, finished);
        assertThat(toSession).contains("s1 " + output, "s1 " + finished);
    }

    @Test
    void aFinishedEventLostOnTheTopicIsFoundInTheRecord() {
        String id = "job-lost";
        String queued = event(id, "queued", 1);
        records.put(id, new Record(List.of(queued), false));
        Viewer viewer = new Viewer(id);
        String finished = event(id, "finished", 2);
        records.put(id, new Record(List.of(queued, finished), true)); // written, never published

        await().atMost(Duration.ofMillis(JobFollower.RECHECK_MS * 5)).until(viewer.ended::get);
        assertThat(viewer.got).containsExactly(queued, finished);
    }

    @Test
    void anUnknownJobEndsTheStreamAtOnce() {
        Viewer viewer = new Viewer("job-unknown");
        assertThat(viewer.ended).isTrue();
        assertThat(viewer.got).isEmpty();
    }

    @Test
    void aFinishedJobIsReplayedAndEnds() {
        String id = "job-done";
        List<String> events = List.of(event(id, "queued", 1), event(id, "finished", 2));
        records.put(id, new Record(events, true));
        Viewer viewer = new Viewer(id);
        assertThat(viewer.ended).isTrue();
        assertThat(viewer.got).containsExactlyElementsOf(events);
    }
}
