package dev.tandem.realtime;

import dev.tandem.protocol.CloseCode;
import dev.tandem.access.ClientIdentities;
import dev.tandem.access.SocketGate;
import dev.tandem.collab.JsonBytes;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.judge.SubmissionDelivery;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.run.delivery.RunDelivery;
import dev.tandem.session.Roster;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A client's place in its session: {@code hello} (its identity and resumeToken), the {@code welcome}, the
 * roster ({@code joined}, {@code left}) and what it missed of runs and submissions in flight.
 */
final class JoinHandler {
    /** v1.1: the client resumed on another connection, which replaces this one. */
    static final int CLOSE_REPLACED = CloseCode.REPLACED.code();

    private final DocumentAuthority authority;
    private final SessionStore sessions;
    private final SessionHub hub;
    private final SocketGate gate;
    private final ClientIdentities identities;
    private final RunDelivery runDelivery;
    private final SubmissionDelivery submissionDelivery;
    private final SocketReplies replies;
    private final String nodeId;

    JoinHandler(DocumentAuthority authority, SessionStore sessions, SessionHub hub, SocketGate gate,
                ClientIdentities identities, RunDelivery runDelivery, SubmissionDelivery submissionDelivery,
                SocketReplies replies, String nodeId) {
        this.authority = authority;
        this.sessions = sessions;
        this.hub = hub;
        this.gate = gate;
        this.identities = identities;
        this.runDelivery = runDelivery;
        this.submissionDelivery = submissionDelivery;
        this.replies = replies;
        this.nodeId = nodeId;
    }

    Uni<Void> hello(ClientConnection connection, ClientMessage.Hello hello) {
        if (connection.hasJoined()) return replies.error(connection, ErrorCode.BAD_MESSAGE, "already joined", "hello");
        String clientId = hello.clientId() != null ? hello.clientId() : UUID.randomUUID().toString();
        // Identity first: a clientId that joined before is its owner's, so nobody else can push as them.
        CompletionStage<Void> joined = identities.claim(connection.sessionId(), clientId, hello.resumeToken())
                // Async on the worker pool, not on the Hazelcast callback thread that completed the claim: joining
                // subscribes to the session's topic, a blocking Hazelcast call that needs a callback thread to
                // finish; on the callback pool itself, a few joins at once took every thread and deadlocked.
                .thenComposeAsync(claim -> {
                    if (claim.taken()) {
                        replies.sendError(connection, ErrorCode.CLIENT_ID_TAKEN, "clientId '" + clientId
                                + "' is taken in this session; resume with its resumeToken or say hello with another", "hello");
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return join(connection, hello, clientId, claim);
                }, io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool());
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
                        replies.sendError(connection, ErrorCode.SESSION_FULL, "the session has its maximum of "
                                + gate.participantsPerSession() + " participants", "hello");
                        connection.close(SocketGate.CLOSE_LIMIT, "session full");
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
                    return authority.snapshot(sessionId).thenCombine(sessions.findAsync(sessionId), Welcoming::new)
                            .thenCompose(w -> w.snapshot() == null || w.info() == null ? CompletableFuture.completedFuture(w)
                                    : otherFiles(connection).thenApply(w::withFiles))
                            .thenApply(w -> {
                        if (w.snapshot() == null || w.info() == null) {
                            replies.refuseUnknown(connection, connection.link()).subscribe().with(x -> {}, x -> {});
                            return null;
                        }
                        var snapshot = w.snapshot();
                        List<ServerMessage.FileContent> files = new ArrayList<>();
                        files.add(new ServerMessage.FileContent(FileIndexes.mainPath(w.info()), snapshot.version(), snapshot.content()));
                        Map<String, Integer> versions = new HashMap<>();
                        connection.local().seedSize(sessionId, snapshot.content().length(), JsonBytes.of(snapshot.content()));
                        for (OtherFile f : w.others()) {
                            files.add(f.content());
                            versions.put(f.documentKey(), f.content().version());
                            connection.local().startAt(f.documentKey(), f.content().version(), f.content().content().length(),
                                    JsonBytes.of(f.content().content()));
                        }
                        connection.welcome(replies.json(welcome(connection, w.info(), snapshot.version(), snapshot.content(),
                                outcome, claim.token(), files)), snapshot.version(), versions);
                        runDelivery.replay(sessionId, connection::send); // runs in flight: their events so far
                        submissionDelivery.replay(sessionId, connection::send); // the latest submission's events
                        if (outcome.isNew()) {
                            hub.broadcast(sessionId, replies.json(new ServerMessage.Joined(clientId, participant.name(),
                                    participant.color())), clientId);
                        }
                        return null;
                    });
                });
    }

    /** What a welcome is made of: the main file, the session, and (v1.1 "Several files") the other files. */
    private record Welcoming(dev.tandem.collab.authority.Snapshot snapshot, SessionInfo info, List<OtherFile> others) {
        Welcoming(dev.tandem.collab.authority.Snapshot snapshot, SessionInfo info) {
            this(snapshot, info, List.of());
        }

        Welcoming withFiles(List<OtherFile> files) {
            return new Welcoming(snapshot, info, files);
        }
    }

    private record OtherFile(String documentKey, ServerMessage.FileContent content) {}

    /** The session's other files at their current versions, read after the connection joined the fan-out. */
    private CompletionStage<List<OtherFile>> otherFiles(ClientConnection connection) {
        return connection.local().index().thenCompose(index -> {
            List<CompletableFuture<OtherFile>> reads = new ArrayList<>();
            for (var entry : index.files().entries()) {
                reads.add(authority.snapshot(entry.documentKey()).toCompletableFuture().thenApply(s -> s == null ? null
                        : new OtherFile(entry.documentKey(), new ServerMessage.FileContent(entry.path(), s.version(), s.content()))));
            }
            return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(x -> {
                List<OtherFile> files = new ArrayList<>();
                for (var read : reads) if (read.join() != null) files.add(read.join()); // a file deleted meanwhile is left out
                return files;
            });
        });
    }

    private ServerMessage.Welcome welcome(ClientConnection c, SessionInfo info, int version, String content,
                                          Roster.JoinOutcome outcome, String resumeToken, List<ServerMessage.FileContent> files) {
        return new ServerMessage.Welcome(c.link(), c.clientId(), version, content, info.language(), info.title(),
                outcome.participants(), nodeId, resumeToken, files);
    }

    /** Takes a connection out of its session: the fan-out, and the roster (telling the others it left). */
    void leave(ClientConnection connection) {
        hub.detach(connection);
        if (!connection.hasJoined()) return;
        String clientId = connection.clientId();
        sessions.leave(connection.sessionId(), clientId, connection.key()).whenComplete((left, failure) -> {
            if (Boolean.TRUE.equals(left)) {
                hub.broadcast(connection.sessionId(), replies.json(new ServerMessage.Left(clientId)), null);
            }
        });
    }
}
