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
}
