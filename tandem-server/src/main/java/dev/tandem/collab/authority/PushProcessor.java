package dev.tandem.collab.authority;

import dev.tandem.collab.Rejection;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import dev.tandem.storage.DocumentLog;
import dev.tandem.storage.StorageConfig.Durability;
import dev.tandem.storage.StoredSnapshot;
import dev.tandem.storage.StoredUpdate;

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
final class PushProcessor implements EntryProcessor<String, DocumentState, PushResults>, HazelcastInstanceAware {
    /** In {@code disk} mode, how long a push waits for its commit before the pusher is told to push again. */
    static final long COMMIT_TIMEOUT_MILLIS = 10_000;

    final List<PushRequest> pushes;
    final int maxLength;
    /** The document limit in JSON bytes (what a welcome carries). */
    final long maxJsonBytes;
    /** The owner's writer to storage (set by Hazelcast where the processor runs), or null without storage. */
    private transient DocumentLog log;
    /** Filled by {@link #process}: the version before the first accepted update, and all accepted updates. */
    private transient int backupFromVersion = -1;
    private transient List<Update> backupUpdates;
    /** A push accepted as a resend of updates applied before: the version its ack shows, or -1. */
    private transient int resendVersion = -1;

    PushProcessor(List<PushRequest> pushes, int maxLength, long maxJsonBytes) {
        this.pushes = pushes;
        this.maxLength = maxLength;
        this.maxJsonBytes = maxJsonBytes;
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
        if (log != null && !log.hasRoom()) {
            // Storage is away or far behind and this node already holds as many unsaved updates as it may:
            // accepting more would grow the heap without bound. Nothing is applied; the clients push again.
            for (int i = 0; i < pushes.size(); i++) {
                results.add(new PushResult.Rejected(Rejection.NOT_DURABLE,
                        "storage is not taking updates right now; your edit was not applied, push it again"));
            }
            return new PushResults(results);
        }
        // One acceptance time for the group (v1.1 "Timeline": every update keeps it, in history and storage).
        long acceptedAt = System.currentTimeMillis();
        for (PushRequest push : pushes) {
            PushResult result = document.push(push.baseVersion(), stamped(push.updates(), acceptedAt),
                    Math.min(maxLength, push.maxLength()), Math.min(maxJsonBytes, push.maxJsonBytes()));
            if (result instanceof PushResult.Accepted a && !a.appended().isEmpty()) {
                if (backupUpdates == null) {
                    backupFromVersion = a.fromVersion();
                    backupUpdates = new ArrayList<>();
                }
                backupUpdates.addAll(a.appended()); // accepted pushes follow each other: versions are contiguous
            } else if (result instanceof PushResult.Accepted a) {
                resendVersion = a.version();
            }
            results.add(result);
        }
        if (backupUpdates != null) entry.setValue(document); // marks the entry changed; same object
        if (log != null) return stored(entry.getKey(), document, results);
        return new PushResults(results);
    }

    private static List<Update> stamped(List<Update> updates, long acceptedAt) {
        List<Update> stamped = new ArrayList<>(updates.size());
        for (Update u : updates) stamped.add(u.withAt(acceptedAt));
        return stamped;
    }

    /**
     * Queues what was accepted for storage (the updates only, and now and then a snapshot of the text) and, in
     * {@code disk} mode, waits for the commit, so an {@code ack} always means committed. A resend that was
     * accepted before waits too: its first push may still be on its way to storage.
     */
    private PushResults stored(String sessionId, DocumentState document, List<PushResult> results) {
        long ticket;
        if (backupUpdates != null) {
            long now = System.currentTimeMillis();
            List<StoredUpdate> rows = new ArrayList<>(backupUpdates.size());
            for (int i = 0; i < backupUpdates.size(); i++) {
                Update u = backupUpdates.get(i);
                rows.add(new StoredUpdate(sessionId, backupFromVersion + 1 + i, u, u.at()));
            }
            StoredSnapshot snapshot = null;
            if (document.storedSnapshotVersion() < 0 || document.version() - document.storedSnapshotVersion() >= log.snapshotEveryUpdates()) {
                snapshot = new StoredSnapshot(sessionId, document.version(), document.text(),
                        new java.util.HashMap<>(document.lastSeqByClient()), now);
                document.storedSnapshotVersion(document.version());
            }
            ticket = log.append(rows, snapshot);
        } else {
            ticket = log.lastTicket();
        }
        if (log.durability() != Durability.DISK) return new PushResults(results);
        boolean committed;
        try {
            committed = log.awaitCommitted(ticket, COMMIT_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            committed = false;
        }
        if (committed) return new PushResults(results);
        // Applied in memory (and kept: the log retries), but not confirmed: no ack. The client pushes again and
        // its resend is recognised, or it receives its own updates.
        List<PushResult> unconfirmed = new ArrayList<>(results.size());
        for (PushResult r : results) {
            unconfirmed.add(r instanceof PushResult.Accepted ? new PushResult.Rejected(Rejection.NOT_DURABLE,
                    "storage did not confirm the update in time; push again") : r);
        }
        return new PushResults(unconfirmed);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.log = DocumentLog.of(hazelcast);
    }

    /**
     * The backup receives the accepted updates, never the whole document. A push that was only a resend of updates
     * applied before is acknowledged once the backup is known to hold them (the first push may have failed for
     * want of that backup, see {@link BackupHoldsProcessor}).
     */
    @Override
    public EntryProcessor<String, DocumentState, PushResults> getBackupProcessor() {
        if (backupUpdates != null) return new ApplyAcceptedProcessor(backupFromVersion, backupUpdates);
        return BackupHoldsProcessor.forVersion(resendVersion);
    }
}
