package dev.tandem.realtime;

import dev.tandem.session.SessionFiles;

/**
 * A node's copy of which document each path of a session is (v1.1 "Several files"), so a push finds its
 * document without asking the cluster. It is dropped whenever the session's files change (SessionEvent FILES)
 * and read again on the next use; a push that still used the old copy reaches the right document (keys never
 * change) or, for a deleted file, a document that is gone: NO_SUCH_FILE either way.
 *
 * @param sessionId the main file's document key
 * @param mainPath  the main file's path: the session's language's file name
 */
record FileIndex(String sessionId, String mainPath, SessionFiles files) {

    /** The document key of {@code path} (null: the main file), or null for no such file. */
    String keyOf(String path) {
        if (path == null || path.equals(mainPath)) return sessionId;
        return files.keyOf(path);
    }

    /** The path of a document key, or null when the key is no file of the session (any more). */
    String pathOf(String documentKey) {
        if (documentKey == null) return null;
        if (documentKey.equals(sessionId)) return mainPath;
        return files.pathOf(documentKey);
    }

    boolean hasOtherFiles() {
        return !files.isEmpty();
    }
}
