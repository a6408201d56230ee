package dev.tandem.run.sandbox;

import dev.tandem.run.Languages;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tandem.sandbox.runtime} (issue 13 item 4): containers start under the configured OCI runtime. With gVisor
 * ({@code runsc}) registered with the engine, a program runs under gVisor's own kernel (it reports its own kernel
 * version, not the host's) with every other rule of the sandbox still in force. Where the engine does not list
 * {@code runsc}, that test is reported as skipped with the reason, never as passed. An unknown runtime is refused
 * by the engine: an internal error whose message says nothing of the engine, and nothing left behind.
 */
@Timeout(120)
class SandboxRuntimeTest {
    static DockerSandbox docker;

    @RegisterExtension
    static final SandboxSuite SUITE = new SandboxSuite(() -> List.of(Languages.PYTHON), opened -> docker = opened);

    @Test
    void programsRunUnderGvisorWhenConfigured() {
        Map<String, ?> runtimes = docker.client().infoCmd().exec().getRuntimes();
        Assumptions.assumeTrue(runtimes != null && runtimes.containsKey("runsc"),
                "gVisor is not registered with this Docker engine (docker info lists runtimes " + (runtimes == null ? "none" : runtimes.keySet())
                        + "): install the Debian package runsc and add it to /etc/docker/daemon.json (docs/sandbox.md, gVisor)");
        DockerSandbox gvisor = new DockerSandbox(docker.client(), SandboxSettings.DEFAULT.withRuntime("runsc")
                .withRuntimePidsOverhead(128));
        RunResult r = gvisor.run(new RunRequest(Languages.PYTHON, String.join("\n",
                "import os, platform",
                "print(platform.release())",
                "print(os.getuid())",
                "try:",
                "    open('/proc/1/fd/1', 'w').write('forged')",
                "    print('reached pid 1')",
                "except OSError:",
                "    print('pid 1 closed')",
                ""), ""), OutputListener.NONE);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        String[] lines = r.stdout().split("\n");
        assertThat(lines[0]).as("the kernel the program sees").isNotEqualTo(System.getProperty("os.version"));
        assertThat(lines[1]).isEqualTo(Integer.toString(ContainerSpec.PROGRAM_UID));
        assertThat(lines[2]).isEqualTo("pid 1 closed");
    }

    @Test
    void anUnknownRuntimeIsAnInternalErrorAndLeavesNothing() {
        DockerSandbox bogus = new DockerSandbox(docker.client(), SandboxSettings.DEFAULT.withRuntime("tandem-no-such-runtime")
                .withNodeId("runtime-test-" + java.util.UUID.randomUUID()));
        RunResult r = bogus.run(new RunRequest(Languages.PYTHON, "print(1)\n", ""), OutputListener.NONE);
        assertThat(r.outcome()).isEqualTo(RunOutcome.INTERNAL_ERROR);
        assertThat(r.message()).doesNotContain("tandem-no-such-runtime").doesNotContain("Exception");
        assertThat(docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerSpec.NODE_LABEL, bogus.nodeId())).exec()).isEmpty();
    }
}
