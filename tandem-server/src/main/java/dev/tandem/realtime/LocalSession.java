package dev.tandem.realtime;

import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;

import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The sockets of one session on this node, and the session's stream of updates put in version order.
 *
 * <p>The topic does not promise order between publishers (two pushes accepted one after the other may be
 * published by different threads or nodes), so batches are delivered strictly by version: early ones wait,
 * and a gap that stays open is filled from the authority's history ({@code gapRepair}).
 */
final class LocalSession implements MessageListener<SessionEvent> {
    final String sessionId;
    final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    volatile UUID registration;

    private final IntConsumer gapRepair;
    /** Version delivered to the sockets; -1 until the starting version is known. Guarded by this. */
    private int delivered = -1;
    /** Batches that arrived ahead of a gap, by the version they start from. Guarded by this. */
    private final TreeMap<Integer, SessionEvent> early = new TreeMap<>();
    private boolean repairScheduled;

    LocalSession(String sessionId, IntConsumer gapRepair) {
        this.sessionId = sessionId;
        this.gapRepair = gapRepair;
    }

    /** Events from the topic: those of other nodes (this node's own were delivered here directly). */
    @Override
    public void onMessage(Message<SessionEvent> message) {
        var publisher = message.getPublishingMember();
        if (publisher != null && publisher.localMember()) return;
        accept(message.getMessageObject());
    }

    void accept(SessionEvent event) {
        if (event.kind() == SessionEvent.Kind.BROADCAST) {
            LoopFanOut.each(connections, c -> {
                if (c.hasJoined() && !c.clientId().equals(event.exceptClientId())) c.writeBroadcast(event.json());
            });
            return;
        }
        if (event.kind() == SessionEvent.Kind.CLOSE) {
            for (ClientConnection c : connections) {
                if (event.exceptClientId() == null || event.exceptClientId().equals(c.clientId())) {
                    c.send(event.json());
                    c.close(event.fromVersion(), event.exceptClientId() == null ? "session closed" : "removed from the session");
                    c.release();
                }
            }
            return;
        }
        if (event.kind() == SessionEvent.Kind.REPLACE) {
            for (ClientConnection c : connections) {
                if (event.exceptClientId().equals(c.clientId()) && !event.json().equals(c.key())) {
                    c.close(event.fromVersion(), "replaced by a newer connection");
                    c.release();
                }
            }
            return;
        }
        synchronized (this) {
            if (delivered >= 0 && event.toVersion() <= delivered) return; // a duplicate (own publish, repair)
            early.put(event.fromVersion(), event);
            drain();
        }
    }

    /** Sets the version from which this node's stream starts (the authority's, read after subscribing). */
    synchronized void startAt(int version) {
        if (delivered < 0) delivered = version;
        early.headMap(delivered, false).clear();
        drain();
    }

    synchronized int delivered() {
        return delivered;
    }

    /** Called after a repair was scheduled; true when the gap is still open. */
    synchronized boolean gapStillOpen(int at) {
        repairScheduled = false;
        return delivered == at && !early.isEmpty();
    }

    private void drain() {
        if (delivered < 0) return;
        while (!early.isEmpty()) {
            var first = early.firstEntry();
            SessionEvent event = first.getValue();
            if (event.toVersion() <= delivered) {
                early.pollFirstEntry();
            } else if (event.fromVersion() == delivered) {
                early.pollFirstEntry();
                LoopFanOut.each(connections, c -> c.deliverOnLoop(event));
                delivered = event.toVersion();
            } else {
                if (!repairScheduled) {
                    repairScheduled = true;
                    gapRepair.accept(delivered);
                }
                return;
            }
        }
    }
}
