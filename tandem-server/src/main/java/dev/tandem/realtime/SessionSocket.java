package dev.tandem.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.access.ClientIdentities;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ClientMessageParser;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.JsonText;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.UpdatesJson;
import dev.tandem.judge.SubmissionDelivery;
import dev.tandem.judge.SubmissionService;
import dev.tandem.run.RunRefused;
import dev.tandem.run.delivery.RunDelivery;
import dev.tandem.run.queue.RunService;
import dev.tandem.session.SessionIds;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import io.netty.channel.EventLoop;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The session socket {@code /ws/sessions/{id}} of the wire contract. Messages of one connection are handled
 * one after the other (the default serial inbound mode), so a client's pushes reach the authority in the
 * order it sent them; nothing here blocks the event loop.
 */
@WebSocket(path = "/ws/sessions/{id}")
public class SessionSocket {
    static final int CLOSE_UNKNOWN_SESSION = 4404;
    /** v1.1: the client resumed on another connection, which replaces this one. */
    static final int CLOSE_REPLACED = 4409;
    /** WebSocket "message too big", after TOO_LARGE. */
    static final int CLOSE_TOO_BIG = 1009;
    private static final UserData.TypedKey<ClientConnection> CONNECTION = new UserData.TypedKey<>("tandem.connection");

    private final DocumentAuthority authority;
    private final SessionStore sessions;
    private final SessionHub hub;
    private final RealtimeConfig config;
    private final ObjectMapper mapper;
    private final ClientMessageParser parser;
    private final String nodeId;
    private final RunService runs;
    private final RunDelivery runDelivery;
    private final dev.tandem.access.SocketGate gate;
    private final SubmissionService submissions;
    private final SubmissionDelivery submissionDelivery;
    private final ClientIdentities identities;
    @jakarta.inject.Inject
    dev.tandem.metrics.EditMeters editMeters;

    public SessionSocket(DocumentAuthority authority, SessionStore sessions, SessionHub hub, RealtimeConfig config,
                         ObjectMapper mapper, HazelcastInstance hazelcast, RunService runs, RunDelivery runDelivery,
                         dev.tandem.access.SocketGate gate, SubmissionService submissions,
                         SubmissionDelivery submissionDelivery, ClientIdentities identities) {
        this.identities = identities;
        this.gate = gate;
        this.submissions = submissions;
        this.submissionDelivery = submissionDelivery;
        this.runs = runs;
        this.runDelivery = runDelivery;
        this.authority = authority;
        this.sessions = sessions;
        this.hub = hub;
        this.config = config;
        this.mapper = mapper;
        this.parser = new ClientMessageParser(mapper);
        this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection socket, @PathParam String id) {
        ClientConnection connection = new ClientConnection(socket, currentEventLoop(), id, nodeId, config);
        Vertx vertx = Vertx.currentContext() != null ? Vertx.currentContext().owner() : null; // admission runs off it
        connection.onRelease(() -> release(connection));
        socket.userData().put(CONNECTION, connection);
        if (!SessionIds.isWellFormed(id)) {
            connection.admitted().complete(null);
            return refuseUnknown(connection, id);
        }
        // Access (dev.tandem.access): the capability names the session and the role; per-IP connection limit.
        return Uni.createFrom().completionStage(gate.admit(socket.handshakeRequest(), id,
                socket.userData().get(dev.tandem.access.ClientAddressCheck.KEY))).invoke(admission -> {
            if (admission.refusal() != null) {
                sendError(connection, admission.refusal(), admission.message(), null);
                connection.close(admission.closeCode(), admission.refusal().name().toLowerCase());
            } else {
                connection.admit(admission.sessionId(), admission.link(), admission.viewer(), admission.ip(),
                        admission.name(), gate.newByteRate());
                Runnable stopExpiry = endAtTokenExpiry(vertx, connection, admission.tokenExpiresAtMillis());
                connection.onRelease(() -> {
                    stopExpiry.run();
                    gate.closed(admission);
                    release(connection);
                });
                if (connection.isReleased()) { // closed while being admitted
                    stopExpiry.run();
                    gate.closed(admission);
                }
            }
        }).eventually(() -> connection.admitted().complete(null)).replaceWithVoid();
    }

    /**
     * A socket lives no longer than the token it was opened with: at its expiry the client gets an error and
     * close 4401, and reconnects with a fresh token (otherwise a revoked user would keep editing for ever).
     */
    private Runnable endAtTokenExpiry(Vertx vertx, ClientConnection connection, long expiresAtMillis) {
        if (expiresAtMillis <= 0 || vertx == null) return () -> {};
        long delay = Math.max(1, expiresAtMillis - System.currentTimeMillis());
        long timer = vertx.setTimer(delay, id -> {
            sendError(connection, ErrorCode.FORBIDDEN, "your token expired; connect again with a new one", null);
            connection.close(dev.tandem.access.SocketGate.CLOSE_TOKEN, "token expired");
        });
        return () -> vertx.cancelTimer(timer);
    }

    @OnTextMessage
    public Uni<Void> message(WebSocketConnection socket, String text) {
        ClientConnection connection = socket.userData().get(CONNECTION);
        if (connection == null) return done();
        if (!connection.admitted().isDone()) {
            return Uni.createFrom().completionStage(connection.admitted()).chain(() -> message(socket, text));
        }
        if (connection.isClosing()) return done();
        if (!connection.allowMessage()) {
            return error(connection, ErrorCode.RATE_LIMITED, "more than " + config.messagesPerSecond()
                    + " messages per second; slow down", null);
        }
        if (isTooLarge(text)) {
            // The contract: error, then close 1009 (a client that sends such messages cannot be served anyway).
            sendError(connection, ErrorCode.TOO_LARGE, "messages are limited to " + config.maxMessageBytes() + " bytes", null);
            connection.close(CLOSE_TOO_BIG, "message too big");
            return done();
        }
        if (!connection.allowBytes(utf8Length(text))) {
            return error(connection, ErrorCode.RATE_LIMITED, "more than " + gate.bytesPerSecond()
                    + " bytes per second; slow down", null);
        }
        ClientMessage message;
        try {
            message = parser.parse(text);
        } catch (ProtocolException e) {
            return error(connection, e.code(), e.getMessage(), null);
        }
        if (connection.isViewer() && !dev.tandem.access.ViewerRule.allows(message)) {
            return error(connection, ErrorCode.FORBIDDEN, "this is a view-only link", typeOf(message));
        }
        if (message instanceof ClientMessage.Hello hello) return hello(connection, hello);
        if (!connection.hasJoined()) {
            return error(connection, ErrorCode.NOT_JOINED, "send hello first", typeOf(message));
        }
        if (message instanceof ClientMessage.Push push) return push(connection, push);
        if (message instanceof ClientMessage.Pull pull) return pull(connection, pull);
        if (message instanceof ClientMessage.Presence presence) return presence(connection, presence);
        if (message instanceof ClientMessage.Submit submit) return submit(connection, submit);
        return run(connection, (ClientMessage.Run) message);
    }

    @OnClose
    public void close(WebSocketConnection socket) {
        ClientConnection connection = socket.userData().get(CONNECTION);
        if (connection != null) connection.release();
    }

    /** Takes a connection out of its session: the fan-out, and the roster (telling the others it left). */
    private void release(ClientConnection connection) {
        hub.detach(connection);
        if (!connection.hasJoined()) return;
        String clientId = connection.clientId();
        sessions.leave(connection.sessionId(), clientId, connection.key()).whenComplete((left, failure) -> {
            if (Boolean.TRUE.equals(left)) hub.broadcast(connection.sessionId(), json(new ServerMessage.Left(clientId)), null);
        });
    }

    @OnError
    public Uni<Void> failure(WebSocketConnection socket, Throwable failure) {
        ClientConnection connection = socket.userData().get(CONNECTION);
        if (connection == null || socket.isClosed()) {
            // A client that vanished mid-message: nothing to answer, and nothing went wrong on our side.
            Log.debugf("session socket %s closed abruptly: %s", socket.id(), failure.toString());
            return done();
        }
        Log.warnf(failure, "session socket %s failed", socket.id());
        return error(connection, ErrorCode.BAD_MESSAGE, "the server could not handle that message", null);
    }

    private Uni<Void> hello(ClientConnection connection, ClientMessage.Hello hello) {
        if (connection.hasJoined()) return error(connection, ErrorCode.BAD_MESSAGE, "already joined", "hello");
        String clientId = hello.clientId() != null ? hello.clientId() : UUID.randomUUID().toString();
        // Identity first: a clientId that joined before is its owner's, so nobody else can push as them.
        CompletionStage<Void> joined = identities.claim(connection.sessionId(), clientId, hello.resumeToken())
                .thenCompose(claim -> {
                    if (claim.taken()) {
                        sendError(connection, ErrorCode.CLIENT_ID_TAKEN, "clientId '" + clientId
                                + "' is taken in this session; resume with its resumeToken or say hello with another", "hello");
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return join(connection, hello, clientId, claim);
                });
        return Uni.createFrom().completionStage(joined).replaceWithVoid();
    }

    private CompletionStage<Void> join(ClientConnection connection, ClientMessage.Hello hello, String clientId,
                                       ClientIdentities.Claim claim) {
        String sessionId = connection.sessionId();
        hub.attach(connection);
        String name = connection.tokenName() != null ? connection.tokenName() : hello.name();
        return sessions.join(sessionId, clientId, name, connection.key())
                .thenCompose(outcome -> {
                    var participant = outcome.participant();
                    if (outcome.isNew() && outcome.participants().size() > gate.participantsPerSession()) {
                        sendError(connection, ErrorCode.SESSION_FULL, "the session has its maximum of "
                                + gate.participantsPerSession() + " participants", "hello");
                        connection.close(dev.tandem.access.SocketGate.CLOSE_LIMIT, "session full");
                        hub.detach(connection);
                        return sessions.leave(sessionId, clientId, connection.key()).thenApply(left -> null);
                    }
                    connection.identify(clientId, participant.name(), participant.color());
                    if (connection.isReleased()) {
                        // The socket closed while joining: undo the join the release could not see.
                        return sessions.leave(sessionId, clientId, connection.key()).thenApply(left -> null);
                    }
                    // A resume while the old socket is still open: the old one is closed ("replaced").
                    if (!outcome.isNew()) hub.replace(sessionId, clientId, connection.key(), CLOSE_REPLACED);
                    return authority.snapshot(sessionId).thenCombine(sessions.findAsync(sessionId), (snapshot, info) -> {
                        if (snapshot == null || info == null) {
                            refuseUnknown(connection, connection.link()).subscribe().with(x -> {}, x -> {});
                            return null;
                        }
                        connection.welcome(json(welcome(connection, info, snapshot.version(), snapshot.content(), outcome,
                                claim.token())), snapshot.version());
                        runDelivery.replayActive(sessionId, connection::send); // runs in flight: their events so far
                        submissionDelivery.replayLatest(sessionId, connection::send); // the latest submission's events
                        if (outcome.isNew()) {
                            hub.broadcast(sessionId, json(new ServerMessage.Joined(clientId, participant.name(), participant.color())), clientId);
                        }
                        return null;
                    });
                });
    }

    private ServerMessage.Welcome welcome(ClientConnection c, SessionInfo info, int version, String content,
                                          dev.tandem.session.Roster.JoinOutcome outcome, String resumeToken) {
        return new ServerMessage.Welcome(c.link(), c.clientId(), version, content, info.language(), info.title(),
                outcome.participants(), nodeId, resumeToken);
    }

    /**
     * Hands the push to the authority and returns at once: the answer is sent from the socket's event loop
     * when the authority has judged it. Pushes still reach the authority in the order they arrived (the
     * authority queues them as they are handed over), and the next message of this socket does not wait for
     * the answer, which would cost one more hand-off between threads for every edit.
     */
    private Uni<Void> push(ClientConnection connection, ClientMessage.Push push) {
        int lastSeq = 0;
        for (Update update : push.updates()) {
            if (!update.clientId().equals(connection.clientId())) {
                return error(connection, ErrorCode.FORBIDDEN, "a client may only push its own updates (clientId "
                        + connection.clientId() + ")", "push");
            }
            lastSeq = Math.max(lastSeq, update.seq());
        }
        int seq = lastSeq;
        long started = System.nanoTime();
        authority.push(connection.sessionId(), push.version(), push.updates()).whenComplete((result, failure) ->
                connection.onLoop(() -> {
                    answerPush(connection, seq, result, failure);
                    editMeters.answered(started, result);
                }));
        return done();
    }

    private void answerPush(ClientConnection connection, int seq, PushResult result, Throwable failure) {
        if (failure != null) {
            // Nothing was acknowledged, so nothing is lost: the client still holds the updates and pushes again.
            Log.warnf(failure, "push to session %s failed (connection %s)", connection.sessionId(), connection.key());
            sendError(connection, ErrorCode.BAD_MESSAGE, "the server could not apply that push; push again", "push");
        } else if (result instanceof PushResult.Accepted a) {
            if (!a.appended().isEmpty()) {
                String json = UpdatesJson.write(mapper.getFactory(), a.fromVersion(), a.appended());
                hub.publish(connection.sessionId(), SessionEvent.updates(a.fromVersion(), a.version(), json));
            }
            connection.send(json(new ServerMessage.Ack(connection.clientId(), seq, a.version())));
        } else if (result instanceof PushResult.Conflict c) {
            connection.send(json(new ServerMessage.Conflict(c.version())));
        } else if (result instanceof PushResult.Rejected r) {
            sendError(connection, ErrorCode.of(r.reason()), r.message(), "push");
        }
    }

    private Uni<Void> pull(ClientConnection connection, ClientMessage.Pull pull) {
        return Uni.createFrom().completionStage(authority.pull(connection.sessionId(), pull.version()))
                .invoke(result -> {
                    if (result instanceof PullResult.Updates u) {
                        String json = UpdatesJson.write(mapper.getFactory(), u.fromVersion(), u.updates());
                        connection.deliverCatchUp(json, u.fromVersion() + u.updates().size());
                    } else if (result instanceof PullResult.Refused r) {
                        sendError(connection, ErrorCode.of(r.reason()), r.message(), "pull");
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> presence(ClientConnection connection, ClientMessage.Presence presence) {
        String json = json(new ServerMessage.Presence(connection.clientId(), connection.name(), connection.color(),
                presence.selection(), presence.version()));
        hub.broadcast(connection.sessionId(), json, connection.clientId());
        return done();
    }

    /** Queues a run (blocking cluster calls, so off the event loop); everyone gets run.queued, errors go to the sender. */
    private Uni<Void> run(ClientConnection connection, ClientMessage.Run run) {
        String by = connection.name() != null ? connection.name() : connection.clientId();
        if (!gate.tryRun(connection.ip())) {
            return error(connection, ErrorCode.RATE_LIMITED, "more than " + gate.runsPerIpPerMinute()
                    + " runs per minute from one address", "run");
        }
        return queue(connection, "run", () -> runs.submit(connection.sessionId(), run.stdin(), by));
    }

    /** Queues a submission (off the event loop); everyone gets submission.queued, errors go to the sender. */
    private Uni<Void> submit(ClientConnection connection, ClientMessage.Submit submit) {
        String by = connection.name() != null ? connection.name() : connection.clientId();
        if (!gate.tryRun(connection.ip())) { // submissions share the per-address budget of runs
            return error(connection, ErrorCode.RATE_LIMITED, "more than " + gate.runsPerIpPerMinute()
                    + " runs and submissions per minute from one address", "submit");
        }
        return queue(connection, "submit", () -> submissions.submit(connection.sessionId(), submit.mode(), by));
    }

    /**
     * Queues a job off the event loop (submitting reads and writes the cluster); a refusal goes to the sender
     * as the error of its {@code about} message.
     */
    private Uni<Void> queue(ClientConnection connection, String about, Supplier<?> submit) {
        return Uni.createFrom().item(submit)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid()
                .onFailure(RunRefused.class).recoverWithItem(failure -> {
                    RunRefused refused = (RunRefused) failure;
                    sendError(connection, ErrorCode.valueOf(refused.code()), refused.getMessage(), about);
                    return null;
                });
    }

    private boolean isTooLarge(String text) {
        int limit = config.maxMessageBytes();
        // A UTF-16 unit is at most 3 bytes of UTF-8, so only long texts need counting.
        if ((long) text.length() * 3 <= limit) return false;
        return text.length() > limit || text.getBytes(StandardCharsets.UTF_8).length > limit;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private Uni<Void> refuseUnknown(ClientConnection connection, String id) {
        connection.send(json(new ServerMessage.Error(ErrorCode.UNKNOWN_SESSION, "no session '" + id + "'", null)));
        connection.close(CLOSE_UNKNOWN_SESSION, "unknown session");
        return done();
    }

    private Uni<Void> error(ClientConnection connection, ErrorCode code, String message, Object ref) {
        sendError(connection, code, message, ref);
        return done();
    }

    private void sendError(ClientConnection connection, ErrorCode code, String message, Object ref) {
        connection.send(json(new ServerMessage.Error(code, message, ref)));
    }

    private static String typeOf(ClientMessage message) {
        if (message instanceof ClientMessage.Hello) return "hello";
        if (message instanceof ClientMessage.Push) return "push";
        if (message instanceof ClientMessage.Pull) return "pull";
        if (message instanceof ClientMessage.Presence) return "presence";
        if (message instanceof ClientMessage.Submit) return "submit";
        return "run";
    }

    private String json(Object message) {
        try {
            return JsonText.escapeLoneSurrogates(mapper.writeValueAsString(message)); // e.g. welcome content
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    /** The Netty event loop of the socket being opened (@OnOpen runs on it); null outside Vert.x. */
    private static EventLoop currentEventLoop() {
        return Vertx.currentContext() instanceof ContextInternal context ? context.nettyEventLoop() : null;
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
