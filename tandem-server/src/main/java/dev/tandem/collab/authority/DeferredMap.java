package dev.tandem.collab.authority;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

/**
 * A map whose proxy is made on first use, not when the bean that holds it is built. Hazelcast makes the proxy
 * of a map with an index by adding the index on every partition, and the write quorum
 * ({@code cluster.SplitBrainProtection}) counts that as a write: made at start-up on a node that came up before enough data
 * members had joined, it stopped the node from starting at all ("tandem-quorum has failed!"). Deferred, a use
 * on such a node is refused like any other write on a minority side, and the first use once the quorum is
 * there makes the proxy (Hazelcast forgets a proxy whose making failed). Here, beside {@link QuorumRefusal}, so
 * that the runs and the judge can use it without reaching up to the node's wiring.
 */
public final class DeferredMap<K, V> {
    private final HazelcastInstance hazelcast;
    private final String name;
    private volatile IMap<K, V> proxy;

    public DeferredMap(HazelcastInstance hazelcast, String name) {
        this.hazelcast = hazelcast;
        this.name = name;
    }

    /** The map; throws {@link SplitBrainProtectionException} while it cannot be made for want of a quorum. */
    public IMap<K, V> map() {
        IMap<K, V> made = proxy;
        if (made != null) return made;
        // Asked first because Hazelcast logs each failed making as a warning with its stack trace, and the
        // reapers would ask every few seconds for as long as the node waits for the others.
        if (!quorumPresent()) {
            throw new SplitBrainProtectionException("the map " + name + " is made once its quorum is present;"
                    + " too few data members have joined");
        }
        made = hazelcast.getMap(name);
        proxy = made;
        return made;
    }

    /** True when the map has no quorum, or this member's side of the cluster has it. */
    private boolean quorumPresent() {
        String protection = hazelcast.getConfig().getMapConfig(name).getSplitBrainProtectionName();
        if (protection == null) return true;
        return hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(protection).hasMinimumSize();
    }
}
