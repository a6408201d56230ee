package dev.tandem.storage;

import com.hazelcast.map.MapLoader;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.Rope;
import dev.tandem.collab.UpdateHistory;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a document back into memory when the cluster does not hold it (after a restart, or after it left
 * memory for being idle): its latest snapshot, then every later update in version order, from storage and from
 * what this node's {@link DocumentLog} has not written yet. Runs on the partition thread of the document.
 */
public record DocumentLoader(DocumentLog log, int historyUpdates, long historyChars)
        implements MapLoader<String, DocumentState> {
    private static final Logger LOG = Logger.getLogger(DocumentLoader.class);

    @Override
    public DocumentState load(String sessionId) {
        // What waits in the log first, then storage: whatever leaves the log in between is in storage by then.
        DocumentLog.Pending pending = log.pendingFor(sessionId);
        StoredDocument stored = log.storage().loadDocument(sessionId);
        StoredSnapshot base = stored == null ? null : stored.snapshot();
        if (pending.snapshot() != null && (base == null || pending.snapshot().version() > base.version())) base = pending.snapshot();
        if (base == null) return null;

        TreeMap<Integer, StoredUpdate> later = new TreeMap<>();
        if (stored != null) for (StoredUpdate u : stored.updates()) if (u.version() > base.version()) later.put(u.version(), u);
        for (StoredUpdate u : pending.updates()) if (u.version() > base.version()) later.put(u.version(), u);

        DocumentState state = new DocumentState(Rope.of(base.content()), base.version(),
                new UpdateHistory(historyUpdates, historyChars, base.version()), new HashMap<>(base.lastSeqByClient()));
        for (StoredUpdate u : later.values()) {
            if (u.version() != state.version() + 1) {
                // Only a member lost before it wrote its updates leaves a hole; what follows cannot be applied
                // without it, so the document stays at the consistent prefix before the hole.
                LOG.errorf("document %s: stored updates jump from version %d to %d; loading version %d",
                        sessionId, state.version(), u.version(), state.version());
                break;
            }
            state.applyAccepted(java.util.List.of(u.update()));
        }
        state.storedSnapshotVersion(base.version());
        return state;
    }

    @Override
    public Map<String, DocumentState> loadAll(Collection<String> keys) {
        Map<String, DocumentState> loaded = new HashMap<>();
        for (String key : keys) {
            DocumentState state = load(key);
            if (state != null) loaded.put(key, state);
        }
        return loaded;
    }

    /** Null: nothing is loaded ahead; documents come back one by one when used. */
    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }
}
