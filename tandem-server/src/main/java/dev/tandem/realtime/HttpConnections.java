package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.StaleSequenceException;
import dev.tandem.access.SocketGate;
import dev.tandem.api.ApiException;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.ErrorCode;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * HTTP-transport connections ("Editing without WebSockets"): one participant model with the socket. A
 * connection is a {@link ClientConnection} like a socket's, held by its <em>home</em> node (the one that took
 * {@code POST /api/sessions/{id}/connections}), joined to the session's fan-out there, with an
 * {@link HttpOutbound} that numbers its server messages into a log in the cluster instead of writing frames.
 * Its client messages, {@code POST}ed to any node, are queued in the cluster in order of arrival; the home
 * node takes them in that order and hands each to {@link SessionSocket#handle}, exactly as a socket's. Streams
 * and polls on any node read the log ({@link HttpMessageLog}). Idle connections are closed by their home.
 */
@ApplicationScoped
public class HttpConnections {
    /** Most messages one read returns. */
    static final int READ_MAX = 500;
    private static final long WELCOME_TIMEOUT_MS = 15_000;
    /** How long a closed connection's logs stay for readers still on their way, before they are destroyed. */
    private static final long DESTROY_AFTER_MS = 30_000;

    /** A connection held by this node. */
    private static final class Home {
        final String id;
        final ClientConnection connection;
        final ContextInternal context;
        final long openedAt = System.currentTimeMillis();
        volatile boolean ended;

        Home(String id, ClientConnection connection, ContextInternal context) {
            this.id = id;
            this.connection = connection;
            this.context = context;
        }
    }

    /** Messages numbered after a reader's {@code after}: each with its number; {@code ended} once the log is closed. */
    record Page(List<Long> numbers, List<String> messages, long last, boolean ended) {}

    private final HazelcastInstance hazelcast;
    private final SessionSocket socket;
    private final SocketGate gate;
    private final RealtimeConfig realtime;
    private final HttpTransportConfig config;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final IMap<String, String> connections;
    private final IMap<String, Long> seen;
    private final Map<String, Home> homes = new ConcurrentHashMap<>();
    /** Long reads parked on a log, shared by the readers waiting for the same message (a poll that timed out leaves one). */
    private final Map<String, CompletableFuture<ReadResultSet<String>>> parked = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-http-transport");
        t.setDaemon(true);
        return t;
    });

    public HttpConnections(HazelcastInstance hazelcast, SessionSocket socket, SocketGate gate, RealtimeConfig realtime,
                           HttpTransportConfig config, ObjectMapper mapper, Vertx vertx) {
        this.hazelcast = hazelcast;
        this.socket = socket;
        this.gate = gate;
        this.realtime = realtime;
        this.config = config;
        this.mapper = mapper;
        this.vertx = vertx;
        this.connections = hazelcast.getMap(HttpMessageLog.CONNECTIONS);
        this.seen = hazelcast.getMap(HttpMessageLog.SEEN);
        long sweep = Math.max(100, Math.min(1000, config.idleMs() / 10));
        timer.scheduleWithFixedDelay(this::closeIdle, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** The cluster's side of the transport: the logs' ring buffers (called while the member is configured). */
    public static void configure(com.hazelcast.config.Config config, int backupCount, HttpTransportConfig transport) {
        HttpMessageLog.configure(config, backupCount, transport);
    }

    HttpTransportConfig config() {
        return config;
    }

    RealtimeConfig realtime() {
        return realtime;
    }

    /**
     * Opens a connection: admission as for a socket, then its hello; answers the 201 body
     * {@code {"connection","welcome"}}, or fails with the {@link ApiException} of the refusal.
     */
    CompletionStage<String> open(String capability, Function<String, String> header, String query, String ip, String body) {
        ObjectNode hello = helloOf(body);
        return gate.admit(header, query, ip, capability).thenCompose(admission -> {
            if (admission.refusal() != null) {
                throw new ApiException(statusOf(admission.refusal()), admission.refusal(), admission.message());
            }
            String id = newConnectionId();
            ContextInternal context = ((VertxInternal) vertx).createEventLoopContext();
            Home[] home = new Home[1];
            HttpOutbound out = new HttpOutbound("http-" + UUID.randomUUID(), HttpMessageLog.out(hazelcast, id),
                    () -> ended(home[0]));
            ClientConnection connection = new ClientConnection(out, context.nettyEventLoop(), admission.sessionId(),
                    socket.nodeId(), realtime);
            home[0] = new Home(id, connection, context);
            connection.admit(admission.sessionId(), admission.link(), admission.viewer(), admission.ip(),
                    admission.name(), gate.newByteRate());
            connection.admitted().complete(null);
            // Like a socket, the connection ends at its token's expiry (docs/security.md 8b).
            Runnable stopExpiry = socket.endAtTokenExpiry(vertx, connection, admission.tokenExpiresAtMillis());
            connection.onRelease(() -> {
                stopExpiry.run();
                gate.closed(admission);
                socket.leave(connection);
                connection.close(CloseCode.GOING_AWAY.code(), "connection released");
            });
            String entry = new HttpMessageLog.Entry(hazelcast.getCluster().getLocalMember().getUuid().toString(),
                    admission.viewer()).value();
            return connections.setAsync(id, entry)
                    .thenCompose(x -> seen.setAsync(id, System.currentTimeMillis()))
                    .thenCompose(x -> {
                        homes.put(id, home[0]);
                        context.runOnContext(v -> socket.handle(connection, hello.toString()).subscribe().with(ok -> {}, failure -> {}));
                        return out.first().orTimeout(WELCOME_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    })
                    .handle((first, failure) -> answerOpen(home[0], first, failure));
        });
    }

    private String answerOpen(Home home, String first, Throwable failure) {
        JsonNode message = null;
        try {
            if (first != null) message = mapper.readTree(first);
        } catch (Exception e) {
            // not JSON: cannot happen for server messages; treated as a failure below
        }
        if (message != null && "welcome".equals(message.path("type").asText())) {
            startInbox(home, 0);
            return "{\"connection\":\"" + home.id + "\",\"welcome\":" + first + "}";
        }
        end(home);
        if (message != null && "error".equals(message.path("type").asText())) {
            ErrorCode code = ErrorCode.valueOf(message.path("code").asText());
            throw new ApiException(statusOf(code), code, message.path("message").asText());
        }
        String why = failure != null ? failure.toString()
                : message == null ? "closed before its welcome" : "its first message was " + message.path("type").asText();
        Log.warnf("an HTTP-transport connection was not opened: %s", why);
        throw new ApiException(503, "UNAVAILABLE", "the server could not open the connection (" + why + "); try again");
    }

    private ObjectNode helloOf(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        } catch (Exception e) {
            throw new ApiException(400, ErrorCode.BAD_MESSAGE, "the body is not JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ApiException(400, ErrorCode.BAD_MESSAGE, "the body must be an object {\"clientId\",\"name\",\"resumeToken\"}");
        }
        ObjectNode hello = mapper.createObjectNode().put("type", "hello");
        object.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("type")) hello.set(field.getKey(), field.getValue());
        });
        return hello;
    }

    /** REST statuses of the contract for the errors a hello or an admission can end in. */
    static int statusOf(ErrorCode code) {
        return switch (code) {
            case UNKNOWN_SESSION -> 404;
            case FORBIDDEN -> 403;
            case CLIENT_ID_TAKEN, SESSION_FULL -> 409;
            case TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            default -> 400;
        };
    }

    private String newConnectionId() {
        byte[] bytes = new byte[18]; // 144 random bits
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The home node takes the connection's client messages in order of arrival, one at a time (each once the one
     * before is handled, as a socket's serial inbound does), on the connection's own event loop.
     */
    private void startInbox(Home home, long from) {
        if (home.ended) return;
        HttpMessageLog.in(hazelcast, home.id).readManyAsync(from, 1, Math.min(100, config.inboxCapacity()), null).whenComplete((read, failure) -> {
            if (home.ended) return;
            if (failure != null) {
                Throwable cause = unwrap(failure);
                if (cause instanceof com.hazelcast.core.HazelcastInstanceNotActiveException) return; // the node is stopping
                if (cause instanceof StaleSequenceException) {
                    Log.debugf("an HTTP-transport connection of session %s fell too far behind its inbox", home.connection.sessionId());
                } else {
                    Log.warnf("an HTTP-transport connection's inbox failed: %s", cause.toString());
                }
                home.connection.close(CloseCode.TOO_SLOW.code(), "inbox lost");
                home.connection.release();
                return;
            }
            if (read.size() > 0 && read.getSequence(0) > from) { // overwritten before the home could take them
                Log.debugf("an HTTP-transport connection of session %s lost inbox messages", home.connection.sessionId());
                home.connection.close(CloseCode.TOO_SLOW.code(), "inbox overflow");
                home.connection.release();
                return;
            }
            List<String> texts = new ArrayList<>(read.size());
            for (int i = 0; i < read.size(); i++) texts.add(read.get(i));
            long next = read.getNextSequenceToReadFrom();
            home.context.runOnContext(v -> handleEach(home, texts, 0, next));
        });
    }

    private void handleEach(Home home, List<String> texts, int index, long next) {
        if (home.ended) return;
        if (index == texts.size()) {
            startInbox(home, next);
            return;
        }
        String text = texts.get(index);
        if (text.equals(HttpMessageLog.END)) return; // the connection closed
        socket.handle(home.connection, text).subscribe().with(
                ok -> home.context.runOnContext(v -> handleEach(home, texts, index + 1, next)),
                failure -> {
                    Log.warnf(failure, "an HTTP-transport message failed");
                    home.context.runOnContext(v -> handleEach(home, texts, index + 1, next));
                });
    }

    /** Ends a connection of this node: its log is closed after what was written, then it is forgotten. */
    private void end(Home home) {
        home.connection.close(CloseCode.GOING_AWAY.code(), "connection ended");
        home.connection.release();
    }

    /** Called once the end of the connection's log is written: later requests get 404 NO_SUCH_CONNECTION. */
    private void ended(Home home) {
        if (home.ended) return;
        home.ended = true;
        homes.remove(home.id);
        home.connection.release();
        connections.removeAsync(home.id);
        seen.removeAsync(home.id);
        HttpMessageLog.in(hazelcast, home.id).addAsync(HttpMessageLog.END, com.hazelcast.ringbuffer.OverflowPolicy.OVERWRITE);
        timer.schedule(() -> {
            HttpMessageLog.out(hazelcast, home.id).destroy();
            HttpMessageLog.in(hazelcast, home.id).destroy();
        }, DESTROY_AFTER_MS, TimeUnit.MILLISECONDS);
    }

    /** Closes this node's connections that had no open stream and no request for the idle time. */
    private void closeIdle() {
        try {
            if (homes.isEmpty()) return;
            // Only the connections in this snapshot: one opened meanwhile has no entry in `last` yet.
            List<Home> snapshot = List.copyOf(homes.values());
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (Home home : snapshot) ids.add(home.id);
            Map<String, Long> last = seen.getAll(ids);
            long now = System.currentTimeMillis();
            for (Home home : snapshot) {
                Long at = last.get(home.id);
                if (at == null ? now - home.openedAt > config.idleMs() : now - at > config.idleMs()) {
                    Log.debugf("closing an idle HTTP-transport connection of session %s", home.connection.sessionId());
                    end(home);
                }
            }
        } catch (RuntimeException e) {
            Log.warnf("the idle check of HTTP-transport connections failed: %s", e.toString()); // the next round runs
        }
    }

    // ---- what any node does for a connection's requests ----

    /** The connection's entry, or a 404 NO_SUCH_CONNECTION failure (also when its home node is gone). */
    CompletionStage<HttpMessageLog.Entry> find(String id) {
        if (id == null || id.length() < 22 || id.length() > 64) {
            return CompletableFuture.failedFuture(noSuchConnection());
        }
        return connections.getAsync(id).thenApply(value -> {
            HttpMessageLog.Entry entry = HttpMessageLog.Entry.parse(value);
            if (entry == null) throw noSuchConnection();
            boolean homeAlive = hazelcast.getCluster().getMembers().stream()
                    .anyMatch(m -> m.getUuid().toString().equals(entry.home()));
            if (!homeAlive) { // the node that held it left: as if its socket had gone
                connections.removeAsync(id);
                throw noSuchConnection();
            }
            seen.setAsync(id, System.currentTimeMillis()); // any request counts as activity
            return entry;
        });
    }

    static ApiException noSuchConnection() {
        return new ApiException(404, "NO_SUCH_CONNECTION", "no such connection (it was closed, or was never opened): open a new one");
    }

    /**
     * Queues client messages in order of arrival, for the home node to handle. Each is checked here first, so
     * a bad one changes nothing: 403 (a view link's edit), 413 (over the message limit), 400 (malformed).
     */
    CompletionStage<Integer> post(String id, String body) {
        return find(id).thenCompose(entry -> {
            List<String> texts = HttpInboxCheck.check(mapper, realtime.maxMessageBytes(), entry.viewer(), body);
            if (texts.isEmpty()) return CompletableFuture.completedFuture(0);
            return HttpMessageLog.in(hazelcast, id).addAllAsync(texts, com.hazelcast.ringbuffer.OverflowPolicy.OVERWRITE)
                    .thenApply(seq -> texts.size());
        });
    }

    /**
     * The messages numbered after {@code after}: at once when there are some (or with {@code waitMs} 0), else as
     * soon as one comes or after {@code waitMs} with none. 410 MESSAGES_GONE when they are no longer kept.
     */
    CompletionStage<Page> read(String id, long after, long waitMs) {
        if (after < 0) return CompletableFuture.failedFuture(new ApiException(400, ErrorCode.BAD_MESSAGE, "after must be 0 or more"));
        long wait = Math.min(Math.max(0, waitMs), config.maxWaitMs());
        return find(id).thenCompose(entry -> {
            var log = HttpMessageLog.out(hazelcast, id);
            long start = after + 1;
            CompletableFuture<ReadResultSet<String>> read = wait == 0
                    ? PlainFutures.of(log.readManyAsync(start, 0, readMax(), null))
                    : parkedRead(id, start).copy().orTimeout(wait, TimeUnit.MILLISECONDS);
            return read.handle((result, failure) -> {
                if (failure == null) {
                    // A ring buffer reads from its head when asked for less: messages before it are gone.
                    if (result.size() > 0 && result.getSequence(0) > start) throw messagesGone();
                    return page(result, after);
                }
                Throwable cause = unwrap(failure);
                if (cause instanceof TimeoutException) return new Page(List.of(), List.of(), after, false);
                if (cause instanceof StaleSequenceException) throw messagesGone();
                if (cause instanceof IllegalArgumentException) {
                    throw new ApiException(400, ErrorCode.BAD_MESSAGE, "after is beyond the last message");
                }
                throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
            });
        });
    }

    static ApiException messagesGone() {
        return new ApiException(410, "MESSAGES_GONE", "those messages are no longer kept: open a new connection");
    }

    /** A read may not ask for more than the ring buffer holds. */
    private int readMax() {
        return Math.min(READ_MAX, config.logCapacity());
    }

    private CompletableFuture<ReadResultSet<String>> parkedRead(String id, long start) {
        String key = id + ":" + start;
        return parked.computeIfAbsent(key, k -> {
            CompletableFuture<ReadResultSet<String>> read = PlainFutures.of(HttpMessageLog.out(hazelcast, id)
                    .readManyAsync(start, 1, readMax(), null));
            read.whenComplete((r, f) -> parked.remove(k));
            return read;
        });
    }

    private static Page page(ReadResultSet<String> result, long after) {
        List<Long> numbers = new ArrayList<>(result.size());
        List<String> messages = new ArrayList<>(result.size());
        long last = after;
        boolean ended = false;
        for (int i = 0; i < result.size(); i++) {
            String message = result.get(i);
            if (message.equals(HttpMessageLog.END)) {
                ended = true;
                break;
            }
            last = result.getSequence(i);
            numbers.add(last);
            messages.add(message);
        }
        return new Page(numbers, messages, last, ended);
    }

    /** Checks, before a stream starts, that the connection exists and its messages after {@code after} are kept. */
    void checkReadable(String id, long after) {
        try {
            find(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
            var log = HttpMessageLog.out(hazelcast, id);
            if (after + 1 < log.headSequence()) throw messagesGone();
            if (after > log.tailSequence()) throw new ApiException(400, ErrorCode.BAD_MESSAGE, "Last-Event-ID is beyond the last message");
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "UNAVAILABLE", "interrupted");
        } catch (TimeoutException e) {
            throw new ApiException(503, "UNAVAILABLE", "the cluster did not answer in time");
        }
    }

    /** How many connections this node is home to (tests, health). */
    int localCount() {
        return homes.size();
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * A stopping node ends the connections it holds, as NodeDrain closes its sockets: the others see them leave,
     * their streams end, and their clients open new connections on another node (and pull).
     */
    void onShutdownDelay(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownDelayInitiatedEvent event) {
        drain();
    }

    void onShutdown(@jakarta.enterprise.event.Observes @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE)
                    io.quarkus.runtime.ShutdownEvent event) {
        drain();
    }

    private void drain() {
        for (Home home : List.copyOf(homes.values())) end(home);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
