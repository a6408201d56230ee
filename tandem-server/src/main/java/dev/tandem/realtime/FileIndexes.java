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
     * The index, as a plain future ({@link PlainFutures}): {@code LocalSession} keeps it and every message of the
     * session's sockets reads it. With Hazelcast's own future a presence went out from its callback pool, queued
     * behind the event loop's next read, and the sender's next edit reached the others before the cursor it had
     * sent first (HttpTransportTest caught it 2 times in 40 under load).
     */
    CompletableFuture<FileIndex> load(String sessionId) {
        return PlainFutures.of(sessions.findAsync(sessionId).toCompletableFuture()
                .thenCombine(table.filesAsync(sessionId).toCompletableFuture(), (info, files) ->
                        new FileIndex(sessionId, mainPath(info), files == null ? SessionFiles.NONE : files)));
    }

    /** The main file's path: the file name of the session's language (v1.1 "Several files"). */
    static String mainPath(SessionInfo info) {
        return Languages.mainFileName(info == null ? null : info.language());
    }
}
