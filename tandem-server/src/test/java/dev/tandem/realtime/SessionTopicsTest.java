package dev.tandem.realtime;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.MessageListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session topics on a real two-member Hazelcast cluster (both in this JVM): a node releases a session's topic
 * when its last socket leaves, without cutting off a node that still serves the session, and the objects
 * every member keeps per topic name go away. Prints the heap a used-and-left session leaves behind, with and
 * without the release (docs/benchmarks.md, "Memory per idle session"): a figure for the docs, not asserted.
 */
class SessionTopicsTest {
    private static HazelcastInstance a;
    private static HazelcastInstance b;

    @BeforeAll
    static void cluster() {
        var members = dev.tandem.cluster.LoopbackMembers.pair("session-topics", config -> {
            RealtimeSerializers.register(config.getSerializationConfig());
            // Hazelcast's own metrics (JMX) keep a released topic's figures until their next round (5 s): off here,
            // so the printed heap figure is what stays, not what is about to go.
            config.getMetricsConfig().setEnabled(false);
        });
        a = members.first();
        b = members.second();
    }

    @AfterAll
    static void stop() {
        Hazelcast.shutdownAll();
    }

    @Test
    void aReleaseOnOneNodeKeepsTheOtherNodesFanOut() {
        SessionTopics onA = new SessionTopics(a);
        SessionTopics onB = new SessionTopics(b);
        List<String> heardOnB = new CopyOnWriteArrayList<>();
        List<String> heardOnA = new CopyOnWriteArrayList<>();
        UUID listenerB = onB.topic("s1").addMessageListener(m -> heardOnB.add(m.getMessageObject().json()));
        UUID listenerA = onA.topic("s1").addMessageListener(m -> heardOnA.add(m.getMessageObject().json()));
        onA.topic("s1").publish(SessionEvent.broadcast("one", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> heardOnB.contains("one") && heardOnA.contains("one"));

        // A's last socket of s1 leaves: it stops listening and releases its objects of the topic.
        onA.topic("s1").removeMessageListener(listenerA);
        onA.release("s1");
        assertThat(onA.held()).isZero();

        // B still serves s1: what A publishes (from a fresh proxy) and what B publishes still reach B.
        onA.topic("s1").publish(SessionEvent.broadcast("two", null));
        onB.topic("s1").publish(SessionEvent.broadcast("three", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> heardOnB.containsAll(List.of("two", "three")));
        assertThat(heardOnA).containsExactly("one");

        // A serves s1 again: it hears B again.
        onA.topic("s1").addMessageListener(m -> heardOnA.add(m.getMessageObject().json()));
        onB.topic("s1").publish(SessionEvent.broadcast("four", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> heardOnA.contains("four"));
        onB.topic("s1").removeMessageListener(listenerB);
    }

    @Test
    void sessionsThatCameAndWentLeaveNoTopicsBehind() {
        SessionTopics onA = new SessionTopics(a);
        SessionTopics onB = new SessionTopics(b);
        int sessions = 2_000;
        onA.releaseUnused(id -> false);
        onB.releaseUnused(id -> false);

        long before = usedHeap();
        useAndLeave(onA, "kept-", sessions, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> onB.held() >= sessions); // B got a proxy per name by event
        long kept = usedHeap() - before;

        onA.releaseUnused(id -> false);
        onB.releaseUnused(id -> false);
        assertThat(onA.held()).isZero();
        assertThat(onB.held()).isZero();
        long afterSweep = usedHeap() - before;

        long before2 = usedHeap();
        useAndLeave(onA, "released-", sessions, true);
        assertThat(onA.held()).as("released when the last socket left").isZero();
        onB.releaseUnused(id -> false); // the other member's sweep (every minute in SessionHub)
        assertThat(onB.held()).isZero();
        long released = usedHeap() - before2;
        System.out.printf("SessionTopicsTest: heap left per used-and-left session on a 2-member cluster: %d bytes kept"
                        + " (no release), %d bytes after the sweep, %d bytes with release on leave + sweep (%d sessions)%n",
                kept / sessions, afterSweep / sessions, released / sessions, sessions);
    }

    /** What SessionHub does for a session with one socket here: listen, publish, stop listening, maybe release. */
    private static void useAndLeave(SessionTopics topics, String prefix, int sessions, boolean release) {
        MessageListener<SessionEvent> ignore = m -> { };
        for (int i = 0; i < sessions; i++) {
            String id = prefix + i;
            ITopic<SessionEvent> topic = topics.topic(id);
            UUID registration = topic.addMessageListener(ignore);
            topic.publish(SessionEvent.broadcast("x", null));
            topic.removeMessageListener(registration);
            if (release) topics.release(id);
        }
    }

    private static long usedHeap() {
        List<Object> settle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            System.gc(); // a measurement aid for the printed figure, not synchronisation
            settle.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return (Long) settle.get(settle.size() - 1);
    }
}
