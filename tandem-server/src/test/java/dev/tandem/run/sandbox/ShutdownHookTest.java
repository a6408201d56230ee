package dev.tandem.run.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM that exits in the middle of a run leaves no container behind (the shutdown hook removes it). */
@Timeout(90)
class ShutdownHookTest {

    @Test
    void containersOfAnExitingJvmAreRemoved() throws Exception {
        Path log = Files.createTempFile("tandem-probe", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitMidRunProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("probe JVM ended").isTrue();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String owner = lines.stream().filter(l -> l.startsWith("owner=")).map(l -> l.substring(6))
                .findFirst().orElseThrow(() -> new AssertionError("probe output: " + lines));
        assertThat(lines).as("probe output").contains("output=running", "exiting");
        try (DockerSandbox sandbox = new DockerSandbox()) {
            assertThat(sandbox.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(DockerSandbox.OWNER_LABEL, owner)).exec())
                    .as("containers of the exited JVM").isEmpty();
        }
        Files.deleteIfExists(log);
        assertThat(new File(java)).exists();
    }
}
