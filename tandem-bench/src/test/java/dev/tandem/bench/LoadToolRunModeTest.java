package dev.tandem.bench;

import dev.tandem.run.sandbox.DockerSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load tool's run mode against a real node, with Docker and the sandbox images (as RunFlowTest):
 * a few runs must all finish with their own output verified, through Tandem and bare docker run alike, and
 * a run whose output or exit code is wrong must be counted as a failure. No timing assertions: the machine
 * is shared, and the numbers belong in docs/benchmarks.md.
 */
class LoadToolRunModeTest {
    private static RealServer server;
    private static Set<String> containersBefore;

    private static URI server() {
        return server.uri();
    }

    @BeforeAll
    static void startServer() throws Exception {
        containersBefore = sandboxContainers();
        server = RealServer.start();
    }

    /** The node (another JVM) ran the containers: once it has stopped, none of them may be left. */
    @AfterAll
    static void noContainerLeftBehind() throws Exception {
        if (server != null) server.close();
        Set<String> left = sandboxContainers();
        left.removeAll(containersBefore);
        assertThat(left).isEmpty();
    }

    private static Set<String> sandboxContainers() throws Exception {
        try (DockerSandbox sandbox = new DockerSandbox()) {
            return sandbox.listSandboxContainers().stream().map(c -> c.getId()).collect(Collectors.toSet());
        }
    }

    @Test
    void runModeFinishesEveryRunWithItsOwnOutputThroughTandemAndBareDocker() throws Exception {
        // 3 in flight, more than the node's 2 workers (the default), so some runs wait in the queue.
        LoadOptions options = LoadOptions.parse(new String[]{"run", "--server", server().toString(),
                "--runs", "6", "--concurrency", "3", "--language", "python", "--baseline", "docker"});

        RunReport report = new RunLoad(options).run();

        for (RunSeries series : List.of(report.tandem(), report.bare())) {
            assertThat(series.firstFailure()).as(series.path()).isNull();
            assertThat(series.failed()).isZero();
            assertThat(series.succeeded()).isEqualTo(6);
            assertThat(series.finishedMs().count()).isEqualTo(6);
            assertThat(series.firstOutputMs().count()).isEqualTo(6);
            assertThat(series.runsPerSecond()).isPositive();
        }
        assertThat(report.tandem().queuedMs().count()).isEqualTo(6);
        assertThat(report.bare().queuedMs()).isNull();
        assertThat(report.tandemOverBare().finishedP50()).isPositive();
        assertThat(report.clean()).isTrue();
    }

    @Test
    void executeModeFinishesEveryRunWithItsOwnOutputWithoutASession() throws Exception {
        LoadOptions options = LoadOptions.parse(new String[]{"execute", "--server", server().toString(),
                "--runs", "4", "--concurrency", "2", "--language", "python"});

        RunReport report = new ExecuteLoad(options).run();

        assertThat(report.tandem().firstFailure()).isNull();
        assertThat(report.tandem().succeeded()).isEqualTo(4);
        assertThat(report.tandem().finishedMs().count()).isEqualTo(4);
        assertThat(report.bare()).isNull();
        assertThat(report.clean()).isTrue();
    }

    @Test
    void aRunThatPrintsSomethingElseOrFailsIsAFailure() throws Exception {
        String token = "tandem-test-wrong";
        RunProgram printsAnotherToken = new RunProgram("python", "print('hello tandem-test-other')\n");
        RunProgram exitsWithThree = new RunProgram("python", "import sys\nprint('hello ' + input())\nsys.exit(3)\n");
        try (RunSlot wrong = RunSlot.open(List.of(server()), printsAnotherToken, "wrong");
             RunSlot failing = RunSlot.open(List.of(server()), exitsWithThree, "failing")) {
            RunSample wrongOutput = wrong.run(token, RunLoad.RUN_DEADLINE);
            RunSample nonZeroExit = failing.run(token, RunLoad.RUN_DEADLINE);

            assertThat(wrongOutput.failure()).isNotNull();
            assertThat(wrongOutput.failure().kind()).isEqualTo(RunFailure.Kind.WRONG_OUTPUT);
            assertThat(wrongOutput.failure().detail()).contains("hello tandem-test-other");
            assertThat(wrongOutput.finishedNanos()).isPositive();
            assertThat(nonZeroExit.failure()).isNotNull();
            assertThat(nonZeroExit.failure().kind()).isEqualTo(RunFailure.Kind.NON_ZERO_EXIT);
        }
    }

    @Test
    void verificationWantsExitCodeZeroAnOkOutcomeAndExactlyTheTokenLine() {
        String token = "tandem-abc-t1";
        assertThat(RunProgram.verify(token, "ok", 0, "hello tandem-abc-t1\n")).isNull();
        assertThat(RunProgram.verify(token, null, 0, "hello tandem-abc-t1\n")).as("bare docker run: no outcome").isNull();
        assertThat(RunProgram.verify(token, "ok", 0, "hello tandem-abc-t2\n").kind()).isEqualTo(RunFailure.Kind.WRONG_OUTPUT);
        assertThat(RunProgram.verify(token, "ok", 0, "hello tandem-abc-t1").kind()).isEqualTo(RunFailure.Kind.WRONG_OUTPUT);
        assertThat(RunProgram.verify(token, "ok", 0, "").kind()).isEqualTo(RunFailure.Kind.WRONG_OUTPUT);
        assertThat(RunProgram.verify(token, "runtime_error", 1, "hello tandem-abc-t1\n").kind()).isEqualTo(RunFailure.Kind.NON_ZERO_EXIT);
        assertThat(RunProgram.verify(token, "compile_error", null, "").kind()).isEqualTo(RunFailure.Kind.ERROR);
        assertThat(RunProgram.verify(token, "internal_error", null, "").kind()).isEqualTo(RunFailure.Kind.ERROR);
    }
}
