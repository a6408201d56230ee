package dev.tandem.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.collab.authority.QuorumRefusal;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.UpdatesJson;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * {@code push} and {@code pull} and their answers ({@code ack}, {@code conflict}, {@code updates}). The push
 * path is the hot one: see docs/architecture.md "Threads of an edit" before adding work or a hand-off to it.
 */
final class EditHandler {
    private final DocumentAuthority authority;
    private final SessionHub hub;
    private final SocketReplies replies;
    private final JsonFactory json;
    private final PushAnswers pushAnswers;
    private final PagedUpdates pages;
    /** The document limit in characters, read once (through the authority's CDI proxy it was a context lookup per push). */
    private final int maxDocumentChars;
    private final long maxDocumentBytes;

    /** Records other files' updates in the timeline (the main file's come from its own stored log). */
    private final FileUpdatesTimeline fileTimeline;

    EditHandler(DocumentAuthority authority, SessionHub hub, SocketReplies replies, PushAnswers pushAnswers) {
        this(authority, hub, replies, pushAnswers, dev.tandem.session.SessionTimeline.NONE);
    }

    EditHandler(DocumentAuthority authority, SessionHub hub, SocketReplies replies, PushAnswers pushAnswers,
                dev.tandem.session.SessionTimeline timeline) {
        this.fileTimeline = new FileUpdatesTimeline(timeline, replies.mapper().getFactory());
        this.authority = authority;
        this.hub = hub;
        this.replies = replies;
        this.json = replies.mapper().getFactory();
        this.pushAnswers = pushAnswers;
        this.pages = new PagedUpdates(authority, json);
        this.maxDocumentChars = authority.maxDocumentChars();
        this.maxDocumentBytes = authority.maxDocumentBytes();
    }

    /**
     * Hands the push to the authority and returns at once: the answer is sent from the socket's event loop
     * when the authority has judged it. Pushes still reach the authority in the order they arrived (the
     * authority queues them as they are handed over), and the next message of this socket does not wait for
     * the answer, which would cost one more hand-off between threads for every edit.
     */
    Uni<Void> push(ClientConnection connection, ClientMessage.Push push) {
        int lastSeq = 0;
        for (Update update : push.updates()) {
            if (!update.clientId().equals(connection.clientId())) {
                return replies.error(connection, ErrorCode.FORBIDDEN, "a client may only push its own updates (clientId "
                        + connection.clientId() + ")", "push");
            }
            lastSeq = Math.max(lastSeq, update.seq());
        }
        int seq = lastSeq;
        LocalSession local = connection.local();
        if (local == null) return replies.error(connection, ErrorCode.NOT_JOINED, "send hello first", "push");
        var index = local.index();
        FileIndex known = index.getNow(null);
        if (known != null) {
            pushTo(connection, local, known, push, seq);
            return SocketReplies.done();
        }
        // The file table is being read (after a change of the session's files): this connection's next message
        // waits for it, so its pushes still reach the authority in the order it sent them.
        return Uni.createFrom().completionStage(index).invoke(files -> pushTo(connection, local, files, push, seq))
                .onFailure().invoke(failure -> replies.sendError(connection, ErrorCode.BAD_MESSAGE,
                        "the server could not apply that push; push again", "push"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void pushTo(ClientConnection connection, LocalSession local, FileIndex files, ClientMessage.Push push, int seq) {
        String document = files.keyOf(push.file());
        String path = files.pathOf(document);
        if (document == null || path == null) {
            replies.sendError(connection, ErrorCode.NO_SUCH_FILE, noSuchFile(push.file()), "push", push.file());
            return;
        }
        // The document limit holds for all files together (v1.1): what the others take, as this node last saw them.
        int maxLength = files.hasOtherFiles() ? Math.max(0, maxDocumentChars - local.otherLengths(document))
                : maxDocumentChars;
        long maxBytes = files.hasOtherFiles() ? Math.max(0, maxDocumentBytes - local.otherJsonBytes(document))
                : maxDocumentBytes;
        long started = System.nanoTime();
        authority.push(document, push.version(), push.updates(), maxLength, maxBytes).whenComplete((result, failure) ->
                connection.onLoop(() -> {
                    answerPush(connection, seq, result, failure, document, path);
                    pushAnswers.answered(started, result);
                }));
    }

    private static String noSuchFile(String path) {
        return "no file '" + path + "' in this session (deleted or renamed)";
    }

    private void answerPush(ClientConnection connection, int seq, PushResult result, Throwable failure, String document,
                            String path) {
        if (failure != null && QuorumRefusal.refusedWrite(failure)) {
            // This node is on the minority side of a split cluster: it must not acknowledge what the majority
            // cannot see. The client keeps its updates and pushes again (here after the heal, or elsewhere).
            // Debug, not warn: the client retries every few hundred ms; tandem_cluster_members shows the split.
            Log.debugf("push to session %s refused: this node sees too few members (split cluster)", connection.sessionId());
            replies.sendError(connection, ErrorCode.STORAGE_UNAVAILABLE,
                    "this node is cut off from most of the cluster; your edit was not applied, push it again", "push", path);
        } else if (failure != null) {
            // Nothing was acknowledged, so nothing is lost: the client still holds the updates and pushes again.
            Log.warnf(failure, "push to session %s failed (connection %s)", connection.sessionId(), connection.key());
            replies.sendError(connection, ErrorCode.BAD_MESSAGE, "the server could not apply that push; push again", "push", path);
        } else if (result instanceof PushResult.Accepted a) {
            if (!a.appended().isEmpty()) {
                String updates = UpdatesJson.write(json, a.fromVersion(), a.appended(), path);
                int length = a.appended().get(a.appended().size() - 1).changes().newLength();
                hub.publish(connection.sessionId(), SessionEvent.updates(document, a.fromVersion(), a.version(), updates, length,
                        a.jsonBytes()));
                if (!document.equals(connection.sessionId())) {
                    fileTimeline.record(connection.sessionId(), path, a.fromVersion(), a.appended(), connection.participant().name());
                }
            }
            connection.send(replies.json(new ServerMessage.Ack(connection.clientId(), seq, a.version(), path)));
        } else if (result instanceof PushResult.Conflict c) {
            connection.send(replies.json(new ServerMessage.Conflict(c.version(), path)));
        } else if (result instanceof PushResult.Rejected r) {
            boolean gone = r.reason() == dev.tandem.collab.Rejection.NO_DOCUMENT && !document.equals(connection.sessionId());
            replies.sendError(connection, gone ? ErrorCode.NO_SUCH_FILE : ErrorCode.of(r.reason()),
                    gone ? noSuchFile(path) : r.message(), "push", path);
        }
    }

    Uni<Void> pull(ClientConnection connection, ClientMessage.Pull pull) {
        LocalSession local = connection.local();
        if (local == null) return replies.error(connection, ErrorCode.NOT_JOINED, "send hello first", "pull");
        return Uni.createFrom().completionStage(local.index()).chain(files -> {
            String document = files.keyOf(pull.file());
            String path = files.pathOf(document);
            if (document == null || path == null) {
                replies.sendError(connection, ErrorCode.NO_SUCH_FILE, noSuchFile(pull.file()), "pull", pull.file());
                return SocketReplies.done();
            }
            // A long history goes page by page (PagedUpdates); the first page is the answer.
            return Uni.createFrom().completionStage(pages.send(connection, document, path, pull.version())).invoke(result -> {
                if (result instanceof PullResult.Refused r) {
                    boolean gone = r.reason() == dev.tandem.collab.Rejection.NO_DOCUMENT && !document.equals(connection.sessionId());
                    replies.sendError(connection, gone ? ErrorCode.NO_SUCH_FILE : ErrorCode.of(r.reason()),
                            gone ? noSuchFile(path) : r.message(), "pull", path);
                }
            }).replaceWithVoid();
        });
    }
}
