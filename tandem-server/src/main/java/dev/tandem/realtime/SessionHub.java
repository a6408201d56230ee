package dev.tandem.realtime;

import dev.tandem.protocol.CloseCode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.protocol.UpdatesJson;
import dev.tandem.session.SessionDisconnects;
import dev.tandem.session.SessionEvents;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out of session events to the sockets on every node. The node where an event happens hands it to its own
 * sockets directly and, when the cluster has other members, publishes it on the session's Hazelcast topic for
 * them: a node subscribes to a session's topic while it holds at least one socket of that session, and so
 * receives only the traffic of those sessions. (A single node skips the topic: measured, the publish and its
 * echo back to this node's own listener cost about as much as the rest of the fan-out.)
 */
@ApplicationScoped
public class SessionHub implements SessionEvents, SessionDisconnects {

    private final HazelcastInstance hazelcast;
    private final DocumentAuthority authority;
    private final RealtimeConfig config;
    private final JsonFactory jsonFactory;
    /** Catch-ups of one client, page by page. */
    private final PagedUpdates pages;
    private final ConcurrentHashMap<String, LocalSession> sessions = new ConcurrentHashMap<>();
    /** The sessions' topics; released when a session has no socket here any more (bounded memory, #12). */
    private final SessionTopics topics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-gap-repair");
        t.setDaemon(true);
        return t;
    });

    private final FileIndexes fileIndexes;

    public SessionHub(HazelcastInstance hazelcast, DocumentAuthority authority, RealtimeConfig config, ObjectMapper mapper,
                      FileIndexes fileIndexes) {
        this.hazelcast = hazelcast;
        this.authority = authority;
        this.config = config;
        this.jsonFactory = mapper.getFactory();
        this.fileIndexes = fileIndexes;
        this.topics = new SessionTopics(hazelcast);
        // Also the topics other members' sessions made here (every member gets a proxy per name).
        timer.scheduleWithFixedDelay(() -> {
            try {
                topics.releaseUnused(sessions::containsKey);
            } catch (RuntimeException e) {
                Log.debugf(e, "releasing unused session topics failed; trying again in a minute"); // e.g. while stopping
            }
        }, 60, 60, TimeUnit.SECONDS);
        this.pages = new PagedUpdates(authority, jsonFactory);
    }

    /** Adds a socket; its session's stream starts flowing to it once it is welcomed. */
    public void attach(ClientConnection connection) {
        String id = connection.sessionId();
        connection.onCatchUp((document, version) -> catchUp(connection, document, version));
        boolean[] created = {false};
        LocalSession session = sessions.compute(id, (key, existing) -> {
            LocalSession s = existing;
            if (s == null) {
                s = new LocalSession(key, (document, at) -> scheduleRepair(key, document, at), fileIndexes::load);
                created[0] = true;
            }
            s.connections.add(connection);
            return s;
        });
        connection.local(session);
        if (created[0]) subscribe(session);
    }

    public void detach(ClientConnection connection) {
        sessions.computeIfPresent(connection.sessionId(), (key, session) -> {
            session.connections.remove(connection);
            if (!session.connections.isEmpty()) return session;
            if (session.registration != null) topic(key).removeMessageListener(session.registration);
            topics.release(key);
            return null;
        });
    }

    /** Sends an event (presence, joins, runs) to every participant of the session on every node. */
    public void broadcast(String sessionId, String json, String exceptClientId) {
        publish(sessionId, SessionEvent.broadcast(json, exceptClientId));
    }

    @Override
    public void broadcast(String sessionId, String json) {
        broadcast(sessionId, json, null);
    }

    /** Closes the sockets of one participant (or, with a null clientId, of everyone) on every node. */
    @Override
    public void disconnect(String sessionId, String clientId, int code, String errorJson) {
        publish(sessionId, SessionEvent.close(code, errorJson, clientId));
    }

    /** Closes, on every node, the other sockets of a participant who resumed on the connection {@code keepKey}. */
    public void replace(String sessionId, String clientId, String keepKey, int code) {
        publish(sessionId, SessionEvent.replace(code, clientId, keepKey));
    }

    /** Delivers an event (accepted updates, a broadcast, a close) here at once and to other nodes by the topic. */
    public void publish(String sessionId, SessionEvent event) {
        LocalSession local = sessions.get(sessionId);
        if (local != null) local.accept(event);
        // Listeners skip what their own node published (LocalSession.onMessage). A member that joins just
        // after this check misses nothing it needs: it reads the version after subscribing, and a lost batch
        // of updates is a gap that its LocalSession repairs from the authority.
        if (hazelcast.getCluster().getMembers().size() > 1) topic(sessionId).publishAsync(event);
    }

    /** How many sessions have sockets on this node (for health and tests). */
    public int localSessionCount() {
        return sessions.size();
    }

    private void subscribe(LocalSession session) {
        // Subscribe first, then read the version: whatever is accepted in between arrives through the topic.
        session.registration = topic(session.sessionId).addMessageListener(session);
        authority.version(session.sessionId).whenComplete((version, failure) -> {
            if (failure != null || version < 0) {
                Log.warnf("session %s has no document: %s", session.sessionId, failure);
                return;
            }
            session.startAt(version);
        });
    }

    /** Tells every node that the session's files changed and sends {@code json} (file.created, ...) to everyone. */
    public void filesChanged(String sessionId, String json) {
        publish(sessionId, SessionEvent.files(json));
    }

    /** The same for a new file, with its document's key and size (the limits on all files count it on every node). */
    public void fileCreated(String sessionId, String json, String documentKey, int length, long jsonBytes) {
        publish(sessionId, SessionEvent.fileCreated(json, documentKey, length, jsonBytes));
    }

    /** The same for a deleted file: every node stops counting it. */
    public void fileDeleted(String sessionId, String json, String documentKey) {
        publish(sessionId, SessionEvent.fileDeleted(json, documentKey));
    }

    private void scheduleRepair(String sessionId, String document, int at) {
        timer.schedule(() -> repair(sessionId, document, at), config.gapRepairMillis(), TimeUnit.MILLISECONDS);
    }

    /** A batch of the ordered stream never arrived (a lost topic message): fetch it from the authority. */
    private void repair(String sessionId, String document, int at) {
        LocalSession session = sessions.get(sessionId);
        if (session == null || !session.gapStillOpen(document, at)) return;
        Log.debugf("filling a gap in session %s after version %d", sessionId, at);
        session.index().thenAccept(index -> authority.pull(document, at).whenComplete((result, failure) -> {
            String path = index.pathOf(document);
            if (result instanceof PullResult.Updates u && !u.updates().isEmpty() && path != null) {
                int to = u.fromVersion() + u.updates().size();
                session.accept(SessionEvent.updates(document, u.fromVersion(), to,
                        UpdatesJson.write(jsonFactory, u.fromVersion(), u.updates(), path), -1));
            } else if (failure != null || result instanceof PullResult.Refused) {
                Log.warnf("cannot fill a gap in session %s: %s", sessionId, failure != null ? failure : result);
            }
        }));
    }

    /** One client is behind a document's stream (it joined mid-batch or a send raced): send what it lacks. */
    private void catchUp(ClientConnection connection, String document, int version) {
        LocalSession session = connection.local();
        if (session == null) return;
        session.index().thenAccept(index -> {
            String path = index.pathOf(document);
            if (path == null) { // a file deleted meanwhile: file.deleted is on its way
                connection.forgetFile(document);
                return;
            }
            pages.send(connection, document, path, version).whenComplete((result, failure) -> {
                if (result instanceof PullResult.Updates) return; // sent, page by page
                if (!document.equals(connection.sessionId())) {
                    // A file deleted meanwhile: file.deleted is on its way; there is nothing to catch up on.
                    connection.forgetFile(document);
                } else {
                    connection.close(CloseCode.CANNOT_CATCH_UP.code(), "cannot catch up: reload the session");
                }
            });
        });
    }

    private ITopic<SessionEvent> topic(String sessionId) {
        return topics.topic(sessionId);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
