package dev.tandem.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Tandem session client over the JDK's {@link WebSocket}: it keeps a local copy of the document in a
 * {@link CollabState}, pushes local edits and takes in everyone else's, following the wire contract.
 *
 * <p><b>Pushing.</b> At most one push is in flight, as in CodeMirror. After its {@code ack} or {@code conflict}
 * the client waits until it has received the updates up to the version the server named (they are already
 * on their way; if they do not arrive within {@link #CATCH_UP_WAIT} it pulls them), then pushes whatever is
 * still unconfirmed, rebased over them.
 *
 * <p><b>Reconnecting.</b> A lost connection is retried with exponential backoff and jitter, cycling through
 * the server URIs. On the new connection the client keeps its own document (never the welcome content while
 * it has state), pulls what it missed and pushes its unconfirmed updates again; the server skips the ones it
 * had already accepted ({@code clientId}, {@code seq}), so nothing is applied twice.
 *
 * <p><b>Loss case.</b> If the server no longer retains the updates after the client's version
 * ({@code VERSION_GONE}), or reports that the client is ahead of it ({@code VERSION_AHEAD}, e.g. after the
 * server lost data), the client cannot rebase: it reports an error, drops the connection and, on the next
 * welcome, starts again from the welcome content. Its unconfirmed edits are then lost; they are handed to
 * {@link TandemListener#onReloaded} so an application can offer them to the user. A push the server refuses
 * for good ({@code INVALID_CHANGES}, {@code TOO_LARGE}, {@code FORBIDDEN}) stops pushing until the next
 * connection; the edits stay local and unconfirmed. {@code UNKNOWN_SESSION} closes the client for good.
 *
 * <p><b>Threads.</b> Socket callbacks and timers run on other threads; all state is guarded by one lock.
 * Listener callbacks run outside it, one at a time.
 */
public final class TandemClient implements AutoCloseable {
    static final Duration CATCH_UP_WAIT = Duration.ofSeconds(1);
    /** Retry delay after an error that does not say which request it refused (e.g. RATE_LIMITED). */
    private static final Duration RETRY_AFTER_ERROR = Duration.ofMillis(250);
    /** Keeps pushes well below the server's default 1 MiB message limit. */
    private static final int MAX_PUSH_CHARS = 256 * 1024;
    /** The server's limit of updates per push. */
    private static final int MAX_PUSH_UPDATES = 1000;
    private static final Logger LOG = Logger.getLogger(TandemClient.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-client-timer");
        t.setDaemon(true);
        return t;
    });

    private final List<URI> socketUris;
    private final String clientId;
    /** The v1.1 resume token of clientId in this session, from the first welcome; sent with every later hello. */
    private volatile String resumeToken;
    private final String name;
    private final TandemListener listener;
    private final HttpClient http;
    private final IncomingParser parser = new IncomingParser(MAPPER);
    private final OutgoingJson outgoing = new OutgoingJson(MAPPER.getFactory());
    private final EventDispatcher events;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Everything below is guarded by lock.
    private final Backoff backoff;
    private CollabState state;
    private int nextSeqBeforeState = 1;
    private boolean reloadNeeded;
    /** The highest version the server has named; the client does not push until it has caught up to it. */
    private int knownServerVersion;
    private Connection connection;
    private boolean joined;
    private boolean pushInFlight;
    private boolean pushBlocked;
    private boolean pullOutstanding;
    private int pullFrom = -1;
    /** A batch was dropped as a gap while a pull was out: the pull's answer may not cover it. */
    private boolean gapWhilePulling;
    private int uriIndex;
    private boolean reconnectPaused;
    private boolean closed;
    private ScheduledFuture<?> catchUpTimer;
    private ScheduledFuture<?> reconnectTimer;
    private ScheduledFuture<?> retryTimer;

    private TandemClient(Builder b) {
        if (b.servers.isEmpty()) throw new IllegalArgumentException("at least one server URI is needed");
        this.socketUris = b.servers.stream().map(uri -> SessionUris.socketUri(uri, b.sessionId)).toList();
        this.clientId = b.clientId != null ? b.clientId : UUID.randomUUID().toString();
        this.name = b.name;
        this.listener = b.listener != null ? b.listener : new TandemListener() {};
        this.http = b.http != null ? b.http : HttpClient.newHttpClient();
        this.backoff = new Backoff(b.backoffInitial, b.backoffMax);
        this.events = new EventDispatcher((event, e) -> LOG.log(Level.WARNING, "a Tandem listener failed", e));
    }

    public static Builder builder(String sessionId) {
        return new Builder(sessionId);
    }

    /** Connects to the session (asynchronously; see {@link #awaitConnected}). {@code clientId} may be null. */
    public static TandemClient connect(List<URI> servers, String sessionId, String clientId, String name) {
        return builder(sessionId).servers(servers).clientId(clientId).name(name).connect();
    }

    // ---- public API -------------------------------------------------------------------------------------

    public String clientId() {
        return clientId;
    }

    /** The local document, including unconfirmed edits; empty until the first welcome. */
    public String text() {
        return read(() -> state == null ? "" : state.text());
    }

    /** The server version the local document is synced to; -1 until the first welcome. */
    public int version() {
        return read(() -> state == null ? -1 : state.version());
    }

    public int unconfirmedCount() {
        return read(() -> state == null ? 0 : state.unconfirmedCount());
    }

    /** True once welcomed on the current connection. */
    public boolean isConnected() {
        return read(() -> joined);
    }

    /** Replaces {@code from..to} of the local document with {@code insert} and sends it. */
    public void edit(int from, int to, String insert) {
        locked(() -> {
            requireState();
            applyLocal(ChangeSet.of(state.text().length(), from, to, insert));
        });
    }

    /** Applies a change made against the current local document and sends it. */
    public void applyChange(ChangeSet changes) {
        locked(() -> {
            requireState();
            applyLocal(changes);
        });
    }

    /**
     * Makes a change against the local document as it is at this moment and sends it: {@code makeChange} is
     * called under the client's lock, so no remote update can slip in between reading the text and applying
     * the change made for it. A null answer changes nothing.
     */
    public void change(java.util.function.Function<String, ChangeSet> makeChange) {
        locked(() -> {
            requireState();
            ChangeSet changes = makeChange.apply(state.text());
            if (changes != null) applyLocal(changes);
        });
    }

    /**
     * Shows this client's cursor ({@code anchor == head}) or selection to the others; a negative anchor hides
     * it. Positions are in the local document and tagged with the synced version, as CodeMirror does: while
     * edits are unconfirmed they can be slightly off for the others until the next presence.
     */
    public void sendPresence(int anchor, int head) {
        locked(() -> {
            if (joined) send(outgoing.presence(anchor, head, state.version()));
        });
    }

    /** Waits for the first welcome of the current connection. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return await(timeout, () -> joined);
    }

    /**
     * Waits until the client is connected, has nothing unconfirmed or in flight, and has received every
     * update up to the latest version the server named to it.
     */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return await(timeout, this::isSynced);
    }

    /** Simulates a dropped connection: the state is kept and the client reconnects unless paused. */
    public void disconnect() {
        locked(() -> {
            Connection c = connection;
            if (c == null) return;
            c.abort();
            connectionLost(c, "disconnected by the application");
        });
    }

    /** Stops automatic reconnecting (for tests); a pending reconnect attempt is cancelled. */
    public void pauseReconnect() {
        locked(() -> {
            reconnectPaused = true;
            cancel(reconnectTimer);
            reconnectTimer = null;
        });
    }

    /** Resumes automatic reconnecting, connecting at once if disconnected. */
    public void resumeReconnect() {
        locked(() -> {
            reconnectPaused = false;
            if (connection == null) openConnection();
        });
    }

    @Override
    public void close() {
        locked(() -> {
            if (closed) return;
            closed = true;
            cancel(reconnectTimer);
            cancel(catchUpTimer);
            cancel(retryTimer);
            Connection c = connection;
            if (c != null) {
                c.closeNormally();
                connectionLost(c, "closed");
            }
        });
    }

    // ---- connection lifecycle -------------------------------------------------------------------------

    private TandemClient start() {
        locked(this::openConnection);
        return this;
    }

    private void openConnection() {
        if (closed || reconnectPaused || connection != null) return;
        URI uri = socketUris.get(Math.floorMod(uriIndex++, socketUris.size()));
        Connection c = new Connection();
        connection = c;
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, c)
                .whenComplete((ws, failure) -> {
                    if (failure != null) locked(() -> connectionLost(c, "cannot connect to " + uri + ": " + failure));
                });
    }

    private void connectionLost(Connection c, String why) {
        if (connection != c) return;
        connection = null;
        boolean wasJoined = joined;
        joined = false;
        pushInFlight = false;
        pullOutstanding = false;
        gapWhilePulling = false;
        cancel(catchUpTimer);
        catchUpTimer = null;
        cancel(retryTimer);
        retryTimer = null;
        LOG.fine(() -> "connection lost: " + why);
        if (wasJoined) events.queue(() -> listener.onConnectionState(false));
        changed.signalAll();
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (closed || reconnectPaused || reconnectTimer != null) return;
        long delay = backoff.nextDelayMillis();
        reconnectTimer = TIMERS.schedule(() -> locked(() -> {
            reconnectTimer = null;
            openConnection();
        }), delay, TimeUnit.MILLISECONDS);
    }

    // ---- server messages ------------------------------------------------------------------------------

    private void onMessage(Connection c, String text) {
        locked(() -> {
            if (connection != c) return; // a late message of a connection given up on
            Incoming message;
            try {
                message = parser.parse(text);
            } catch (RuntimeException e) {
                events.queue(() -> listener.onError("CLIENT", e.getMessage()));
                return;
            }
            if (message instanceof Incoming.Welcome w) welcome(w);
            else if (message instanceof Incoming.Updates u) updates(c, u);
            else if (message instanceof Incoming.Ack a) pushAnswered(a.version());
            else if (message instanceof Incoming.Conflict conflict) pushAnswered(conflict.version());
            else if (message instanceof Incoming.Error e) error(c, e);
            else if (message instanceof Incoming.Joined j) events.queue(() -> listener.onJoined(j));
            else if (message instanceof Incoming.Left l) events.queue(() -> listener.onLeft(l));
            else if (message instanceof Incoming.Presence p) events.queue(() -> listener.onPresence(p));
            else if (message instanceof Incoming.Other o) events.queue(() -> listener.onOther(o));
            changed.signalAll();
        });
    }

    private void welcome(Incoming.Welcome w) {
        joined = true;
        if (w.resumeToken() != null) resumeToken = w.resumeToken(); // proves on reconnects that this clientId is ours
        backoff.reset();
        pushBlocked = false;
        if (state == null) {
            state = new CollabState(clientId, w.content(), w.version(), nextSeqBeforeState);
            knownServerVersion = w.version();
        } else if (reloadNeeded || w.version() < state.version()) {
            // Cannot rebase (history gone, or the server is behind us): start again from its document.
            reloadNeeded = false;
            List<Update> lost = state.reload(w.content(), w.version());
            knownServerVersion = w.version();
            String text = state.text();
            int version = state.version();
            events.queue(() -> listener.onReloaded(lost, text, version));
        } else {
            knownServerVersion = Math.max(knownServerVersion, w.version());
            if (state.version() < w.version()) sendPull();
        }
        events.queue(() -> listener.onConnectionState(true));
        pump();
    }

    private void updates(Connection c, Incoming.Updates u) {
        if (!joined) return; // the contract sends welcome first; nothing to apply updates to before it
        boolean pullAnswer = pullOutstanding && u.fromVersion() == pullFrom;
        if (pullAnswer) pullOutstanding = false;
        knownServerVersion = Math.max(knownServerVersion, u.toVersion());
        ReceiveResult result;
        try {
            result = state.receive(u.fromVersion(), u.updates());
        } catch (RuntimeException e) {
            // The state may be half-updated: the only safe way on is a fresh start from the server.
            reloadNeeded = true;
            events.queue(() -> listener.onError("CLIENT", "cannot apply updates: " + e.getMessage()));
            c.abort();
            connectionLost(c, "inconsistent updates");
            return;
        }
        if (result instanceof ReceiveResult.Gap) {
            if (pullOutstanding) gapWhilePulling = true;
            else sendPull();
        } else if (result instanceof ReceiveResult.Applied applied) {
            long appliedAt = System.nanoTime();
            events.queue(() -> listener.onUpdatesApplied(u.updates(), appliedAt));
            int version = state.version();
            if (applied.confirmed() > 0) events.queue(() -> listener.onConfirmed(applied.confirmed(), version));
            if (!applied.docChanges().isEmpty()) {
                String text = state.text();
                events.queue(() -> listener.onRemoteChanges(applied.docChanges(), text, version));
            }
        }
        if (pullAnswer && gapWhilePulling) {
            // Live batches were dropped while the pull was out and its answer may predate them: fetch them now
            // instead of waiting for the catch-up timer.
            gapWhilePulling = false;
            if (state.version() < knownServerVersion) sendPull();
        }
        pump();
    }

    /** After ack or conflict: the updates up to {@code version} are on their way; wait for them, then push. */
    private void pushAnswered(int version) {
        pushInFlight = false;
        knownServerVersion = Math.max(knownServerVersion, version);
        pump();
    }

    private void error(Connection c, Incoming.Error e) {
        events.queue(() -> listener.onError(e.code(), e.message()));
        String code = Objects.requireNonNullElse(e.code(), "");
        switch (code) {
            case "VERSION_GONE", "VERSION_AHEAD" -> {
                reloadNeeded = true;
                c.abort();
                connectionLost(c, "server error " + code);
            }
            case "UNKNOWN_SESSION", "CLIENT_ID_TAKEN" -> {
                // Retrying cannot help: the session does not exist (any more), or our clientId belongs to a
                // client with another resume token. The client stays closed.
                closed = true;
                cancel(reconnectTimer);
                c.abort();
                connectionLost(c, code.equals("CLIENT_ID_TAKEN") ? "clientId taken" : "unknown session");
            }
            case "INVALID_CHANGES", "TOO_LARGE", "FORBIDDEN" -> {
                if ("push".equals(e.ref())) {
                    pushInFlight = false;
                    pushBlocked = true; // resending the same updates would be refused again
                }
            }
            default -> {
                // Not tied to a request (e.g. RATE_LIMITED): whatever we were waiting for may never come.
                pushInFlight = false;
                pullOutstanding = false;
                if (retryTimer == null) {
                    retryTimer = TIMERS.schedule(() -> locked(() -> {
                        retryTimer = null;
                        if (joined && state.version() < knownServerVersion) sendPull();
                        pump();
                    }), RETRY_AFTER_ERROR.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    // ---- pushing and pulling --------------------------------------------------------------------------

    private void applyLocal(ChangeSet changes) {
        state.localChange(changes);
        pump();
        changed.signalAll();
    }

    /** Decides what to send next: catch up first, then push the unconfirmed updates. */
    private void pump() {
        if (!joined) return;
        if (state.version() < knownServerVersion) {
            if (catchUpTimer == null) catchUpTimer = TIMERS.schedule(this::catchUpOverdue, CATCH_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        cancel(catchUpTimer);
        catchUpTimer = null;
        if (retryTimer != null || pushInFlight || pushBlocked || state.unconfirmedCount() == 0) return;
        sendPush();
    }

    private void catchUpOverdue() {
        locked(() -> {
            catchUpTimer = null;
            if (joined && state.version() < knownServerVersion) sendPull(); // the announced updates did not come
            pump();
        });
    }

    private void sendPull() {
        pullOutstanding = true;
        pullFrom = state.version();
        send(outgoing.pull(pullFrom));
    }

    private void sendPush() {
        Pushable pushable = state.pushable();
        List<String> updates = new ArrayList<>();
        int chars = 0;
        for (Update update : pushable.updates()) {
            String json = outgoing.update(update);
            if (!updates.isEmpty() && (chars + json.length() > MAX_PUSH_CHARS || updates.size() == MAX_PUSH_UPDATES)) break;
            updates.add(json);
            chars += json.length();
        }
        pushInFlight = true;
        send(outgoing.push(pushable.version(), updates));
    }

    private void send(String json) {
        if (connection != null) connection.send(json);
    }

    /** Where synchronisation stands, for logs and test failures (what it waits for when it is not synced). */
    public String describeSync() {
        return read(() -> "joined=" + joined + " connected=" + (connection != null) + " pushInFlight=" + pushInFlight
                + " pushBlocked=" + pushBlocked + " pullOutstanding=" + pullOutstanding
                + " unconfirmed=" + (state == null ? 0 : state.unconfirmedCount())
                + " version=" + (state == null ? -1 : state.version()) + " knownServerVersion=" + knownServerVersion
                + " retryTimer=" + (retryTimer != null) + " catchUpTimer=" + (catchUpTimer != null));
    }

    private boolean isSynced() {
        return joined && !pushInFlight && state.unconfirmedCount() == 0 && state.version() >= knownServerVersion;
    }

    // ---- plumbing -------------------------------------------------------------------------------------

    private void requireState() {
        if (state == null) throw new IllegalStateException("not welcomed yet: wait with awaitConnected");
    }

    private interface Check {
        boolean holds();
    }

    private boolean await(Duration timeout, Check check) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!check.holds()) {
                if (nanos <= 0) return false;
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private <T> T read(java.util.function.Supplier<T> reader) {
        lock.lock();
        try {
            return reader.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs under the lock, then delivers the listener events it queued, outside the lock. */
    private void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
        events.drain();
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) timer.cancel(false);
    }

    /** One WebSocket connection attempt; callbacks of a connection that is no longer current are ignored. */
    private final class Connection implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();
        private volatile WebSocket socket;
        /** The JDK allows one outstanding send per socket: sends are chained. Guarded by the client lock. */
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            boolean[] current = {false};
            locked(() -> {
                current[0] = connection == this;
                if (current[0]) TandemClient.this.send(outgoing.hello(clientId, name, resumeToken));
            });
            if (!current[0]) {
                webSocket.abort(); // given up on (disconnect or close) while it was opening
                return;
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data); // a long message arrives in parts
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                if (parts.capacity() > 1 << 20) parts.trimToSize();
                onMessage(this, text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            locked(() -> {
                // Replaced: this clientId resumed on a connection that is not ours (our own reconnects replace
                // sockets we already dropped, which are no longer current); coming back would take it back.
                if (statusCode == 4409 && connection == this) {
                    closed = true;
                    cancel(reconnectTimer);
                }
                connectionLost(this, "closed by the server: " + statusCode + " " + reason);
            });
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            locked(() -> connectionLost(this, "socket error: " + error));
        }

        void send(String text) {
            WebSocket ws = socket;
            if (ws == null) return;
            sending = sending.handle((ok, failure) -> null)
                    .thenCompose(ignored -> ws.sendText(text, true))
                    .whenComplete((ok, failure) -> {
                        // On the timer thread: a failure reported inside send() must not change the state
                        // under the feet of the handler that is sending.
                        if (failure != null) TIMERS.execute(() -> locked(() -> connectionLost(this, "send failed: " + failure)));
                    });
        }

        void abort() {
            WebSocket ws = socket;
            if (ws != null) ws.abort();
        }

        void closeNormally() {
            WebSocket ws = socket;
            if (ws == null) return;
            sending.handle((ok, failure) -> null)
                    .thenCompose(ignored -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                    .orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ok, failure) -> ws.abort());
        }
    }

    /** Options of a client; {@link #connect()} starts it. */
    public static final class Builder {
        private final String sessionId;
        private List<URI> servers = List.of();
        private String clientId;
        private String name;
        private TandemListener listener;
        private HttpClient http;
        private Duration backoffInitial = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(5);

        private Builder(String sessionId) {
            this.sessionId = Objects.requireNonNull(sessionId);
        }

        /** Server addresses ({@code http://host:port}, {@code ws://host:port} or full socket URIs), tried in turn. */
        public Builder servers(List<URI> servers) {
            this.servers = List.copyOf(servers);
            return this;
        }

        /** An id of its own (a fresh UUID when absent). Do not reuse one that another client instance pushed with. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder listener(TandemListener listener) {
            this.listener = listener;
            return this;
        }

        /** Share one HttpClient between many clients (a load tool); each client gets its own otherwise. */
        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        public TandemClient connect() {
            return new TandemClient(this).start();
        }
    }
}
