package dev.tandem.collab.authority;

import com.hazelcast.logging.Logger;
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
        if (document == null) return null;
        if (document.version() != fromVersion) {
            // Replicas are kept in step by Hazelcast's backup ordering; a mismatch means this replica missed
            // something and will be repaired by anti-entropy, so applying here would corrupt it further.
            Logger.getLogger(ApplyAcceptedProcessor.class).warning("backup of a document is at version "
                    + document.version() + ", expected " + fromVersion + "; skipping");
            return null;
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
