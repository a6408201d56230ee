package dev.tandem.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.metrics.EditMeters;
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
    private final EditMeters editMeters;
    private final PagedUpdates pages;

    EditHandler(DocumentAuthority authority, SessionHub hub, SocketReplies replies, EditMeters editMeters) {
        this.authority = authority;
        this.hub = hub;
        this.replies = replies;
        this.json = replies.mapper().getFactory();
        this.editMeters = editMeters;
        this.pages = new PagedUpdates(authority, json);
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
        long started = System.nanoTime();
        authority.push(connection.sessionId(), push.version(), push.updates()).whenComplete((result, failure) ->
                connection.onLoop(() -> {
                    answerPush(connection, seq, result, failure);
                    editMeters.answered(started, result);
                }));
        return SocketReplies.done();
    }

    private void answerPush(ClientConnection connection, int seq, PushResult result, Throwable failure) {
        if (failure != null && dev.tandem.cluster.SplitBrainProtection.refusedWrite(failure)) {
            // This node is on the minority side of a split cluster: it must not acknowledge what the majority
            // cannot see. The client keeps its updates and pushes again (here after the heal, or elsewhere).
            // Debug, not warn: the client retries every few hundred ms; tandem_cluster_members shows the split.
            Log.debugf("push to session %s refused: this node sees too few members (split cluster)", connection.sessionId());
            replies.sendError(connection, ErrorCode.STORAGE_UNAVAILABLE,
                    "this node is cut off from most of the cluster; your edit was not applied, push it again", "push");
        } else if (failure != null) {
            // Nothing was acknowledged, so nothing is lost: the client still holds the updates and pushes again.
            Log.warnf(failure, "push to session %s failed (connection %s)", connection.sessionId(), connection.key());
            replies.sendError(connection, ErrorCode.BAD_MESSAGE, "the server could not apply that push; push again", "push");
        } else if (result instanceof PushResult.Accepted a) {
            if (!a.appended().isEmpty()) {
                String updates = UpdatesJson.write(json, a.fromVersion(), a.appended());
                hub.publish(connection.sessionId(), SessionEvent.updates(a.fromVersion(), a.version(), updates));
            }
            connection.send(replies.json(new ServerMessage.Ack(connection.clientId(), seq, a.version())));
        } else if (result instanceof PushResult.Conflict c) {
            connection.send(replies.json(new ServerMessage.Conflict(c.version())));
        } else if (result instanceof PushResult.Rejected r) {
            replies.sendError(connection, ErrorCode.of(r.reason()), r.message(), "push");
        }
    }

    Uni<Void> pull(ClientConnection connection, ClientMessage.Pull pull) {
        // A long history goes page by page (PagedUpdates); the first page is the answer.
        return Uni.createFrom().completionStage(pages.send(connection, pull.version()))
                .invoke(result -> {
                    if (result instanceof PullResult.Refused r) {
                        replies.sendError(connection, ErrorCode.of(r.reason()), r.message(), "pull");
                    }
                }).replaceWithVoid();
    }
}
