package dev.tandem.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.PartitionGroupConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionFunction;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;

import java.util.Collection;
import java.util.Locale;

/**
 * What keeps the two halves of a split cluster from both acknowledging edits. Hazelcast alone would let
 * each half promote its backups and accept pushes; when the network heals, one half's entries win the merge
 * and the other half's acknowledged edits are gone. Three settings close that:
 * <ul>
 *   <li>a write quorum on every map ({@code tandem.cluster.quorum} data members): a minority side refuses
 *       writes with {@link SplitBrainProtectionException}, which the socket answers as
 *       {@code STORAGE_UNAVAILABLE} ({@code collab.authority.QuorumRefusal}) (the client keeps its updates and pushes again);</li>
 *   <li>{@code fail-on-indeterminate-operation-state}: a push whose backup did not answer (the window
 *       before a split is detected) fails instead of being acknowledged on the primary alone;</li>
 *   <li>partition groups, so a backup never lives on the same host or zone as its primary;</li>
 *   <li>a merge look every {@code tandem.cluster.merge-interval-seconds} (10 s, not Hazelcast's 5 minutes),
 *       so the two sides are one cluster again soon after the network is back.</li>
 * </ul>
 */
public final class SplitBrainProtection {
    public static final String NAME = "tandem-quorum";

    private SplitBrainProtection() {}

    /** Called after every map has been added to the configuration. */
    public static void configure(Config config, ClusterConfig cluster) {
        config.setProperty("hazelcast.operation.fail.on.indeterminate.state", "true");
        // How long "indeterminate" takes to decide: Hazelcast's 5 s stalled every push sent to a dying member's
        // backups for 5 s (tandem.cluster.backup-ack-timeout-millis).
        if (cluster.backupAckTimeoutMillis() < 100) {
            throw new IllegalArgumentException("tandem.cluster.backup-ack-timeout-millis must be at least 100, was "
                    + cluster.backupAckTimeoutMillis());
        }
        config.setProperty("hazelcast.operation.backup.timeout.millis", String.valueOf(cluster.backupAckTimeoutMillis()));
        config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(cluster.mergeIntervalSeconds()));
        config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(cluster.mergeIntervalSeconds()));
        configurePartitionGroup(config, cluster.partitionGroup());
        cluster.quorum().ifPresent(quorum -> {
            if (quorum < 1) throw new IllegalArgumentException("tandem.cluster.quorum must be at least 1, was " + quorum);
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(NAME, true)
                    .setProtectOn(SplitBrainProtectionOn.WRITE)
                    .setFunctionImplementation(new DataMembers(quorum)));
            for (MapConfig map : config.getMapConfigs().values()) map.setSplitBrainProtectionName(NAME);
        });
    }

    /** True without a configured quorum; otherwise whether this member's side of the cluster has it. */
    public static boolean hasQuorum(HazelcastInstance hazelcast) {
        var protection = hazelcast.getConfig().getSplitBrainProtectionConfig(NAME);
        if (protection == null || !protection.isEnabled()) return true;
        return hazelcast.getSplitBrainProtectionService().getSplitBrainProtection(NAME).hasMinimumSize();
    }

    private static void configurePartitionGroup(Config config, String group) {
        PartitionGroupConfig partitions = config.getPartitionGroupConfig();
        switch (group.toLowerCase(Locale.ROOT)) {
            case "per-member" -> partitions.setEnabled(false);
            case "host-aware" -> partitions.setEnabled(true).setGroupType(PartitionGroupConfig.MemberGroupType.HOST_AWARE);
            case "zone-aware" -> partitions.setEnabled(true).setGroupType(PartitionGroupConfig.MemberGroupType.ZONE_AWARE);
            default -> throw new IllegalArgumentException(
                    "tandem.cluster.partition-group must be per-member, host-aware or zone-aware, was " + group);
        }
    }

    /**
     * Counts data members only: runner (lite) members hold no documents, so a side made of one data member
     * and three runners must not pass for a majority.
     */
    record DataMembers(int quorum) implements SplitBrainProtectionFunction {
        @Override
        public boolean apply(Collection<Member> members) {
            return members.stream().filter(m -> !m.isLiteMember()).count() >= quorum;
        }
    }
}
