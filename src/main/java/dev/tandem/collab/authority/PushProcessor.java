package dev.tandem.collab.authority;

import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import dev.tandem.protocol.ErrorCode;

import java.util.List;
import java.util.Map;

/**
 * Runs a push on the partition that owns the document, so pushes to one document are applied one at a time
 * without locks. The document is stored as an object (in-memory format OBJECT) and changed in place: a push
 * costs what its changes cost, not what the document or its history weighs.
 */
final class PushProcessor implements EntryProcessor<String, DocumentState, PushResult> {
    final int baseVersion;
    final List<Update> updates;
    final int maxLength;
    /** Filled by {@link #process}: what the backup replica must apply. */
    private transient PushResult.Accepted accepted;

    PushProcessor(int baseVersion, List<Update> updates, int maxLength) {
        this.baseVersion = baseVersion;
        this.updates = updates;
        this.maxLength = maxLength;
    }

    @Override
    public PushResult process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        if (document == null) return new PushResult.Rejected(ErrorCode.UNKNOWN_SESSION, "no such session");
        PushResult result = document.push(baseVersion, updates, maxLength);
        if (result instanceof PushResult.Accepted a && !a.appended().isEmpty()) {
            accepted = a;
            entry.setValue(document); // marks the entry as changed; the stored object is the same one
        }
        return result;
    }

    /** The backup receives the accepted updates, never the whole document. */
    @Override
    public EntryProcessor<String, DocumentState, PushResult> getBackupProcessor() {
        return accepted == null ? null : new ApplyAcceptedProcessor(accepted.fromVersion(), accepted.appended());
    }
}
