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

    /** {@code host:port} of members to join by TCP; empty means a single embedded node. */
    Optional<List<String>> members();

    /** How many backup replicas each document has on other members. */
    @WithDefault("1")
    int backupCount();

    Kubernetes kubernetes();

    interface Kubernetes {
        /** DNS name of a headless service whose addresses are the cluster's members. */
        Optional<String> serviceDns();
    }
}
