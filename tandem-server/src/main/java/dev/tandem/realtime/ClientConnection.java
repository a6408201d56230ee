package dev.tandem.realtime;

import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.Participant;
import io.netty.channel.EventLoop;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's socket on this node: what it has been sent, and a bounded outbound buffer.
 *
 * <p>It tracks the version it has delivered so that every client receives each update exactly once and in
 * order, whether it came from the live fan-out, from its own push, or from a catch-up. A client that does not
 * read fast enough is disconnected rather than allowed to hold memory without bound or stall the others; it
 * resumes with {@code pull}.
 *
 * <p>Threads: everything that writes to the socket or moves its delivered version runs on the socket's own
 * event loop ({@link #onLoop}), so what the client receives is exactly the order in which that one thread
 * did it, whichever thread (Hazelcast's, another socket's loop) the work came from. It also means that
 * work already on the right loop writes at once, without a hand-off.
 */
public final class ClientConnection {
    /** Close code for a client whose outbound buffer overflowed. */
    public static final int CLOSE_TOO_SLOW = CloseCode.TOO_SLOW.code();

    /** Where this client's messages go: its socket, or the message log of an HTTP-transport connection. */
    private final Outbound out;
    /** The Netty event loop that owns the socket; null only outside Vert.x (never in the server). */
    private final EventLoop loop;
    private volatile String sessionId;
    private final String key;
    private final RealtimeConfig config;
    private final dev.tandem.access.RateLimit rateLimit;
    private final AtomicInteger pendingMessages = new AtomicInteger();
    private final AtomicLong pendingBytes = new AtomicLong();
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    /** Takes this connection out of its session; run once, whichever comes first: the close or an eviction. */
    private volatile Runnable release = () -> {};

    /** Set once the socket's capability is resolved (dev.tandem.access.SocketGate). */
    private final java.util.concurrent.CompletableFuture<Void> admitted = new java.util.concurrent.CompletableFuture<>();
    private volatile String link;
    private volatile boolean viewer;
    private volatile String ip;
    private volatile String tokenName;
    private volatile dev.tandem.access.RateLimit byteRate;

    /** Who joined on this connection (null until hello): one value, so no reader sees half of an identity. */
    private volatile Participant participant;

    /** Version of the main file delivered to this client; -1 until its welcome is sent. On the event loop only. */
    private int version = -1;
    /**
     * Versions of the session's other files delivered to this client (v1.1 "Several files"), by document key;
     * a file made after the welcome starts at 0. On the event loop only.
     */
    private final java.util.Map<String, Integer> fileVersions = new java.util.HashMap<>();
    /** This node's part of the session (set when it joins the fan-out). */
    private volatile LocalSession local;
    /** Update batches that arrived before the welcome. On the event loop only. */
    private final List<SessionEvent> beforeWelcome = new ArrayList<>();
    /** Broadcasts (presence, joined, runs) that arrived before the welcome, which comes first. On the event loop only. */
    private final List<String> broadcastsBeforeWelcome = new ArrayList<>();
    /** Documents for which a catch-up for this client is on its way. On the event loop only. */
    private final java.util.Set<String> catchingUp = new java.util.HashSet<>();
    /** Called with a document and its delivered version when this client missed updates and needs a catch-up. */
    private volatile CatchUp catchUp = (document, v) -> {};

    /** Fetches what a client lacks of one document after {@code version}. */
    interface CatchUp {
        void fetch(String document, int version);
    }
    /**
     * True while later pages of a paged pull or catch-up ({@link PagedUpdates}) are on their way; the live stream's
     * batches (of every file) wait in {@link #heldWhilePaging} meanwhile, so the client receives one contiguous
     * run of versions. On the event loop only.
     */
    private boolean paging;
    private final List<SessionEvent> heldWhilePaging = new ArrayList<>();

    ClientConnection(WebSocketConnection socket, EventLoop loop, String sessionId, String nodeId, RealtimeConfig config) {
        this(Outbound.of(socket), loop, sessionId, nodeId, config);
    }

    /** A connection over any transport ({@link Outbound}): the socket's, or HTTP's ({@link HttpConnections}). */
    ClientConnection(Outbound out, EventLoop loop, String sessionId, String nodeId, RealtimeConfig config) {
        this.out = out;
        this.loop = loop;
        this.sessionId = sessionId;
        this.key = nodeId + "/" + out.id();
        this.config = config;
        this.rateLimit = new dev.tandem.access.RateLimit(config.messagesPerSecond(), config.messageBurst());
    }

    /** Binds the socket to the session its capability names, with its role (access control). */
    void admit(String sessionId, String link, boolean viewer, String ip, String tokenName, dev.tandem.access.RateLimit byteRate) {
        this.sessionId = sessionId;
        this.link = link;
        this.viewer = viewer;
        this.ip = ip;
        this.tokenName = tokenName;
        this.byteRate = byteRate;
    }

    java.util.concurrent.CompletableFuture<Void> admitted() {
        return admitted;
    }

    /** The capability this socket was opened with (what the client knows as the session id). */
    String link() {
        return link != null ? link : sessionId;
    }

    public boolean isViewer() {
        return viewer;
    }

    String ip() {
        return ip;
    }

    String tokenName() {
        return tokenName;
    }

    boolean allowBytes(long bytes) {
        dev.tandem.access.RateLimit rate = byteRate;
        return rate == null || rate.tryTake(bytes);
    }

    boolean isClosing() {
        return closing;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Names this connection in the roster: the node that holds it and its id there. */
    public String key() {
        return key;
    }

    public String clientId() {
        Participant p = participant;
        return p == null ? null : p.clientId();
    }

    /** Who joined on this connection: clientId, name and colour as the roster has them; null before hello. */
    public Participant participant() {
        return participant;
    }

    /** Who did it, for the events that say so (runs, files, the language): the participant's name, else its clientId. */
    public String by() {
        Participant p = participant;
        if (p == null) return null;
        return p.name() != null ? p.name() : p.clientId();
    }

    public boolean hasJoined() {
        return participant != null;
    }

    void identify(String clientId, String name, String color) {
        this.participant = new Participant(clientId, name, color);
    }

    void onRelease(Runnable release) {
        this.release = release;
    }

    boolean isReleased() {
        return released.get();
    }

    /** Takes the connection out of its session (roster, fan-out) once; later calls do nothing. */
    void release() {
        if (released.compareAndSet(false, true)) release.run();
    }

    void onCatchUp(CatchUp catchUp) {
        this.catchUp = catchUp;
    }

    void local(LocalSession local) {
        this.local = local;
    }

    /** This node's part of the session, or null before the connection joined the fan-out. */
    LocalSession local() {
        return local;
    }

    boolean allowMessage() {
        return rateLimit.tryTake(1);
    }

    /** The event loop that owns this socket (null outside Vert.x). */
    EventLoop loop() {
        return loop;
    }

    /** Runs the task on this socket's event loop: at once when called there, otherwise queued in order. */
    void onLoop(Runnable task) {
        if (loop == null || loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            Log.debugf("connection %s: its event loop has shut down", key); // the server is stopping
        }
    }

    /** Sends the welcome, then whatever updates arrived while it was being prepared. */
    void welcome(String welcomeJson, int atVersion) {
        welcome(welcomeJson, atVersion, java.util.Map.of());
    }

    /** The same, with the versions of the session's other files that the welcome carries, by document key. */
    void welcome(String welcomeJson, int atVersion, java.util.Map<String, Integer> otherFiles) {
        onLoop(() -> {
            write(welcomeJson);
            version = atVersion;
            fileVersions.putAll(otherFiles);
            // Once the version is set, delivering never adds to beforeWelcome again.
            for (SessionEvent event : beforeWelcome) deliverOnLoop(event);
            beforeWelcome.clear();
            broadcastsBeforeWelcome.forEach(this::write);
            broadcastsBeforeWelcome.clear();
        });
    }

    /**
     * Writes a broadcast of the session (on the event loop); one that arrives while the welcome is on its way
     * waits for it, so the welcome is always a client's first message (an HTTP connection's message 0).
     */
    void writeBroadcast(String json) {
        writeBroadcast(json, -1);
    }

    /** The same with the message's UTF-8 length counted by the caller, once for all the sockets it goes to (-1: not counted). */
    void writeBroadcast(String json, long utf8Bytes) {
        if (version < 0) broadcastsBeforeWelcome.add(json);
        else write(json, utf8Bytes, null);
    }

    /**
     * Delivers one batch of the session's ordered update stream; the caller is on this socket's loop
     * ({@link LoopFanOut} sees to that).
     */
    void deliverOnLoop(SessionEvent event) {
        deliverOnLoop(event, -1);
    }

    /**
     * The same with the batch's UTF-8 length counted by the caller, once for all the sockets it goes to (-1: not
     * counted): the fan-out writes one string to every socket of the session, and counting it for each of them
     * was a pass over the frame per recipient.
     */
    void deliverOnLoop(SessionEvent event, long utf8Bytes) {
        if (version < 0) {
            beforeWelcome.add(event);
            return;
        }
        if (paging) {
            heldWhilePaging.add(event);
            if (heldWhilePaging.size() > config.outboundMaxMessages()) tooSlow();
            return;
        }
        String document = event.document();
        boolean main = document == null || document.equals(sessionId);
        int at = main ? version : fileVersions.getOrDefault(document, 0);
        if (event.toVersion() <= at) return; // already has it
        if (event.fromVersion() == at) {
            write(event.json(), utf8Bytes, null);
            if (main) version = event.toVersion();
            else fileVersions.put(document, event.toVersion());
        } else if (catchingUp.add(main ? sessionId : document)) {
            catchUp.fetch(main ? sessionId : document, at); // missed something: fetch exactly what it lacks
        }
    }

    /** Sends a catch-up or pull answer of the main file covering versions up to {@code toVersion}. */
    void deliverCatchUp(String json, int toVersion) {
        deliverCatchUp(null, json, toVersion, false, null);
    }

    /** Sends a catch-up or pull answer of one document (null: the main file) covering versions up to {@code toVersion}. */
    void deliverCatchUp(String document, String json, int toVersion) {
        deliverCatchUp(document, json, toVersion, false, null);
    }

    /**
     * The same for the first page of a paged one ({@link PagedUpdates}): with {@code more}, the live stream waits
     * until the last page, and {@code afterWritten} runs once the transport has taken this one.
     */
    void deliverCatchUp(String document, String json, int toVersion, boolean more, Runnable afterWritten) {
        onLoop(() -> {
            catchingUp.remove(document == null ? sessionId : document);
            paging = more;
            write(json, afterWritten);
            advance(document, toVersion);
        });
    }

    /**
     * Writes a later page of a paged pull or catch-up, which continues where the one before ended, and runs
     * {@code afterWritten} once the transport has taken it: the next page is read only then, so a long history
     * never waits in memory all at once. On the event loop.
     */
    void writePage(String document, String json, int toVersion, boolean more, Runnable afterWritten) {
        write(json, afterWritten);
        advance(document, toVersion);
        if (!more) endPaging();
    }

    /** The delivered version of a document (null: the main file) moves up to {@code toVersion}. On the event loop. */
    private void advance(String document, int toVersion) {
        if (document == null || document.equals(sessionId)) {
            if (toVersion > version) version = toVersion;
        } else if (toVersion > fileVersions.getOrDefault(document, 0)) {
            fileVersions.put(document, toVersion);
        }
    }

    /** The last page is out: what the live stream brought meanwhile follows (on the event loop). */
    void endPaging() {
        paging = false;
        List<SessionEvent> held = new ArrayList<>(heldWhilePaging);
        heldWhilePaging.clear();
        for (SessionEvent event : held) deliverOnLoop(event);
    }

    /** A deleted file: nothing more of it is delivered, and its version is forgotten. On any thread. */
    void forgetFile(String document) {
        onLoop(() -> fileVersions.remove(document));
    }

    /** Sends a message from any thread: it is written on the event loop, after what was handed there before. */
    public void send(String json) {
        onLoop(() -> write(json));
    }

    /** Writes a message (on the event loop); a client whose queue is full is disconnected instead. */
    void write(String json) {
        write(json, null);
    }

    /** The same; {@code afterWritten} (if any) runs on the event loop once the transport has taken the message. */
    private void write(String json, Runnable afterWritten) {
        write(json, -1, afterWritten);
    }

    /** The same with {@code json}'s UTF-8 length already counted ({@code utf8Bytes}), or -1 to count it here. */
    private void write(String json, long utf8Bytes, Runnable afterWritten) {
        if (closing) {
            RealtimeStats.OUTBOUND_DROPS.increment();
            return;
        }
        long bytes = utf8Bytes >= 0 ? utf8Bytes : utf8Length(json);
        if (pendingMessages.get() >= config.outboundMaxMessages() || pendingBytes.get() + bytes > config.outboundMaxBytes()) {
            RealtimeStats.OUTBOUND_DROPS.increment();
            tooSlow();
            return;
        }
        pendingMessages.incrementAndGet();
        pendingBytes.addAndGet(bytes);
        out.write(json, done -> {
            sent(bytes);
            if (afterWritten != null && done.succeeded()) onLoop(afterWritten);
        });
    }

    /**
     * The bytes {@code text} takes on the wire (UTF-8), which is what the outbound budget limits: counting
     * UTF-16 chars let a document of three-byte characters queue three times the budget for a stalled client.
     * One pass without allocating, so the fan-out can afford it for every message.
     */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes++;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // one code point beyond the BMP, as a pair
                i++;
            } else bytes += 3;
        }
        return bytes;
    }

    private void tooSlow() {
        // The close frame queues behind everything the client is not reading, so it may take a while to
        // land; the session lets go of this client now, so the others see it leave at once.
        RealtimeStats.SLOW_CLIENT_CLOSES.increment();
        close(CLOSE_TOO_SLOW, "too far behind: reconnect and pull");
        release();
    }

    private void sent(long bytes) {
        pendingMessages.decrementAndGet();
        pendingBytes.addAndGet(-bytes);
    }

    /** Closes the socket after everything sent before (on the event loop, like the writes). */
    public void close(int code, String reason) {
        onLoop(() -> {
            if (closing) return;
            closing = true;
            // Before admission sessionId still holds the link from the path, a capability: never log it.
            Log.debugf("closing connection %s of session %s: %d %s", key, link != null ? sessionId : "(not admitted)", code, reason);
            out.close(code, reason);
        });
    }
}
