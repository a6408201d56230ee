package dev.tandem.realtime;

import dev.tandem.run.Languages;
import dev.tandem.session.FileTable;
import dev.tandem.session.SessionFiles;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletableFuture;

/** Reads a session's {@link FileIndex} from the cluster: its language (the main file's name) and its file table. */
@ApplicationScoped
public class FileIndexes {
    private final SessionStore sessions;
    private final FileTable table;

    public FileIndexes(SessionStore sessions, FileTable table) {
        this.sessions = sessions;
        this.table = table;
    }

    /**
     * The index, as a plain {@link CompletableFuture}. Why not Hazelcast's own future: {@code LocalSession}
     * keeps this one and every message of the session's sockets reads it, and a Hazelcast future runs even
     * the dependents added after it completed on its callback pool, never on the caller. A presence then
     * went out from that pool, queued behind the event loop's next read, and the sender's next edit reached
     * the others before the cursor it had sent first (HttpTransportTest caught it 2 times in 40 under load).
     * A plain future runs those dependents at once, on the socket's loop.
     */
    CompletableFuture<FileIndex> load(String sessionId) {
        CompletableFuture<FileIndex> index = new CompletableFuture<>();
        sessions.findAsync(sessionId).toCompletableFuture()
                .thenCombine(table.filesAsync(sessionId).toCompletableFuture(), (info, files) ->
                        new FileIndex(sessionId, mainPath(info), files == null ? SessionFiles.NONE : files))
                .whenComplete((loaded, failure) -> {
                    if (failure != null) index.completeExceptionally(failure);
                    else index.complete(loaded);
                });
        return index;
    }

    /** The main file's path: the file name of the session's language (v1.1 "Several files"). */
    static String mainPath(SessionInfo info) {
        return Languages.mainFileName(info == null ? null : info.language());
    }
}
