package dev.tandem.realtime;

import dev.tandem.files.FileChange;
import dev.tandem.files.SessionFileService;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * {@code file.create}, {@code file.rename}, {@code file.delete} (v1.1 "Several files"): the change is made in the
 * cluster first, then everyone in the session, the sender too, gets {@code file.created} / {@code file.renamed} /
 * {@code file.deleted}, and every node reads the session's file table again. Viewers never get here (ViewerRule).
 */
final class FileHandler {
    private final SessionFileService files;
    private final SessionHub hub;
    private final SocketReplies replies;

    private final dev.tandem.session.SessionTimeline timeline;

    FileHandler(SessionFileService files, SessionHub hub, SocketReplies replies, dev.tandem.session.SessionTimeline timeline) {
        this.timeline = timeline;
        this.files = files;
        this.hub = hub;
        this.replies = replies;
    }

    static boolean handles(ClientMessage message) {
        return message instanceof ClientMessage.FileCreate || message instanceof ClientMessage.FileRename
                || message instanceof ClientMessage.FileDelete;
    }

    Uni<Void> handle(ClientConnection connection, ClientMessage message) {
        LocalSession local = connection.local();
        if (local == null) return SocketReplies.done();
        String sessionId = connection.sessionId();
        String by = connection.by();
        // The next message of this connection waits for this one: a push to a file just made finds it.
        return Uni.createFrom().completionStage(local.index())
                .emitOn(Infrastructure.getDefaultWorkerPool()) // the changes are blocking cluster calls
                .invoke(index -> {
                    String mainPath = index.mainPath();
                    if (message instanceof ClientMessage.FileCreate c) {
                        FileChange change = files.create(sessionId, c.path(), c.content(), mainPath);
                        if (refused(connection, change, "file.create", c.path())) return;
                        String text = c.content() == null ? "" : c.content();
                        long bytes = dev.tandem.collab.JsonBytes.of(text);
                        local.seedSize(change.documentKey(), text.length(), bytes);
                        String json = replies.json(new ServerMessage.FileCreated(c.path(), 0, text, by, connection.clientId()));
                        timeline.jobEvent(sessionId, "files", json);
                        hub.fileCreated(sessionId, json, change.documentKey(), text.length(), bytes); // every node counts its size
                    } else if (message instanceof ClientMessage.FileRename r) {
                        FileChange change = files.rename(sessionId, r.path(), r.to(), mainPath);
                        if (refused(connection, change, "file.rename", r.path())) return;
                        announce(sessionId, replies.json(new ServerMessage.FileRenamed(r.path(), r.to(), by,
                                connection.clientId())));
                    } else if (message instanceof ClientMessage.FileDelete d) {
                        FileChange change = files.delete(sessionId, d.path(), mainPath);
                        if (refused(connection, change, "file.delete", d.path())) return;
                        local.forget(change.documentKey());
                        String json = replies.json(new ServerMessage.FileDeleted(d.path(), by, connection.clientId()));
                        timeline.jobEvent(sessionId, "files", json);
                        hub.fileDeleted(sessionId, json, change.documentKey()); // every node stops counting it
                    }
                })
                .onFailure().invoke(failure -> replies.sendError(connection, dev.tandem.protocol.ErrorCode.BAD_MESSAGE,
                        "the server could not change the files; try again", null))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** To everyone (and every node's file index), and to the timeline, where it keeps its live form. */
    private void announce(String sessionId, String json) {
        timeline.jobEvent(sessionId, "files", json);
        hub.filesChanged(sessionId, json);
    }

    private boolean refused(ClientConnection connection, FileChange change, String ref, String path) {
        if (change.isDone()) return false;
        replies.sendError(connection, change.refusal(), change.message(), ref, path);
        return true;
    }
}
