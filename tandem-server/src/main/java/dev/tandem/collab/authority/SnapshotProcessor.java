package dev.tandem.collab.authority;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;

import java.util.Map;

/** Reads the text and version together, so a joining client gets a consistent starting point. */
final class SnapshotProcessor implements EntryProcessor<String, DocumentState, Snapshot>, ReadOnly {
    static final SnapshotProcessor INSTANCE = new SnapshotProcessor();

    @Override
    public Snapshot process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        return document == null ? null : new Snapshot(document.version(), document.text());
    }

    @Override
    public EntryProcessor<String, DocumentState, Snapshot> getBackupProcessor() {
        return null;
    }
}
