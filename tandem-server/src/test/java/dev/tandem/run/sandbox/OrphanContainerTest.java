package dev.tandem.run.sandbox;

import com.github.dockerjava.api.model.Container;
import dev.tandem.run.Languages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attack (issue 13 item 2): a node is SIGKILLed (or OOM-killed) in the middle of a run of an endless loop; only
 * the JVM's shutdown hook removed containers, so the loop ran for ever. Now the bootstrap's own
 * {@code timeout -s KILL} ends the program shortly after its limit, and the node, started again with the same
 * node id, removes the container. Against the real engine; the node ids are random, so other processes'
 * containers are never touched.
 */
@Timeout(120)
class OrphanContainerTest {
    static DockerSandbox docker;

    @RegisterExtension
    static final SandboxSuite SUITE = new SandboxSuite(() -> List.of(Languages.PYTHON), opened -> docker = opened);

    @Test
    void aKilledNodesLoopStopsByItselfAndTheRestartedNodeRemovesIt() throws Exception {
        String node = "orphan-test-" + UUID.randomUUID();
        long limitMs = 2_000;
        Path log = Files.createTempFile("tandem-orphan", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanProbe.class.getName(),
                node, Long.toString(limitMs)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("output=running"));
            p.destroyForcibly(); // SIGKILL: no finally, no shutdown hook
            assertThat(p.waitFor() ).isNotZero();
        } finally {
            p.destroyForcibly();
        }
        List<Container> left = ofNode(node);
        assertThat(left).as("the killed node's container is still there").hasSize(1);

        // the backstop in the container: the loop is killed shortly after its limit, with nobody watching
        await().atMost(Duration.ofMillis(limitMs + Bootstrap.BACKSTOP_MS + 15_000)).pollInterval(Duration.ofMillis(250))
                .until(() -> !Boolean.TRUE.equals(docker.client().inspectContainerCmd(left.get(0).getId()).exec()
                        .getState().getRunning()));

        // the node comes back (same node id): its leftovers go
        DockerSandbox restarted = new DockerSandbox(docker.client(), SandboxSettings.DEFAULT.withNodeId(node));
        assertThat(new ContainerReaper(restarted).removeLeftoversOfThisNode()).isEqualTo(1);
        assertThat(ofNode(node)).isEmpty();
        Files.deleteIfExists(log);
    }

    @Test
    void expiredContainersOfAnyNodeAreRemovedAndLiveOnesAreNot() {
        String gone = "orphan-test-" + UUID.randomUUID();
        String alive = "orphan-test-" + UUID.randomUUID();
        DockerSandbox deadNode = new DockerSandbox(docker.client(), SandboxSettings.DEFAULT.withNodeId(gone));
        DockerSandbox liveNode = new DockerSandbox(docker.client(), SandboxSettings.DEFAULT.withNodeId(alive));
        String expired = deadNode.create(Languages.PYTHON, Languages.PYTHON.defaultLimits(), "sleep 600",
                System.currentTimeMillis() - 1);
        String current = liveNode.create(Languages.PYTHON, Languages.PYTHON.defaultLimits(), "sleep 600",
                System.currentTimeMillis() + 600_000);
        try {
            DockerSandbox other = new DockerSandbox(docker.client(), SandboxSettings.DEFAULT.withNodeId("orphan-test-" + UUID.randomUUID()));
            new ContainerReaper(other).removeStale(System.currentTimeMillis());
            assertThat(ofNode(gone)).as("expired").isEmpty();
            assertThat(ofNode(alive)).as("another node's container within its time").hasSize(1);
        } finally {
            deadNode.removeContainer(expired);
            liveNode.removeContainer(current);
        }
    }

    static List<Container> ofNode(String node) {
        return docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerSpec.NODE_LABEL, node)).exec();
    }
}
