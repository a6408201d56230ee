package dev.tandem.collab.authority;

import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;

import java.util.Map;

/**
 * Runs on the backup replica of a document for an answer that shows clients a version they may build on (a pull,
 * a snapshot, a resend acknowledged as already accepted): it lets the answer go out only once the backup holds
 * that version too. Without it, a primary that applied an update whose own backup never confirmed (the moments
 * before a member is declared lost, or a network split) could show that update, and a client receiving its
 * own edit takes it as acknowledged; when the backup is promoted or the split heals, the update is gone and
 * that client's document has forked from everyone else's. Throwing here sends no backup ack, so the answer
 * fails as indeterminate ({@code fail-on-indeterminate-operation-state}) and the client asks again; the
 * replica versions Hazelcast keeps then show the gap and it re-syncs the backup from the primary.
 */
final class BackupHoldsProcessor<R> implements EntryProcessor<String, DocumentState, R> {
    final int version;

    BackupHoldsProcessor(int version) {
        this.version = version;
    }

    /** A backup check for an answer that showed {@code version}, or null where nothing needs checking. */
    static <R> BackupHoldsProcessor<R> forVersion(int version) {
        return version > 0 ? new BackupHoldsProcessor<>(version) : null;
    }

    @Override
    public R process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        // Not held at all: a replica Hazelcast is still filling (see ApplyAcceptedProcessor), not one that fell behind.
        if (document == null) return null;
        if (document.version() < version) {
            throw new IllegalStateException("backup of document " + entry.getKey() + " holds version " + document.version()
                    + ", the primary showed " + version + ": answer withheld until the backup is re-synced");
        }
        return null;
    }

    @Override
    public EntryProcessor<String, DocumentState, R> getBackupProcessor() {
        return null;
    }
}
