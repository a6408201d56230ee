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
}
