package dev.tandem.cluster;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real Tandem nodes for cluster tests: each one a JVM running the packaged application, on loopback, joined
 * by a TCP member list. Nodes can be killed (SIGKILL), stopped (SIGTERM) and started again on their ports.
 * Also the real server that tandem-bench's load-tool tests drive (it is not a Quarkus application itself).
 */
public final class TandemNodes implements AutoCloseable {
    // Generous: on a loaded 2-core machine a node has taken 50 s to start; the wait ends as soon as it is ready.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String clusterName = "tandem-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final int[] httpPorts;
    private final int[] clusterPorts;
    private final Process[] processes;
    private final Path logDir;
    /** More JVM options for every node (e.g. storage settings). */
    private final List<String> extraOptions;
    private final java.util.Map<Integer, List<String>> nodeOptions = new java.util.concurrent.ConcurrentHashMap<>();

    public TandemNodes(int count) throws IOException {
        this(count, List.of());
    }

    public TandemNodes(int count, List<String> extraOptions) throws IOException {
        this.extraOptions = List.copyOf(extraOptions);
        httpPorts = new int[count];
        clusterPorts = new int[count];
        processes = new Process[count];
        for (int i = 0; i < count; i++) {
            httpPorts[i] = freePort();
            clusterPorts[i] = freePort();
        }
        logDir = Files.createDirectories(Path.of("target", "cluster-it"));
    }

    /** More JVM options for one node only (e.g. its roles), after the ones for every node. */
    public TandemNodes withNodeOptions(int node, List<String> options) {
        nodeOptions.put(node, List.copyOf(options));
        return this;
    }

    public int size() {
        return processes.length;
    }

    public URI uri(int node) {
        return URI.create("http://127.0.0.1:" + httpPorts[node]);
    }

    /** The nodes' addresses starting at {@code first}: a client's list to fail over along. */
    public List<URI> urisFrom(int first) {
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < size(); i++) uris.add(uri((first + i) % size()));
        return uris;
    }

    public void startAll() throws Exception {
        for (int i = 0; i < size(); i++) start(i);
        for (int i = 0; i < size(); i++) awaitReady(i);
    }

    public void start(int node) throws IOException {
        String jar = System.getProperty("tandem.app.jar", "target/quarkus-app/quarkus-run.jar");
        StringBuilder members = new StringBuilder();
        for (int port : clusterPorts) members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                // A data directory of its own per node (H2 opens a file for one process only), never ./data;
                // extra options given later win.
                "-Dtandem.data-dir=" + logDir.resolve("data-" + clusterName + "-" + node).toAbsolutePath()));
        command.addAll(extraOptions);
        command.addAll(nodeOptions.getOrDefault(node, List.of()));
        command.addAll(List.of(
                "-Dquarkus.http.port=" + httpPorts[node],
                "-Dtandem.cluster.name=" + clusterName,
                "-Dtandem.cluster.host=127.0.0.1",
                "-Dtandem.cluster.port=" + clusterPorts[node],
                "-Dtandem.cluster.members=" + members,
                "-jar", jar));
        Path log = logDir.resolve("node-" + node + ".log");
        processes[node] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Waits until the node answers ready and sees the whole cluster. */
    public void awaitReady(int node) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes[node].isAlive()) throw new IllegalStateException("node " + node + " exited; see target/cluster-it");
            if (ready(node)) return;
            Thread.sleep(100); // polling an external process for readiness; bounded by the deadline
        }
        throw new IllegalStateException("node " + node + " not ready within " + START_TIMEOUT);
    }

    private boolean ready(int node) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri(node).resolve("/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            if (c.getResponseCode() != 200) return false;
            var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(c.getInputStream());
            c.disconnect();
            for (var check : health.path("checks")) {
                if (check.path("name").asText().equals("cluster")) return check.path("data").path("members").asInt() == size();
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGKILL: the node vanishes without closing anything. */
    public void kill(int node) throws InterruptedException {
        processes[node].destroyForcibly();
        processes[node].waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the node drains and leaves the cluster gracefully. */
    public void stop(int node) throws InterruptedException {
        processes[node].destroy();
        if (!processes[node].waitFor(90, TimeUnit.SECONDS)) throw new IllegalStateException("node " + node + " did not stop");
    }

    @Override
    public void close() {
        for (Process p : processes) if (p != null) p.destroyForcibly();
        for (Process p : processes) {
            try {
                if (p != null) p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
