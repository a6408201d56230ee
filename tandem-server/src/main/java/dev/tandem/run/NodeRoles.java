package dev.tandem.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * What this node does ({@code tandem.node.roles}): {@code gateway} serves sockets and REST, {@code worker}
 * takes jobs from the run queue and runs them in Docker.
 */
@ConfigMapping(prefix = "tandem.node")
public interface NodeRoles {

    @WithDefault("gateway,worker")
    List<String> roles();

    default boolean worker() {
        return roles().stream().anyMatch(r -> r.trim().equalsIgnoreCase("worker"));
    }

    default boolean gateway() {
        return roles().stream().anyMatch(r -> r.trim().equalsIgnoreCase("gateway"));
    }

    /**
     * A node that only runs code is a Hazelcast lite member: it owns no partitions, so it holds no documents,
     * links or records of any session (a runner executes untrusted programs; it should have nothing to read).
     */
    default boolean liteMember() {
        return worker() && !gateway();
    }
}
