package dev.tandem.session;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletionStage;

/**
 * Which files a session has besides its main file, and the document each one is (v1.1 "Several files"); kept
 * in the cluster and written through to storage like the sessions themselves.
 */
@ApplicationScoped
public class FileTable {
    public static final String FILES_MAP = "tandem.files";

    private final IMap<String, SessionFiles> files;

    public FileTable(HazelcastInstance hazelcast) {
        this.files = hazelcast.getMap(FILES_MAP);
    }

    public static void configure(Config config, int backupCount) {
        config.addMapConfig(new MapConfig(FILES_MAP).setBackupCount(backupCount));
    }

    /** The session's other files (none for a session that never made one). */
    public CompletionStage<SessionFiles> filesAsync(String sessionId) {
        return files.getAsync(sessionId).thenApply(f -> f == null ? SessionFiles.NONE : f);
    }

    public SessionFiles files(String sessionId) {
        SessionFiles f = files.get(sessionId);
        return f == null ? SessionFiles.NONE : f;
    }

    /** Adds {@code path} as the document {@code documentKey}; refused when it exists or the session is full. */
    public CompletionStage<FileRefusal> add(String sessionId, String path, String documentKey, String mainPath, int maxFiles) {
        return files.submitToKey(sessionId, new FileProcessors.Add(path, documentKey, mainPath, maxFiles))
                .thenApply(FileProcessors.Outcome::refusal);
    }

    /** Renames a file; answers its document key, or the refusal. */
    public CompletionStage<FileProcessors.Outcome> rename(String sessionId, String path, String to, String mainPath) {
        return files.submitToKey(sessionId, new FileProcessors.Rename(path, to, mainPath));
    }

    /** Takes a file out of the session; answers its document key, or the refusal. */
    public CompletionStage<FileProcessors.Outcome> remove(String sessionId, String path) {
        return files.submitToKey(sessionId, new FileProcessors.Remove(path));
    }
}
