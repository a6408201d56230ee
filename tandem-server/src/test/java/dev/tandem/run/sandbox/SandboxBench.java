package dev.tandem.run.sandbox;

import dev.tandem.run.Languages;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        List<Double> sandboxMs = new ArrayList<>();
        List<Double> bareMs = new ArrayList<>();
        try (DockerSandbox sandbox = new DockerSandbox()) {
            sandbox.check(Languages.PYTHON);
            for (int i = 0; i < 2; i++) { // warm-up, not counted
                sandboxOnce(sandbox);
                bareOnce();
            }
            for (int i = 0; i < n; i++) {
                sandboxMs.add(sandboxOnce(sandbox));
                bareMs.add(bareOnce());
            }
        }
        double sp50 = pct(sandboxMs, 50), sp99 = pct(sandboxMs, 99);
        double bp50 = pct(bareMs, 50), bp99 = pct(bareMs, 99);
        System.out.printf("| path | N | p50 ms | p99 ms | min ms | max ms |%n|---|---|---|---|---|---|%n");
        System.out.printf("| DockerSandbox.run (python print(1)) | %d | %.0f | %.0f | %.0f | %.0f |%n",
                n, sp50, sp99, Collections.min(sandboxMs), Collections.max(sandboxMs));
        System.out.printf("| bare `docker run --rm` (python3 -c 'print(1)') | %d | %.0f | %.0f | %.0f | %.0f |%n",
                n, bp50, bp99, Collections.min(bareMs), Collections.max(bareMs));
        System.out.printf("%nratio sandbox/bare: p50 %.2f, p99 %.2f%n", sp50 / bp50, sp99 / bp99);
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

    static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, idx)));
    }
}
