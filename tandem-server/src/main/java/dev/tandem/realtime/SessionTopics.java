package dev.tandem.realtime;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.spi.impl.NodeEngineImpl;
import com.hazelcast.spi.impl.proxyservice.impl.ProxyRegistry;
import com.hazelcast.spi.impl.proxyservice.impl.ProxyServiceImpl;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.impl.TopicService;
import io.quarkus.logging.Log;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The sessions' Hazelcast topics, and their release. Every member keeps an object per topic name it ever saw
 * (its proxy, made on every member when any member first uses the name, and the proxy's statistics), so a
 * node that served many sessions would keep one of each per session for its whole life.
 *
 * <p>Why not {@code ITopic.destroy()}: destroying a topic also drops, on every member, the table of who
 * listens to it, so a node still serving the session would stop hearing the others (and the others it). A
 * release here removes only this member's proxy and its statistics, without an event: the listeners (held by
 * Hazelcast's event service, not the proxy) stay, and the next use of the name makes a fresh proxy. Hazelcast
 * has no public call for that, hence the two reflective steps; {@code SessionTopicsTest} notices if an upgrade
 * breaks them (a failing release is logged once and leaves the objects in place, as before).
 */
final class SessionTopics {
    static final String TOPIC_PREFIX = "tandem.session.";

    private final HazelcastInstance hazelcast;
    private volatile boolean releaseBroken;

    SessionTopics(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    ITopic<SessionEvent> topic(String sessionId) {
        return hazelcast.getTopic(TOPIC_PREFIX + sessionId);
    }

    /** Releases this member's objects of the session's topic (its last local socket left). */
    void release(String sessionId) {
        releaseName(TOPIC_PREFIX + sessionId);
    }

    /**
     * Releases the topics of sessions that have no socket on this node: also those whose proxy another
     * member's first use made here. Answers how many were released.
     */
    int releaseUnused(Predicate<String> sessionHasLocalSockets) {
        int released = 0;
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            String name = object.getName();
            if (!TopicService.SERVICE_NAME.equals(object.getServiceName()) || !name.startsWith(TOPIC_PREFIX)) continue;
            if (sessionHasLocalSockets.test(name.substring(TOPIC_PREFIX.length()))) continue;
            if (releaseName(name)) released++;
        }
        return released;
    }

    /** How many session topics this member holds objects for (tests, docs/benchmarks.md). */
    int held() {
        int held = 0;
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (TopicService.SERVICE_NAME.equals(object.getServiceName()) && object.getName().startsWith(TOPIC_PREFIX)) held++;
        }
        return held;
    }

    private boolean releaseName(String name) {
        if (releaseBroken) return false;
        try {
            NodeEngineImpl nodeEngine = ((HazelcastInstanceProxy) hazelcast).getOriginal().node.getNodeEngine();
            ProxyRegistry registry = ((ProxyServiceImpl) nodeEngine.getProxyService()).getOrCreateRegistry(TopicService.SERVICE_NAME);
            UUID local = nodeEngine.getLocalMember().getUuid();
            Internals.DESTROY_PROXY.invoke(registry, name, local, false); // false: no event to the other members
            TopicService topics = nodeEngine.getService(TopicService.SERVICE_NAME);
            ((Map<?, ?>) Internals.STATS.get(topics)).remove(name);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            releaseBroken = true;
            Log.warnf(e, "cannot release session topics (Hazelcast internals changed?); they stay in memory");
            return false;
        }
    }

    /** The two non-public members of Hazelcast 5.7 a release uses. */
    private static final class Internals {
        static final Method DESTROY_PROXY;
        static final Field STATS;

        static {
            try {
                DESTROY_PROXY = ProxyRegistry.class.getDeclaredMethod("destroyProxy", String.class, UUID.class, boolean.class);
                DESTROY_PROXY.setAccessible(true);
                STATS = TopicService.class.getDeclaredField("statsMap");
                STATS.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
