package dev.tandem.bench;

import dev.tandem.cluster.TandemNodes;

import java.net.URI;
import java.util.List;

/**
 * One real Tandem node for the load tool's tests: the server's packaged application in its own JVM (this module
 * is not a Quarkus application), with the per-address limits lifted as {@code bench/server} does, since all of
 * the load comes from loopback.
 */
final class RealServer implements AutoCloseable {
    private final TandemNodes node;

    private RealServer(TandemNodes node) {
        this.node = node;
    }

    static RealServer start() throws Exception {
        TandemNodes node = new TandemNodes(1, List.of(
                "-Dtandem.limits.connections-per-ip=1000000",
                "-Dtandem.limits.sessions-per-ip-per-minute=1000000",
                "-Dtandem.limits.runs-per-ip-per-minute=1000000",
                "-Dtandem.limits.reads-per-ip-per-minute=1000000"));
        try {
            node.startAll();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return new RealServer(node);
    }

    URI uri() {
        return node.uri(0);
    }

    /** SIGTERM, waiting for the node to drain and stop (it removes its sandbox containers on the way). */
    @Override
    public void close() throws Exception {
        try {
            node.stop(0);
        } finally {
            node.close();
        }
    }
}
