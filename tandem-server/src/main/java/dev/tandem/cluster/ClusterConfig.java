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

    /** How many backup replicas each document has on other members. */
    @WithDefault("1")
    int backupCount();

    /** A member that sends no heartbeat for this long is taken for dead and its partitions are promoted. */
    @WithDefault("5")
    int failureDetectionSeconds();

    Kubernetes kubernetes();

    interface Kubernetes {
        /** DNS name of a headless service whose addresses are the cluster's members. */
        Optional<String> serviceDns();
    }
}
