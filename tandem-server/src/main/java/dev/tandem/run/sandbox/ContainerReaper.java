package dev.tandem.run.sandbox;

import com.github.dockerjava.api.model.Container;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Removes sandbox containers nobody will remove any more: those of a node that was killed before its finally
 * blocks and shutdown hook could run (SIGKILL, OOM kill). Two rules, both safe on an engine shared by several
 * nodes: at start, every container labelled with this node's id ({@value ContainerSpec#NODE_LABEL}; the node's
 * earlier life made them); periodically, the containers of this node that this JVM does not know, and those of
 * any node whose {@value ContainerSpec#EXPIRES_LABEL} has passed (they outlived every limit they were given).
 */
public final class ContainerReaper {
    private static final Logger LOG = Logger.getLogger(ContainerReaper.class.getName());
    /** A container this young may be one this JVM is creating right now (not registered yet). */
    static final long YOUNG_MS = 60_000;

    private final DockerSandbox sandbox;

    public ContainerReaper(DockerSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** At start: removes every container of this node that this JVM did not create; answers how many. */
    public int removeLeftoversOfThisNode() {
        int n = 0;
        for (Container c : ofThisNode()) {
            if (DockerSandbox.isLive(c.getId())) continue;
            sandbox.removeContainer(c.getId());
            n++;
        }
        if (n > 0) LOG.info("removed " + n + " sandbox containers left by an earlier process of node " + sandbox.nodeId());
        return n;
    }

    /** Periodically: this node's containers unknown to this JVM (and not young), and anyone's expired ones. */
    public int removeStale(long nowMs) {
        int n = 0;
        for (Container c : sandbox.listSandboxContainers()) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            boolean mine = sandbox.nodeId().equals(labels.get(ContainerSpec.NODE_LABEL));
            boolean expired = expired(labels.get(ContainerSpec.EXPIRES_LABEL), nowMs);
            boolean old = c.getCreated() == null || nowMs - c.getCreated() * 1000 > YOUNG_MS;
            if (DockerSandbox.isLive(c.getId()) && !expired) continue;
            if (expired || (mine && old && !DockerSandbox.isLive(c.getId()))) {
                sandbox.removeContainer(c.getId());
                n++;
            }
        }
        if (n > 0) LOG.info("removed " + n + " stale sandbox containers");
        return n;
    }

    private List<Container> ofThisNode() {
        return sandbox.listOfThisNode();
    }

    private static boolean expired(String label, long nowMs) {
        if (label == null || !label.matches("[0-9]{1,19}")) return false;
        return Long.parseLong(label) < nowMs;
    }
}
