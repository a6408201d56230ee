package dev.tandem.realtime;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.session.SessionStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.stream.Collectors;

/**
 * {@code language} (a Tandem addition): an editor switches the session's language. The session record is
 * updated first (so runs, submissions and late joiners' welcome use it), then everyone, the sender included,
 * gets {@code {"type":"language","language","by","clientId"}}. Viewers never get here (ViewerRule).
 */
final class LanguageHandler {
    private static final String KNOWN = Languages.all().stream().map(Language::id).collect(Collectors.joining(", "));

    private final SessionStore sessions;
    private final SessionHub hub;
    private final SocketReplies replies;

    LanguageHandler(SessionStore sessions, SessionHub hub, SocketReplies replies) {
        this.sessions = sessions;
        this.hub = hub;
        this.replies = replies;
    }

    Uni<Void> language(ClientConnection connection, ClientMessage.Language message) {
        if (Languages.find(message.language()).isEmpty()) {
            return replies.error(connection, ErrorCode.UNKNOWN_LANGUAGE,
                    "unknown language '" + message.language() + "'; one of " + KNOWN, "language");
        }
        String sessionId = connection.sessionId();
        String by = connection.by();
        LocalSession local = connection.local();
        if (local == null) return SocketReplies.done();
        String newMainPath = Languages.mainFileName(message.language());
        // the session record lives in the cluster (and storage): write it off the event loop
        return Uni.createFrom().completionStage(local.index())
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(index -> {
                    // v1.1 "Several files": the main file is named by the language, so no other file may have that name.
                    if (index.files().keyOf(newMainPath) != null) {
                        replies.sendError(connection, ErrorCode.FILE_EXISTS, "the session has a file " + newMainPath
                                + ", the main file's name in " + message.language() + "; rename it first", "language", newMainPath);
                        return;
                    }
                    if (!sessions.changeLanguage(sessionId, message.language())) {
                        replies.sendError(connection, ErrorCode.UNKNOWN_SESSION, "the session no longer exists", "language");
                        return;
                    }
                    // Sent as a change of the files: the main file's path is the new language's file name.
                    hub.filesChanged(sessionId, replies.json(new ServerMessage.Language(message.language(), by,
                            connection.clientId())));
                })
                .replaceWithVoid();
    }
}
