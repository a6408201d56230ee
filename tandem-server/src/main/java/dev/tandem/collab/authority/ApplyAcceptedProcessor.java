package dev.tandem.collab.authority;

import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.Update;

import java.util.List;
import java.util.Map;

/** Applies updates the primary already accepted; runs on the backup replica. */
final class ApplyAcceptedProcessor implements EntryProcessor<String, DocumentState, PushResults> {
    final int fromVersion;
    final List<Update> updates;

    ApplyAcceptedProcessor(int fromVersion, List<Update> updates) {
        this.fromVersion = fromVersion;
        this.updates = updates;
    }

    @Override
    public PushResults process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        // A replica that does not hold the document at all is one Hazelcast is still filling (a new backup after a
        // member left or joined): the replica sync it runs copies the whole entry, this update included.
        if (document == null) return null;
        if (document.version() != fromVersion) {
            // This replica missed an update. Applying would corrupt it further, and skipping would let Hazelcast
            // count it as backed up, so a later promotion would lose acknowledged updates. Throwing sends no backup
            // ack: the push fails as indeterminate and is not acknowledged, and the gap in the replica versions
            // makes Hazelcast re-sync this backup from the primary.
            throw new IllegalStateException("backup of document " + entry.getKey() + " is at version "
                    + document.version() + ", expected " + fromVersion + ": not applied, the replica is re-synced");
        }
        document.applyAccepted(updates);
        entry.setValue(document);
        return null;
    }

    @Override
    public EntryProcessor<String, DocumentState, PushResults> getBackupProcessor() {
        return null;
    }
}
