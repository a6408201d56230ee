package dev.tandem.collab.authority;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.Offloadable;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.storage.DocumentLog;

import java.util.Map;
import java.util.UUID;

/**
 * Waits, on the document's owner, until the owner's storage has committed a {@code disk}-mode ticket
 * ({@link DiskCommits}, for a pusher on another member). Read-only and offloadable: Hazelcast runs it on its
 * offloadable executor without the key's lock, so the wait never holds the partition thread. False when the
 * ticket is not this member's (the document moved to another owner meanwhile) or the commit took too long.
 */
final class AwaitCommitProcessor implements EntryProcessor<String, DocumentState, Boolean>, ReadOnly, Offloadable,
        HazelcastInstanceAware {
    final long ticket;
    final UUID committer;
    private transient DocumentLog log;
    private transient UUID member;

    AwaitCommitProcessor(long ticket, UUID committer) {
        this.ticket = ticket;
        this.committer = committer;
    }

    @Override
    public Boolean process(Map.Entry<String, DocumentState> entry) {
        if (log == null || !committer.equals(member)) return false;
        try {
            return log.awaitCommitted(ticket, DiskCommits.COMMIT_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String getExecutorName() {
        return Offloadable.OFFLOADABLE_EXECUTOR;
    }

    @Override
    public EntryProcessor<String, DocumentState, Boolean> getBackupProcessor() {
        return null;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcast) {
        this.log = DocumentLog.of(hazelcast);
        this.member = hazelcast.getCluster().getLocalMember().getUuid();
    }
}
