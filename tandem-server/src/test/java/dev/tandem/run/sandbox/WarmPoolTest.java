package dev.tandem.run.sandbox;

import com.github.dockerjava.api.model.Container;
import dev.tandem.run.Languages;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The warm pool ({@link WarmPool}) against the real Docker engine: a pooled run gives what a fresh one gives, a
 * container is never used twice (what run 1 leaves is not there for run 2), the pool refills after a take, stays
 * within its bounds, empties itself when its kind is not run, and its containers go at close, at a JVM's exit and,
 * after a SIGKILL, with the restarted node's leftovers. Each test uses a node id of its own, so the containers
 * counted are this test's only (other processes share the engine).
 */
@Timeout(180)
class WarmPoolTest {
    /** Prints the id of the container it runs in (Docker bind-mounts /etc/hostname from the container's directory). */
    static final String WHO = "import re\nprint(re.search(r'containers/([0-9a-f]{64})/', open('/proc/self/mountinfo').read()).group(1))\n";
    static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
    static DockerSandbox engine;

    @BeforeAll
    static void up() {
        engine = new DockerSandbox();
        try {
            engine.check(Languages.PYTHON);
            engine.check(Languages.JAVASCRIPT);
        } catch (IllegalStateException e) {
            fail("the warm pool needs a Docker engine and the sandbox images (.ci/docker-up.sh): " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void down() {
        engine.close();
    }

    static DockerSandbox pooled(String node, PoolSettings pool) {
        DockerSandbox s = new DockerSandbox(engine.client(), SandboxSettings.DEFAULT.withNodeId(node));
        s.usePool(pool);
        return s;
    }

    static String node() {
        return "warm-pool-test-" + UUID.randomUUID();
    }

    static List<Container> ofNode(String node) {
        return engine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerSpec.NODE_LABEL, node)).exec();
    }

    static Set<String> waiting(String node) {
        return ofNode(node).stream().filter(c -> "created".equals(c.getState())).map(Container::getId)
                .collect(Collectors.toSet());
    }

    static RunResult run(DockerSandbox s, String src, String stdin) {
        return s.run(new RunRequest(Languages.PYTHON, src, stdin), OutputListener.NONE);
    }

    static String containerOf(RunResult r) {
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        Matcher m = ID.matcher(r.stdout());
        assertThat(m.find()).as("container id in " + r.stdout()).isTrue();
        return m.group();
    }

    @Test
    void aPooledRunGivesWhatAFreshOneGivesInAContainerPreparedBeforeIt() {
        String node = node();
        DockerSandbox s = pooled(node, new PoolSettings(1, 1, 300_000));
        try {
            String prog = "import sys\nname = sys.stdin.readline().strip()\nprint('hello', name)\n"
                    + "print('to stderr', file=sys.stderr)\nsys.exit(3)\n";
            RunResult fresh = run(engine, prog, "ada\n");
            RunResult cold = run(s, prog, "ada\n"); // nothing ready yet: created as without a pool
            await().atMost(Duration.ofSeconds(30)).until(() -> s.warmContainers() == 1);
            Set<String> ready = waiting(node);
            assertThat(ready).hasSize(1);
            assertThat(DockerSandbox.isWarm(ready.iterator().next())).isTrue();

            RunResult warm = run(s, prog, "ada\n");
            for (RunResult r : List.of(cold, warm)) {
                assertThat(r.outcome()).isEqualTo(fresh.outcome()).isEqualTo(RunOutcome.RUNTIME_ERROR);
                assertThat(r.exitCode()).isEqualTo(fresh.exitCode()).isEqualTo(3);
                assertThat(r.stdout()).isEqualTo(fresh.stdout()).isEqualTo("hello ada\n");
                assertThat(r.stderr()).isEqualTo(fresh.stderr()).isEqualTo("to stderr\n");
            }
            // the run used the ready container (it is gone) and the pool made another one
            String used = ready.iterator().next();
            await().atMost(Duration.ofSeconds(30)).until(() -> !ofNode(node).stream().map(Container::getId).toList().contains(used)
                    && s.warmContainers() == 1);
            assertThat(waiting(node)).hasSize(1).doesNotContain(used);
        } finally {
            s.close();
        }
        assertThat(ofNode(node)).as("close removes the ready containers").isEmpty();
    }

    @Test
    void aContainerIsNeverUsedTwiceSoNothingOfOneRunReachesTheNext() {
        String node = node();
        DockerSandbox s = pooled(node, new PoolSettings(2, 2, 300_000));
        try {
            run(s, "print(1)\n", ""); // warms the pool
            await().atMost(Duration.ofSeconds(30)).until(() -> s.warmContainers() == 2);
            Set<String> ready = waiting(node);
            String writes = WHO + "open('/work/left-by-run-1', 'w').write('secret')\nopen('/tmp/left-by-run-1', 'w').write('secret')\n";
            String reads = WHO + "import os\nprint(os.path.exists('/work/left-by-run-1'), os.path.exists('/tmp/left-by-run-1'))\n";
            RunResult first = run(s, writes, "");
            RunResult second = run(s, reads, "");
            String c1 = containerOf(first);
            String c2 = containerOf(second);
            assertThat(ready).as("both runs took a prepared container").contains(c1, c2);
            assertThat(c2).isNotEqualTo(c1);
            assertThat(second.stdout()).endsWith("False False\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<String> ids = ofNode(node).stream().map(Container::getId).toList();
                return !ids.contains(c1) && !ids.contains(c2);
            });
        } finally {
            s.close();
        }
    }

    @Test
    void thePoolRefillsPerKindWithinItsBoundAndEmptiesWhenNotRun() {
        String node = node();
        DockerSandbox s = pooled(node, new PoolSettings(2, 3, 8_000));
        try {
            run(s, "print(1)\n", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> s.warmContainers() == 2);
            RunResult js = s.run(new RunRequest(Languages.JAVASCRIPT, "console.log(1)\n", ""), OutputListener.NONE);
            assertThat(js.outcome()).isEqualTo(RunOutcome.OK);
            // JavaScript gets its 2 by taking one of Python's (the least recently run kind): 3 at most, all kinds
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(waiting(node).size()).as("ready containers on the engine").isLessThanOrEqualTo(3);
                return s.warmContainers() == 3 && waiting(node).size() == 3;
            });
            Map<String, Long> byImage = ofNode(node).stream().filter(c -> "created".equals(c.getState()))
                    .collect(Collectors.groupingBy(Container::getImage, Collectors.counting()));
            assertThat(byImage).containsEntry(Languages.JAVASCRIPT.image(), 2L).containsEntry(Languages.PYTHON.image(), 1L);
            // nobody runs anything for max-idle-ms: the pool removes what waits and makes nothing new
            await().atMost(Duration.ofSeconds(30)).until(() -> s.warmContainers() == 0 && ofNode(node).isEmpty());
        } finally {
            s.close();
        }
    }

    @Test
    void aJvmThatExitsLeavesNoPooledContainer() throws Exception {
        String node = node();
        Process p = probe(node, "exit");
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("probe ended").isTrue();
        assertThat(ofNode(node)).as("the exited JVM's pool (shutdown hook)").isEmpty();
    }

    @Test
    void aKilledNodesPoolIsRemovedByTheRestartedNode() throws Exception {
        String node = node();
        Process p = probe(node, "hang");
        p.destroyForcibly(); // SIGKILL: no shutdown hook
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(waiting(node)).as("the killed node's ready containers").hasSize(2);
        DockerSandbox restarted = new DockerSandbox(engine.client(), SandboxSettings.DEFAULT.withNodeId(node));
        assertThat(new ContainerReaper(restarted).removeLeftoversOfThisNode()).isEqualTo(2);
        assertThat(ofNode(node)).isEmpty();
    }

    /** Starts {@link WarmPoolProbe} and waits (bounded) until its pool is warm. */
    static Process probe(String node, String mode) throws Exception {
        Path log = Files.createTempFile("tandem-warm-pool", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WarmPoolProbe.class.getName(),
                node, mode).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("warm=") || !p.isAlive());
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("probe output").contains("warm=2");
        } catch (AssertionError | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        } finally {
            Files.deleteIfExists(log);
        }
        return p;
    }
}
