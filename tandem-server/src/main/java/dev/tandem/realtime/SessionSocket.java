package dev.tandem.realtime;

import dev.tandem.collab.authority.QuorumRefusal;
import dev.tandem.protocol.CloseCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.access.ClientAddressCheck;
import dev.tandem.access.ClientIdentities;
import dev.tandem.access.SocketGate;
import dev.tandem.access.ViewerRule;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.judge.SubmissionDelivery;
import dev.tandem.judge.SubmissionService;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ClientMessageParser;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ProtocolException;
import dev.tandem.run.delivery.RunDelivery;
import dev.tandem.run.queue.RunService;
import dev.tandem.session.SessionIds;
import dev.tandem.session.SessionStore;
import io.netty.channel.EventLoop;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

import java.nio.charset.StandardCharsets;

import static dev.tandem.realtime.SocketReplies.done;

/**
 * The session socket {@code /ws/sessions/{id}} of the wire contract. It admits a connection (capability,
 * per-address limits, token expiry), limits what it may send (rate, size, bytes, the viewer rule) and
 * dispatches each decoded message to the handler of its concern: {@link JoinHandler}, {@link EditHandler},
 * {@link PresenceHandler}, {@link JobHandler}. Messages of one connection are handled one after the other
 * (the default serial inbound mode), so a client's pushes reach the authority in the order it sent them;
 * nothing here blocks the event loop.
 */
@WebSocket(path = "/ws/sessions/{id}")
public class SessionSocket {
    /** WebSocket "message too big", after TOO_LARGE. */
    static final int CLOSE_TOO_BIG = CloseCode.TOO_BIG.code();
    private static final UserData.TypedKey<ClientConnection> CONNECTION = new UserData.TypedKey<>("tandem.connection");

    private final RealtimeConfig config;
    private final ClientMessageParser parser;
    private final String nodeId;
    private final SocketGate gate;
    private final SocketReplies replies;
    private final JoinHandler joining;
    private final EditHandler editing;
    private final PresenceHandler presence;
    private final JobHandler jobs;
    private final LanguageHandler languages;
    private final dev.tandem.session.SessionTimeline timeline;
    /** v1.1 "Interactive runs" (run.input, run.eof, run.cancel); injected here to keep the constructor as it is. */
    @jakarta.inject.Inject
    dev.tandem.run.queue.RunCommands runCommands;
    /** v1.1 "Several files" (file.create, file.rename, file.delete); injected here to keep the constructor as it is. */
    @jakarta.inject.Inject
    dev.tandem.files.SessionFileService sessionFiles;
    @jakarta.inject.Inject
    SessionHub hub;

    public SessionSocket(DocumentAuthority authority, SessionStore sessions, SessionHub hub, RealtimeConfig config,
                         ObjectMapper mapper, HazelcastInstance hazelcast, RunService runs, RunDelivery runDelivery,
                         SocketGate gate, SubmissionService submissions,
                         SubmissionDelivery submissionDelivery, ClientIdentities identities, PushAnswers pushAnswers,
                         dev.tandem.session.SessionTimeline timeline) {
        this.gate = gate;
        this.config = config;
        this.parser = new ClientMessageParser(mapper);
        this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.replies = new SocketReplies(mapper);
        this.joining = new JoinHandler(authority, sessions, hub, gate, identities, runDelivery, submissionDelivery,
                replies, nodeId);
        this.editing = new EditHandler(authority, hub, replies, pushAnswers, timeline);
        this.timeline = timeline;
        this.presence = new PresenceHandler(hub, replies);
        this.jobs = new JobHandler(runs, submissions, gate, replies);
        this.languages = new LanguageHandler(sessions, hub, replies);
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection socket, @PathParam String id) {
        ClientConnection connection = new ClientConnection(socket, currentEventLoop(), id, nodeId, config);
        Vertx vertx = Vertx.currentContext() != null ? Vertx.currentContext().owner() : null; // admission runs off it
        connection.onRelease(() -> joining.leave(connection));
        socket.userData().put(CONNECTION, connection);
        if (!SessionIds.isWellFormed(id)) {
            connection.admitted().complete(null);
            return replies.refuseUnknown(connection, id);
        }
        // Access (dev.tandem.access): the capability names the session and the role; per-IP connection limit.
        return Uni.createFrom().completionStage(gate.admit(socket.handshakeRequest(), id,
                socket.userData().get(ClientAddressCheck.KEY))).invoke(admission -> {
            if (admission.refusal() != null) {
                replies.sendError(connection, admission.refusal(), admission.message(), null);
                connection.close(admission.closeCode(), admission.refusal().name().toLowerCase());
            } else {
                connection.admit(admission.sessionId(), admission.link(), admission.viewer(), admission.ip(),
                        admission.name(), gate.newByteRate());
                Runnable stopExpiry = endAtTokenExpiry(vertx, connection, admission.tokenExpiresAtMillis());
                connection.onRelease(() -> {
                    stopExpiry.run();
                    gate.closed(admission);
                    joining.leave(connection);
                });
                if (connection.isReleased()) { // closed while being admitted
                    stopExpiry.run();
                    gate.closed(admission);
                }
            }
        }).eventually(() -> connection.admitted().complete(null)).replaceWithVoid();
    }

    /**
     * A connection lives no longer than the token it was opened with: at its expiry the client gets an error and
     * the close of its transport (a socket's 4401; an HTTP connection's stream ends and later requests are 404),
     * and reconnects with a fresh token (otherwise a revoked user would keep editing for ever). Returns what
     * cancels it (when the connection ends first).
     */
    Runnable endAtTokenExpiry(Vertx vertx, ClientConnection connection, long expiresAtMillis) {
        if (expiresAtMillis <= 0 || vertx == null) return () -> {};
        long delay = Math.max(1, expiresAtMillis - System.currentTimeMillis());
        long timer = vertx.setTimer(delay, id -> {
            replies.sendError(connection, ErrorCode.FORBIDDEN, "your token expired; connect again with a new one", null);
            connection.close(SocketGate.CLOSE_TOKEN, "token expired");
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
        return handle(connection, text);
    }

    /**
     * One client message of an admitted connection, whatever its transport (the socket, or HTTP through
     * {@link HttpConnections}): limits, decoding, the viewer rule and the handler of its concern. The caller
     * hands a connection's messages over one at a time, each once the one before is handled.
     */
    Uni<Void> handle(ClientConnection connection, String text) {
        if (connection.isClosing()) return done();
        if (!connection.allowMessage()) {
            return replies.error(connection, ErrorCode.RATE_LIMITED, "more than " + config.messagesPerSecond()
                    + " messages per second; slow down", null);
        }
        if (isTooLarge(text)) {
            // The contract: error, then close 1009 (a client that sends such messages cannot be served anyway).
            replies.sendError(connection, ErrorCode.TOO_LARGE, "messages are limited to " + config.maxMessageBytes() + " bytes", null);
            connection.close(CLOSE_TOO_BIG, "message too big");
            return done();
        }
        if (!connection.allowBytes(utf8Length(text))) {
            return replies.error(connection, ErrorCode.RATE_LIMITED, "more than " + gate.bytesPerSecond()
                    + " bytes per second; slow down", null);
        }
        ClientMessage message;
        try {
            message = parser.parse(text);
        } catch (ProtocolException e) {
            return replies.error(connection, e.code(), e.getMessage(), null);
        }
        if (connection.isViewer() && !ViewerRule.allows(message)) {
            return replies.error(connection, ErrorCode.FORBIDDEN, "this is a view-only link", typeOf(message));
        }
        return answer(connection, message).onFailure().recoverWithItem(failure -> {
            failed(connection, message, failure);
            return null;
        });
    }

    /** Hands a decoded message to the handler of its concern. */
    private Uni<Void> answer(ClientConnection connection, ClientMessage message) {
        if (message instanceof ClientMessage.Hello hello) return joining.hello(connection, hello);
        if (!connection.hasJoined()) {
            return replies.error(connection, ErrorCode.NOT_JOINED, "send hello first", typeOf(message));
        }
        if (message instanceof ClientMessage.Push push) return editing.push(connection, push);
        if (message instanceof ClientMessage.Pull pull) return editing.pull(connection, pull);
        if (message instanceof ClientMessage.Presence presence) return this.presence.presence(connection, presence);
        if (message instanceof ClientMessage.Submit submit) return jobs.submit(connection, submit);
        if (message instanceof ClientMessage.Language language) return languages.language(connection, language);
        if (InteractiveHandler.handles(message)) return new InteractiveHandler(runCommands, replies).handle(connection, message);
        if (FileHandler.handles(message)) return new FileHandler(sessionFiles, hub, replies, timeline).handle(connection, message);
        return jobs.run(connection, (ClientMessage.Run) message);
    }

    /**
     * A message whose handler failed, answered here for every message and both transports: the failure often
     * completes on a Hazelcast or worker thread, where the endpoint's {@code @OnError} cannot run (and HTTP has
     * none), and the client would wait for an answer that never came. A call the cluster could not confirm (the
     * minority side of a split, or a backup that did not hold the versions an answer would show, see
     * collab.authority.BackupHoldsProcessor) is one to ask again shortly; a failed {@code hello} also closes the
     * socket as "going away", so the client reconnects, here or on another node.
     */
    private void failed(ClientConnection connection, ClientMessage message, Throwable failure) {
        boolean unconfirmed = QuorumRefusal.unconfirmed(failure);
        if (unconfirmed) Log.debugf("%s in session %s not answered now: %s", typeOf(message), connection.sessionId(), failure);
        else Log.warnf(failure, "%s in session %s failed (connection %s)", typeOf(message), connection.sessionId(), connection.key());
        if (message instanceof ClientMessage.Hello) {
            replies.sendError(connection, ErrorCode.STORAGE_UNAVAILABLE,
                    "the cluster cannot give you this session's document right now; reconnecting", "hello");
            connection.close(CloseCode.GOING_AWAY.code(), "try again");
        } else if (unconfirmed) {
            replies.sendError(connection, ErrorCode.STORAGE_UNAVAILABLE,
                    "the cluster cannot confirm this right now; send it again shortly", typeOf(message), fileOf(message));
        } else {
            replies.sendError(connection, ErrorCode.BAD_MESSAGE, "the server could not handle that message; send it again",
                    typeOf(message), fileOf(message));
        }
    }

    private static String fileOf(ClientMessage message) {
        return message instanceof ClientMessage.Pull pull ? pull.file() : null;
    }

    /** Takes a connection of any transport out of its session (fan-out and roster; the others get left). */
    void leave(ClientConnection connection) {
        joining.leave(connection);
    }

    /** This node's id in connection keys (the roster's "node/connection"). */
    String nodeId() {
        return nodeId;
    }

    @OnClose
    public void close(WebSocketConnection socket) {
        ClientConnection connection = socket.userData().get(CONNECTION);
        if (connection != null) connection.release();
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
        return replies.error(connection, ErrorCode.BAD_MESSAGE, "the server could not handle that message", null);
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

    private static String typeOf(ClientMessage message) {
        if (message instanceof ClientMessage.Hello) return "hello";
        if (message instanceof ClientMessage.Push) return "push";
        if (message instanceof ClientMessage.Pull) return "pull";
        if (message instanceof ClientMessage.Presence) return "presence";
        if (message instanceof ClientMessage.Submit) return "submit";
        if (message instanceof ClientMessage.Language) return "language";
        if (message instanceof ClientMessage.RunInput) return "run.input";
        if (message instanceof ClientMessage.RunEof) return "run.eof";
        if (message instanceof ClientMessage.RunCancel) return "run.cancel";
        if (message instanceof ClientMessage.FileCreate) return "file.create";
        if (message instanceof ClientMessage.FileRename) return "file.rename";
        if (message instanceof ClientMessage.FileDelete) return "file.delete";
        return "run";
    }

    /** The Netty event loop of the socket being opened (@OnOpen runs on it); null outside Vert.x. */
    private static EventLoop currentEventLoop() {
        return Vertx.currentContext() instanceof ContextInternal context ? context.nettyEventLoop() : null;
    }
}
