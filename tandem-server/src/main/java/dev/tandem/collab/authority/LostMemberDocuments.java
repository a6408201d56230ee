package dev.tandem.collab.authority;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import dev.tandem.collab.DocumentState;
import dev.tandem.storage.DocumentLog;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When a member leaves, this member stores a snapshot of every document it now owns without knowing it to be in
 * storage ({@link StoreSnapshotProcessor}). Why: a member that is killed takes with it what its storage writer
 * had not written yet; the promoted backups hold those updates in memory, but before this they reached storage
 * only with the document's next push. A document nobody pushed to again lost them when it left memory (idle
 * eviction, the per-node bound) or when the cluster was later stopped or killed. With two members lost at once,
 * the documents whose owner and backup were both on them come back from storage instead (the loader), and
 * those already know their snapshot.
 *
 * <p>Runs off Hazelcast's event thread, once the partition table shows no owner that has left (the lost
 * member's partitions promoted). A member that left gracefully had stored everything itself; the snapshots its
 * documents get here are one per document moved, the price of not telling the two apart.
 */
@Startup
@ApplicationScoped
public class LostMemberDocuments implements MembershipListener {
    /** How long to wait for the lost member's partitions to get new owners before storing anyway. */
    private static final long SETTLE_MILLIS = 60_000;
    private static final long POLL_MILLIS = 200;

    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-lost-member-documents");
        t.setDaemon(true);
        return t;
    });

    public LostMemberDocuments(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        if (DocumentLog.of(hazelcast) != null) hazelcast.getCluster().addMembershipListener(this);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        worker.execute(() -> storeOnceSettled(deadline));
    }

    private void storeOnceSettled(long deadline) {
        if (!hazelcast.getLifecycleService().isRunning()) return;
        if (!ownersSettled() && System.nanoTime() < deadline) {
            worker.schedule(() -> storeOnceSettled(deadline), POLL_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            IMap<String, DocumentState> documents = hazelcast.getMap(DocumentAuthority.MAP_NAME);
            Set<String> owned = documents.localKeySet();
            if (owned.isEmpty()) return;
            Map<String, Boolean> queued = documents.executeOnKeys(owned, new StoreSnapshotProcessor());
            long snapshots = queued.values().stream().filter(Boolean.TRUE::equals).count();
            Log.infof("a member left: queued a snapshot of %d of the %d documents this member owns", snapshots, owned.size());
        } catch (RuntimeException e) {
            // E.g. the minority side of a split, which refuses writes: its documents are the majority's to store.
            Log.warnf("a member left: could not store the snapshots of the documents this member took over: %s", e.toString());
        }
    }

    /** Whether every partition's owner is a member now: the partitions of those that left have been promoted. */
    private boolean ownersSettled() {
        Set<UUID> members = new HashSet<>();
        for (Member m : hazelcast.getCluster().getMembers()) members.add(m.getUuid());
        for (Partition p : hazelcast.getPartitionService().getPartitions()) {
            Member owner = p.getOwner();
            if (owner == null || !members.contains(owner.getUuid())) return false;
        }
        return true;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
