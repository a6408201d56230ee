package dev.tandem.realtime;

import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The sockets of one session on this node, and the session's streams of updates (one per file, v1.1 "Several
 * files") each put in version order.
 *
 * <p>The topic does not promise order between publishers (two pushes accepted one after the other may be
 * published by different threads or nodes), so batches are delivered strictly by version: early ones wait,
 * and a gap that stays open is filled from the authority's history ({@code gapRepair}).
 */
final class LocalSession implements MessageListener<SessionEvent> {
    /** Asks the authority for what a document's stream lacks after {@code version}. */
    interface GapRepair {
        void schedule(String document, int version);
    }

    final String sessionId;
    final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    volatile UUID registration;

    private final GapRepair gapRepair;
    private final Function<String, CompletableFuture<FileIndex>> indexLoader;
    /** One ordered stream per document, by key; the main file's is the session's id. */
    private final ConcurrentHashMap<String, Stream> streams = new ConcurrentHashMap<>();
    /** The last known length of each document (for the limit on all files together). */
    private final ConcurrentHashMap<String, Integer> lengths = new ConcurrentHashMap<>();
    /** The same for what each document takes as JSON (the byte limit on all files together). */
    private final ConcurrentHashMap<String, Long> jsonBytes = new ConcurrentHashMap<>();
    private volatile CompletableFuture<FileIndex> index;

    LocalSession(String sessionId, GapRepair gapRepair, Function<String, CompletableFuture<FileIndex>> indexLoader) {
        this.sessionId = sessionId;
        this.gapRepair = gapRepair;
        this.indexLoader = indexLoader;
    }

    /** Events from the topic: those of other nodes (this node's own were delivered here directly). */
    @Override
    public void onMessage(Message<SessionEvent> message) {
        var publisher = message.getPublishingMember();
        if (publisher != null && publisher.localMember()) return;
        accept(message.getMessageObject());
    }

    void accept(SessionEvent event) {
        switch (event.kind()) {
            case BROADCAST -> broadcast(event);
            case FILES -> {
                index = null; // read again on the next use: after this event, the table has the change
                // A file made or deleted (on any node): the limits on all files count it, or no longer, at once.
                if (event.document() != null && event.length() >= 0) seedSize(event.document(), event.length(), event.jsonBytes());
                else if (event.document() != null) forget(event.document());
                if (event.json() != null) broadcast(event);
            }
            case CLOSE -> {
                for (ClientConnection c : connections) {
                    if (event.exceptClientId() == null || event.exceptClientId().equals(c.clientId())) {
                        c.send(event.json());
                        c.close(event.fromVersion(), event.exceptClientId() == null ? "session closed" : "removed from the session");
                        c.release();
                    }
                }
            }
            case REPLACE -> {
                for (ClientConnection c : connections) {
                    if (event.exceptClientId().equals(c.clientId()) && !event.json().equals(c.key())) {
                        c.close(event.fromVersion(), "replaced by a newer connection");
                        c.release();
                    }
                }
            }
            case UPDATES -> {
                String document = documentOf(event);
                if (event.length() >= 0) lengths.put(document, event.length());
                if (event.jsonBytes() >= 0) jsonBytes.put(document, event.jsonBytes());
                stream(document).accept(event);
            }
        }
    }

    private void broadcast(SessionEvent event) {
        long bytes = ClientConnection.utf8Length(event.json()); // once for every socket, not once per socket
        LoopFanOut.each(connections, c -> {
            if (c.hasJoined() && !c.clientId().equals(event.exceptClientId())) c.writeBroadcast(event.json(), bytes);
        });
    }

    private String documentOf(SessionEvent event) {
        return event.document() == null ? sessionId : event.document();
    }

    private Stream stream(String document) {
        return streams.computeIfAbsent(document, d -> new Stream(d, !d.equals(sessionId)));
    }

    /** Sets the version from which the main file's stream starts (the authority's, read after subscribing). */
    void startAt(int version) {
        stream(sessionId).startAt(version);
    }

    /** The same for another file's stream, from the welcome's read of it (only the first start counts). */
    void startAt(String document, int version, int length) {
        lengths.putIfAbsent(document, length);
        stream(document).startAt(version);
    }

    /** The same, with what the file's text takes as JSON. */
    void startAt(String document, int version, int length, long bytes) {
        jsonBytes.putIfAbsent(document, bytes);
        startAt(document, version, length);
    }

    int delivered() {
        return stream(sessionId).delivered();
    }

    /** Called after a repair was scheduled; true when the gap is still open. */
    boolean gapStillOpen(String document, int at) {
        Stream s = streams.get(document);
        return s != null && s.gapStillOpen(at);
    }

    /** Which document each path is; read from the cluster once after every change of the session's files. */
    CompletableFuture<FileIndex> index() {
        CompletableFuture<FileIndex> current = index;
        if (current == null || current.isCompletedExceptionally()) {
            current = indexLoader.apply(sessionId);
            index = current;
        }
        return current;
    }

    /** The known length of every document but {@code except} (the limit counts all files together). */
    int otherLengths(String except) {
        long total = 0;
        for (Map.Entry<String, Integer> e : lengths.entrySet()) if (!e.getKey().equals(except)) total += e.getValue();
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /** A document's length as read when it was welcomed or made, unless an update told a newer one already. */
    void seedLength(String document, int length) {
        lengths.putIfAbsent(document, length);
    }

    /** The same with what its text takes as JSON. */
    void seedSize(String document, int length, long bytes) {
        jsonBytes.putIfAbsent(document, bytes);
        seedLength(document, length);
    }

    /** What every document but {@code except} takes as JSON, as this node last saw them (the byte limit on all files). */
    long otherJsonBytes(String except) {
        long total = 0;
        for (Map.Entry<String, Long> e : jsonBytes.entrySet()) if (!e.getKey().equals(except)) total += e.getValue();
        return total;
    }

    /** A deleted file: its stream and length are forgotten. */
    void forget(String document) {
        streams.remove(document);
        lengths.remove(document);
        jsonBytes.remove(document);
    }

    /** One document's updates in version order. */
    private final class Stream {
        private final String document;
        /** Version delivered to the sockets; -1 until the starting version is known. Guarded by this. */
        private int delivered = -1;
        /** Batches that arrived ahead of a gap, by the version they start from. Guarded by this. */
        private final TreeMap<Integer, SessionEvent> early = new TreeMap<>();
        private boolean repairScheduled;
        /**
         * A file's stream that no welcome started (the file was made after this node's sockets joined) starts at
         * its first batch: every socket still checks its own version and catches up on a gap.
         */
        private final boolean startsAtFirstBatch;

        Stream(String document, boolean startsAtFirstBatch) {
            this.document = document;
            this.startsAtFirstBatch = startsAtFirstBatch;
        }

        synchronized void accept(SessionEvent event) {
            if (delivered < 0 && startsAtFirstBatch) delivered = event.fromVersion();
            if (delivered >= 0 && event.toVersion() <= delivered) return; // a duplicate (own publish, repair)
            early.put(event.fromVersion(), event);
            drain();
        }

        synchronized void startAt(int version) {
            if (delivered < 0) delivered = version;
            early.headMap(delivered, false).clear();
            drain();
        }

        synchronized int delivered() {
            return delivered;
        }

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
                    long bytes = ClientConnection.utf8Length(event.json()); // once for every socket, not once per socket
                    LoopFanOut.each(connections, c -> c.deliverOnLoop(event, bytes));
                    delivered = event.toVersion();
                } else {
                    if (!repairScheduled) {
                        repairScheduled = true;
                        gapRepair.schedule(document, delivered);
                    }
                    return;
                }
            }
        }
    }
}
