package dev.tandem.collab.authority;

import dev.tandem.collab.Rejection;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a group of pushes to one document on the partition that owns it, one after the other, so pushes are
 * applied atomically without locks. Each push is judged on its own, exactly as if it had come alone; the
 * group only saves the hand-offs between threads (see {@link PushGroups}).
 *
 * <p>The document is stored as an object (in-memory format OBJECT) and changed in place: a push costs what
 * its changes cost, not what the document or its history weighs.
 */
final class PushProcessor implements EntryProcessor<String, DocumentState, PushResults> {
    final List<PushRequest> pushes;
    final int maxLength;
    /** Filled by {@link #process}: the version before the first accepted update, and all accepted updates. */
    private transient int backupFromVersion = -1;
    private transient List<Update> backupUpdates;

    PushProcessor(List<PushRequest> pushes, int maxLength) {
        this.pushes = pushes;
        this.maxLength = maxLength;
    }

    @Override
    public PushResults process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        List<PushResult> results = new ArrayList<>(pushes.size());
        if (document == null) {
            for (int i = 0; i < pushes.size(); i++) {
                results.add(new PushResult.Rejected(Rejection.NO_DOCUMENT, "no such session"));
            }
            return new PushResults(results);
        }
        for (PushRequest push : pushes) {
            PushResult result = document.push(push.baseVersion(), push.updates(), maxLength);
            if (result instanceof PushResult.Accepted a && !a.appended().isEmpty()) {
                if (backupUpdates == null) {
                    backupFromVersion = a.fromVersion();
                    backupUpdates = new ArrayList<>();
                }
                backupUpdates.addAll(a.appended()); // accepted pushes follow each other: versions are contiguous
            }
            results.add(result);
        }
        if (backupUpdates != null) entry.setValue(document); // marks the entry changed; same object
        return new PushResults(results);
    }

    /** The backup receives the accepted updates, never the whole document. */
    @Override
    public EntryProcessor<String, DocumentState, PushResults> getBackupProcessor() {
        return backupUpdates == null ? null : new ApplyAcceptedProcessor(backupFromVersion, backupUpdates);
    }
}
