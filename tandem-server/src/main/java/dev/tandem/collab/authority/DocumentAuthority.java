package dev.tandem.collab.authority;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import com.hazelcast.spi.impl.operationexecutor.OperationHostileThread;
import com.hazelcast.map.IMap;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import dev.tandem.storage.DocumentLog;
import dev.tandem.storage.StoredSnapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The cluster-wide authority over session documents: a Hazelcast map whose entries are changed only by entry
 * processors on the member that owns the key, so every push is atomic and versions never fork.
 */
@ApplicationScoped
public class DocumentAuthority {
    public static final String MAP_NAME = "tandem.documents";

    private final IMap<String, DocumentState> documents;
    private final CollabConfig config;
    private final PushGroups pushGroups;
    /** This node's writer to storage, or null when storage is off. */
    private final DocumentLog log;

    public DocumentAuthority(HazelcastInstance hazelcast, CollabConfig config) {
        this.documents = hazelcast.getMap(MAP_NAME);
        this.log = DocumentLog.of(hazelcast);
        this.config = config;
        this.pushGroups = new PushGroups((id, pushes) ->
                onCompletingThread(documents.submitToKey(id, new PushProcessor(pushes, config.maxDocumentChars(), config.maxDocumentBytes()))));
    }

    /** How the documents map must be configured; called while the member's configuration is built. */
    public static void configure(Config config, int backupCount) {
        config.addMapConfig(new MapConfig(MAP_NAME)
                // OBJECT: entry processors change the stored document in place instead of deserialising and
                // re-serialising the whole text and history on every push.
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(backupCount)
                .setPerEntryStatsEnabled(false)
                .setStatisticsEnabled(false));
        AuthoritySerializers.register(config.getSerializationConfig());
    }

    /** Creates the document of a new session; false when one exists already. */
    public boolean create(String sessionId, String content) {
        DocumentState state = new DocumentState(content, config.historyUpdates(), config.historyChars());
        if (documents.putIfAbsent(sessionId, state) != null) return false;
        // Stored before the session is answered, so a session that exists always has its text in storage.
        if (log != null) log.storeCreated(new StoredSnapshot(sessionId, 0, content, java.util.Map.of(), System.currentTimeMillis()));
        return true;
    }

    public CompletionStage<PushResult> push(String sessionId, int baseVersion, List<Update> updates) {
        return push(sessionId, baseVersion, updates, config.maxDocumentChars());
    }

    /**
     * A push to one document (a session's main file has the session's id as key, another file its own key,
     * v1.1 "Several files") that may leave it at most {@code maxLength} characters long.
     */
    public CompletionStage<PushResult> push(String documentKey, int baseVersion, List<Update> updates, int maxLength) {
        return pushGroups.push(documentKey, new PushRequest(baseVersion, updates, maxLength));
    }

    /**
     * The same, the document also left at most {@code maxJsonBytes} as JSON (the byte limit less what the session's
     * other files take: docs/security.md 7d).
     */
    public CompletionStage<PushResult> push(String documentKey, int baseVersion, List<Update> updates, int maxLength,
                                            long maxJsonBytes) {
        return pushGroups.push(documentKey, new PushRequest(baseVersion, updates, maxLength, maxJsonBytes));
    }

    /** Forgets a document (a deleted file): the cluster's copy and storage's. Blocking. */
    public void delete(String documentKey) {
        documents.delete(documentKey);
        if (log != null) log.delete(documentKey);
    }

    public CompletionStage<PullResult> pull(String sessionId, int since) {
        return documents.submitToKey(sessionId, new PullProcessor(since, Long.MAX_VALUE));
    }

    /**
     * The first page of the updates after {@code since}: about {@code tandem.collab.page-bytes} of them (at least
     * one). The socket's pull and catch-up send a long history this way, page after page, instead of building one
     * frame of megabytes (docs/security.md 7d); a page that does not reach the current version says {@code more}.
     */
    public CompletionStage<PullResult> pullPage(String sessionId, int since) {
        return documents.submitToKey(sessionId, new PullProcessor(since, config.pageBytes()));
    }

    /** The text and version, or null for an unknown session. */
    public CompletionStage<Snapshot> snapshot(String sessionId) {
        return documents.submitToKey(sessionId, new SnapshotProcessor());
    }

    /** The current version, or -1 for an unknown session. */
    public CompletionStage<Integer> version(String sessionId) {
        return documents.submitToKey(sessionId, VersionProcessor.INSTANCE);
    }

    /**
     * The same answer, but its dependents run on the thread that completes it (for a local document without
     * backups, the partition thread that ran the processor) instead of Hazelcast's callback pool. Why: the
     * dependents of a push only queue work for other threads (the next group for the partition, the answer for
     * the socket's event loop), and the detour through the pool cost one more thread wake-up per push.
     * Hazelcast's response threads (remote owners, backups) may not invoke operations, and the next group is
     * one, so from those threads the dependents still go through the pool.
     */
    private static <T> CompletionStage<T> onCompletingThread(CompletionStage<T> answer) {
        CompletableFuture<T> direct = new CompletableFuture<>();
        answer.whenCompleteAsync((value, failure) -> {
            if (failure != null) direct.completeExceptionally(failure);
            else direct.complete(value);
        }, DocumentAuthority::runHereIfAllowed);
        return direct;
    }

    private static void runHereIfAllowed(Runnable task) {
        if (Thread.currentThread() instanceof OperationHostileThread) ConcurrencyUtil.getDefaultAsyncExecutor().execute(task);
        else task.run();
    }

    public int maxDocumentChars() {
        return config.maxDocumentChars();
    }

    /** The document limit in what the text takes as JSON ({@code collab.JsonBytes}). */
    public long maxDocumentBytes() {
        return config.maxDocumentBytes();
    }
}
