package dev.tandem.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** How this node joins the Hazelcast cluster ({@code tandem.cluster.*}). */
@ConfigMapping(prefix = "tandem.cluster")
public interface ClusterConfig {

    /** Nodes with different names never join each other. */
    @WithDefault("tandem")
    String name();

    /** This node's Hazelcast member port. */
    @WithDefault("5701")
    int port();

    /**
     * The address this member binds to and announces. A single node (no members, no Kubernetes) uses the
     * loopback address unless told otherwise, so a laptop's Tandem is not reachable as a cluster member.
     */
    Optional<String> host();

    /** {@code host:port} of members to join by TCP; empty means a single embedded node. */
    Optional<List<String>> members();

    /**
     * How long a starting member asks the listed members for a master before it claims to be one (Hazelcast's
     * TCP join "connection timeout"); every member of a cluster started together waits this long once.
     */
    @WithDefault("5")
    int joinTimeoutSeconds();

    /** How many backup replicas each document has on other members. */
    @WithDefault("1")
    int backupCount();

    /** A member that sends no heartbeat for this long is taken for dead and its partitions are promoted. */
    @WithDefault("5")
    int failureDetectionSeconds();

    /**
     * How long an operation waits for its backups to confirm before it fails as indeterminate instead of being
     * acknowledged on the primary alone (split-brain protection makes Hazelcast fail it). Hazelcast's default,
     * 5 s, is also how long edits stall when a member dies with backups on their way to it: operations sent
     * between its death and its detection are not released when it is removed (docs/benchmarks.md,
     * "Failover after a killed node"). A backup that merely answers late fails the push, which the client
     * then pushes again.
     */
    @WithDefault("2000")
    int backupAckTimeoutMillis();

    /**
     * Split-brain protection: the number of data members (runner members do not count) a side of a split
     * cluster must see to accept writes. Set it to a majority of the data members (2 of 3); unset means no
     * protection, which is right for a single node. A side below it refuses edits, so the two halves of a
     * split can never both acknowledge different text at the same version.
     */
    Optional<Integer> quorum();

    /**
     * Where backups go: {@code per-member} (Hazelcast's default), {@code host-aware} (never on the same
     * host as the primary, for several members per machine) or {@code zone-aware} (never in the same
     * availability zone; needs the zone in the member's attributes, as the Kubernetes discovery provides).
     */
    @WithDefault("per-member")
    String partitionGroup();

    /**
     * How often the members look for the other side of a split to merge with once the network is back.
     * Hazelcast's own default waits 5 minutes first and 2 minutes between looks: that long the minority
     * side would refuse its users' edits after the network has healed.
     */
    @WithDefault("10")
    int mergeIntervalSeconds();

    Kubernetes kubernetes();

    interface Kubernetes {
        /** DNS name of a headless service whose addresses are the cluster's members. */
        Optional<String> serviceDns();
    }
}
