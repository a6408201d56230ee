package dev.tandem.run.sandbox;

import dev.tandem.run.Languages;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import dev.tandem.run.SideBySide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Python hello world through {@link DockerSandbox} (create, attach, start, wait, inspect, remove with all
 * restrictions) against a bare {@code docker run --rm tandem-sandbox-python python3 -c 'print(1)'}
 * started with ProcessBuilder. Runs alternate; prints p50/p99 in ms and the ratio as Markdown.
 * Usage: SandboxBench [N] (default 20). See docs/benchmarks-sandbox.md for the command line.
 */
public final class SandboxBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (DockerSandbox sandbox = new DockerSandbox()) {
            sandbox.check(Languages.PYTHON);
            SideBySide.compare(n, "sandbox/bare", "DockerSandbox.run (python print(1))", () -> sandboxOnce(sandbox),
                    "bare `docker run --rm` (python3 -c 'print(1)')", SandboxBench::bareOnce);
        }
    }

    static double sandboxOnce(DockerSandbox sandbox) {
        long t0 = System.nanoTime();
        RunResult r = sandbox.run(new RunRequest(Languages.PYTHON, "print(1)\n", ""), OutputListener.NONE);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r.outcome() != RunOutcome.OK || !r.stdout().equals("1\n")) throw new IllegalStateException("bad run: " + r);
        return ms;
    }

    static double bareOnce() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("docker", "run", "--rm", Languages.PYTHON.image(),
                "python3", "-c", "print(1)").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("docker run did not end in 60 s");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.exitValue() != 0 || !out.equals("1\n")) throw new IllegalStateException("bad docker run: " + out);
        return ms;
    }
}
