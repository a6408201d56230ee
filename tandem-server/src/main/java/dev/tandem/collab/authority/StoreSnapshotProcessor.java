package dev.tandem.collab.authority;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.storage.DocumentLog;
import dev.tandem.storage.StoredSnapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues a snapshot of a document for storage when its replica does not know of one there
 * ({@link DocumentState#storedSnapshotVersion} is -1: this member became its owner by promotion or migration).
 * Answers whether it queued one. The snapshot covers whatever a lost owner took with it unwritten (the last
 * {@code flush-ms} of acknowledged updates in {@code memory} mode), without waiting for the next push, which an
 * idle document may never get: evicted as idle, or stored by a graceful shutdown, it would come back from storage
 * without them. Changes nothing in the document, so it has no backup step.
 */
final class StoreSnapshotProcessor implements EntryProcessor<String, DocumentState, Boolean>, HazelcastInstanceAware {
    /** This member's writer to storage (set by Hazelcast where the processor runs), or null without storage. */
    private transient DocumentLog log;

    @Override
    public Boolean process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        if (log == null || document == null || document.storedSnapshotVersion() >= 0) return false;
        log.append(List.of(), new StoredSnapshot(entry.getKey(), document.version(), document.text(),
                new HashMap<>(document.lastSeqByClient()), System.currentTimeMillis()));
        // The replica still does not count it as stored, so its next push stores a snapshot too. Why: a member cut
        // off by a split may have written rows after this version that the cluster never confirmed (ON CONFLICT DO
        // NOTHING keeps the first row of a version); the snapshot of the next push, at the version it reaches, is
        // what shadows them (docs/durability.md, "Open (split brain and shared storage)").
        return true;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.log = DocumentLog.of(hazelcast);
    }

    @Override
    public EntryProcessor<String, DocumentState, Boolean> getBackupProcessor() {
        return null;
    }
}
