package dev.tandem.collab.authority;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;

/**
 * Whether a call to the authority failed because this member is on the minority side of a split cluster: the
 * maps' write quorum ({@code cluster.SplitBrainProtection}) refused it. Here, beside the calls that fail so, and
 * not in {@code cluster}, so that the socket layer can tell that failure apart without depending on the node's
 * wiring (which depends on it).
 */
public final class QuorumRefusal {
    private QuorumRefusal() {}

    /** True when {@code failure} (or a cause of it) is a write refused for want of a quorum. */
    public static boolean refusedWrite(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SplitBrainProtectionException) return true;
        }
        return false;
    }

    /**
     * True when the cluster could not confirm the call either way (its backup did not answer in time:
     * {@code fail-on-indeterminate-operation-state}), or refused it for want of a quorum: in both cases the
     * client should ask again shortly, here or elsewhere.
     */
    public static boolean unconfirmed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SplitBrainProtectionException || t instanceof com.hazelcast.core.IndeterminateOperationStateException) return true;
        }
        return false;
    }
}
