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
    /** The class-data-sharing archive every node maps, made once per test JVM (null: none could be made). */
    private static Path classArchive;
    private static boolean classArchiveTried;

    private final String clusterName = "tandem-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private final int[] httpPorts;
    private final int[] clusterPorts;
    private final Process[] processes;
    private final Path logDir;
    /** More JVM options for every node (e.g. storage settings). */
    private final List<String> extraOptions;
    /** Where each node runs: its address, and the command its JVM is started under. */
    private final Placement placement;

    /**
     * Where the nodes run. On loopback by default; {@link NetworkNamespaces} puts each node on a host of its
     * own (its address, and {@code ip netns exec ...} before the JVM's command).
     */
    public interface Placement {
        String host(int node);

        List<String> commandPrefix(int node);

        Placement LOOPBACK = new Placement() {
            @Override
            public String host(int node) {
                return "127.0.0.1";
            }

            @Override
            public List<String> commandPrefix(int node) {
                return List.of();
            }
        };
    }
    /** More JVM options for one node (e.g. its roles), after those of every node. */
    private final java.util.Map<Integer, List<String>> nodeOptions = new java.util.HashMap<>();

    public TandemNodes(int count) throws IOException {
        this(count, List.of());
    }

    public TandemNodes(int count, List<String> extraOptions) throws IOException {
        this(count, extraOptions, Placement.LOOPBACK);
    }

    public TandemNodes(int count, List<String> extraOptions, Placement placement) throws IOException {
        this(count, withClassArchive(extraOptions), placement, true);
    }

    private TandemNodes(int count, List<String> extraOptions, Placement placement, boolean unused) throws IOException {
        this.extraOptions = List.copyOf(extraOptions);
        this.placement = placement;
        httpPorts = new int[count];
        clusterPorts = new int[count];
        processes = new Process[count];
        for (int i = 0; i < count; i++) {
            httpPorts[i] = freePort();
            clusterPorts[i] = freePort();
        }
        // One directory per cluster: a failed test's logs are its own, not appended to every earlier test's.
        logDir = Files.createDirectories(Path.of("target", "cluster-it", clusterName));
    }

    /** Gives one node more JVM options (before it starts), e.g. {@code -Dtandem.node.roles=gateway}. */
    public TandemNodes withNodeOptions(int node, List<String> options) {
        nodeOptions.put(node, List.copyOf(options));
        return this;
    }

    public int size() {
        return processes.length;
    }

    public URI uri(int node) {
        return URI.create("http://" + placement.host(node) + ":" + httpPorts[node]);
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
        for (int i = 0; i < clusterPorts.length; i++) {
            members.append(members.length() == 0 ? "" : ",").append(placement.host(i)).append(':').append(clusterPorts[i]);
        }
        List<String> command = new ArrayList<>(placement.commandPrefix(node));
        command.addAll(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                // C1 only: a test's node serves light load for seconds to minutes, where C2's compilations cost
                // more CPU than they save, and most tests start several JVMs at once on two cores. Production
                // nodes keep tiered compilation; docs/benchmarks.md measures those.
                "-XX:TieredStopAtLevel=1",
                // Every member here is on loopback and most clusters start all at once: a second of asking for a
                // master is plenty, and each start would otherwise wait the shipped 5 s once.
                "-Dtandem.cluster.join-timeout-seconds=1",
                // A data directory of its own per node (H2 opens a file for one process only), never ./data;
                // extra options given later win.
                "-Dtandem.data-dir=" + logDir.resolve("data-" + node).toAbsolutePath()));
        command.addAll(extraOptions);
        // For measurements (docs/benchmarks.md "Failover after a killed node"): settings tried on every node
        // of every cluster test, e.g. -Dtandem.it.node-options="-Dtandem.cluster.failure-detection-seconds=3".
        for (String option : System.getProperty("tandem.it.node-options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) command.add(option);
        }
        command.addAll(nodeOptions.getOrDefault(node, List.of()));
        command.addAll(List.of(
                "-Dquarkus.http.port=" + httpPorts[node],
                "-Dtandem.cluster.name=" + clusterName,
                "-Dtandem.cluster.host=" + placement.host(node),
                "-Dtandem.cluster.port=" + clusterPorts[node],
                "-Dtandem.cluster.members=" + members,
                "-jar", jar));
        processes[node] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()))
                .start();
    }

    /** The node's output, across its restarts in this cluster. */
    public Path log(int node) {
        return logDir.resolve("node-" + node + ".log");
    }

    /** Whether the node's JVM is running (started, and neither exited nor stopped). */
    public boolean isAlive(int node) {
        return processes[node] != null && processes[node].isAlive();
    }

    /** Waits until the node answers ready and sees the whole cluster. */
    public void awaitReady(int node) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes[node].isAlive()) throw new IllegalStateException("node " + node + " exited; see " + log(node));
            if (ready(node)) return;
            Thread.sleep(100); // polling an external process for readiness; bounded by the deadline
        }
        throw new IllegalStateException("node " + node + " not ready within " + START_TIMEOUT);
    }

    private boolean ready(int node) {
        var health = readiness(node);
        return health != null && health.path("status").asText().equals("UP") && membersIn(health) == size();
    }

    /** Whether the node answers ready (readiness UP). */
    public boolean isReady(int node) {
        var health = readiness(node);
        return health != null && health.path("status").asText().equals("UP");
    }

    /**
     * How many cluster members the node sees, as its readiness check reports (also while not ready); -1
     * when it does not answer.
     */
    public int membersSeenBy(int node) {
        var health = readiness(node);
        return health == null ? -1 : membersIn(health);
    }

    private static int membersIn(com.fasterxml.jackson.databind.JsonNode health) {
        for (var check : health.path("checks")) {
            if (check.path("name").asText().equals("cluster")) return check.path("data").path("members").asInt(-1);
        }
        return -1;
    }

    /** The readiness document (UP answers 200, DOWN 503, both with the JSON), or null when there is none. */
    private com.fasterxml.jackson.databind.JsonNode readiness(int node) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri(node).resolve("/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            int status = c.getResponseCode();
            var body = status == 200 ? c.getInputStream() : c.getErrorStream();
            if (body == null) return null;
            var health = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            c.disconnect();
            return health;
        } catch (IOException e) {
            return null;
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

    /**
     * {@code options} with the shared class archive mapped. A node's start is mostly loading and verifying some
     * 20,000 classes; a dynamic class-data-sharing archive, written by one node started and stopped on its own
     * before the first test's nodes, lets every later node map them instead (about a third of a start's CPU).
     * The JVM checks that the archive matches the classes it would load and ignores it otherwise, so a stale or
     * missing archive only costs time. -Dtandem.it.class-archive=false starts the nodes without one.
     */
    private static List<String> withClassArchive(List<String> options) throws IOException {
        Path archive = classArchive();
        if (archive == null) return options;
        List<String> all = new ArrayList<>(options);
        all.add(0, "-XX:SharedArchiveFile=" + archive.toAbsolutePath());
        return all;
    }

    private static synchronized Path classArchive() throws IOException {
        if (classArchiveTried || !Boolean.parseBoolean(System.getProperty("tandem.it.class-archive", "true"))) return classArchive;
        classArchiveTried = true;
        Path file = Files.createDirectories(Path.of("target", "cluster-it")).resolve("app-classes.jsa");
        Files.deleteIfExists(file);
        // The JVM writes the archive as it exits, so the node is stopped gracefully (SIGTERM), not killed.
        try (TandemNodes trainer = new TandemNodes(1, List.of("-XX:ArchiveClassesAtExit=" + file.toAbsolutePath()),
                Placement.LOOPBACK, true)) {
            trainer.startAll();
            trainer.stop(0);
        } catch (Exception e) {
            System.err.println("TandemNodes: no class archive, the nodes start without one: " + e);
        }
        classArchive = Files.isRegularFile(file) ? file : null;
        return classArchive;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
