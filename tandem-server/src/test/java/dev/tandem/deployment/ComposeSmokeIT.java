package dev.tandem.deployment;

import dev.tandem.RepoFiles;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose deployment's smoke test (deployment/smoke-test.sh) as part of {@code mvn verify} (failsafe,
 * integration-test phase, after {@code package}): the image copies the freshly built target/quarkus-app
 * ({@code --no-maven}), so the image build takes seconds. Needs a Docker engine, debian:bookworm-slim
 * (seeded by sandbox-images/build.sh --seed bookworm) and Compose (the script installs Debian's docker-compose when root).
 * Output: target/smoke/smoke-test.log. Leave it out with {@code -DskipITs} or {@code -Dfailsafe.excludedGroups=compose}.
 */
@Tag("compose")
class ComposeSmokeIT {

    @Test
    void composeDeploymentPassesTheSmokeTestThroughTheLoadBalancer() throws Exception {
        Path log = Path.of("target/smoke/smoke-test.log");
        Files.createDirectories(log.getParent());
        assertThat(Path.of("target/quarkus-app/quarkus-run.jar")).as("run after `package`").exists();
        Process process = new ProcessBuilder(List.of("bash", "deployment/smoke-test.sh", "--no-maven"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(RepoFiles.root().toFile())  // the script and the compose files live there
                .start();
        boolean ended = process.waitFor(8, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS); // the script's trap tears the stack down
        }
        String output = Files.readString(log);
        String tail = output.substring(Math.max(0, output.length() - 6000));
        assertThat(ended).as("smoke test within 8 minutes; log tail:\n%s", tail).isTrue();
        assertThat(process.exitValue()).as("smoke test exit status; log tail:\n%s", tail).isZero();
        // three gateways behind the load balancer and a runner (the only one with the Docker socket)
        assertThat(output).contains("4 nodes healthy (3 gateways, 1 runner), one cluster of 4 members", "[smoke] converged", "PASSED");
        output.lines().filter(l -> l.startsWith("[smoke")).forEach(System.out::println);
    }
}
