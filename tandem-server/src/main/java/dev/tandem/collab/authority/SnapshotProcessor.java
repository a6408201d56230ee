package dev.tandem.collab.authority;

import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;

import java.util.Map;

/**
 * Reads the text and version together, so a joining client gets a consistent starting point; its backup step
 * ({@link BackupHoldsProcessor}) holds the answer until the backup has that version too.
 */
final class SnapshotProcessor implements EntryProcessor<String, DocumentState, Snapshot> {
    /** The document's version when read (set where the processor runs), or -1. */
    private transient int shownVersion = -1;

    @Override
    public Snapshot process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        if (document == null) return null;
        shownVersion = document.version();
        return new Snapshot(document.version(), document.text());
    }

    @Override
    public EntryProcessor<String, DocumentState, Snapshot> getBackupProcessor() {
        return BackupHoldsProcessor.forVersion(shownVersion);
    }
}
