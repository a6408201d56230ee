package dev.tandem.bench;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Run mode: N runs of a hello world that echoes a per-run token, K in flight (one session and socket per
 * lane), through {@code POST /api/sessions/{id}/runs} and the session's run events; then, with
 * {@code --baseline docker}, the same N runs, K in flight, through bare {@code docker run} (one after the
 * other, so that the two never compete for the machine). One unmeasured run of each path first (page cache,
 * the server's JIT).
 */
final class RunLoad {
    /** A compiled language's first run on a busy 2-core machine can take tens of seconds; a run past this is a failure. */
    static final Duration RUN_DEADLINE = Duration.ofSeconds(120);

    private final LoadOptions o;
    /** Makes the tokens of this invocation unique, so that no output of an earlier one can pass the check. */
    private final String invocation = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    RunLoad(LoadOptions options) {
        this.o = options;
    }

    RunReport run() throws IOException, InterruptedException {
        String loadAtStart = ServerProbe.loadAverage();
        RunProgram program = RunProgram.echo(o.language());
        List<RunSlot> slots = new ArrayList<>();
        try {
            for (int lane = 0; lane < o.concurrency(); lane++) {
                // Lanes spread over the servers given, each with the others as its socket's fallbacks.
                slots.add(RunSlot.open(o.serversFrom(lane), program, "run-lane-" + lane));
            }
            requireSuccess("Tandem", slots.get(0).run(token("warm-up"), RUN_DEADLINE));
            RunSeries tandem = RunSeries.of("Tandem", ClosedLoop.run(o.runs(), o.concurrency(), RUN_DEADLINE,
                    (number, lane) -> slots.get(lane).run(token("t" + number), RUN_DEADLINE)), true);
            RunSeries bare = null;
            RunReport.Ratios ratios = null;
            if (o.baseline().equals("docker")) {
                Language language = Languages.byId(o.language());
                requireSuccess("bare docker run", bare(language, program, token("bare-warm-up")));
                bare = RunSeries.of("bare docker run", ClosedLoop.run(o.runs(), o.concurrency(), RUN_DEADLINE,
                        (number, lane) -> bare(language, program, token("b" + number))), false);
                ratios = RunReport.Ratios.of(tandem, bare);
            }
            return new RunReport("run", o.language(), o.runs(), o.concurrency(), tandem, bare, ratios, loadAtStart,
                    ServerProbe.loadAverage());
        } finally {
            slots.forEach(RunSlot::close);
        }
    }

    private String token(String run) {
        return "tandem-" + invocation + "-" + run;
    }

    static RunSample bare(Language language, RunProgram program, String token) throws IOException, InterruptedException {
        BareDockerRun.Result r = BareDockerRun.run(language, program.source(), RunProgram.stdinFor(token), RUN_DEADLINE);
        if (r.timedOut()) return new RunSample(RunSample.NONE, r.firstOutputNanos(), RunSample.NONE,
                new RunFailure(RunFailure.Kind.TIMEOUT, "docker run did not end in " + RUN_DEADLINE));
        RunFailure failure = RunProgram.verify(token, null, r.exitCode(), r.stdout());
        if (failure != null && !r.stderr().isBlank()) {
            String stderr = r.stderr().strip();
            failure = new RunFailure(failure.kind(), failure.detail() + ", stderr: " + stderr.substring(0, Math.min(300, stderr.length())));
        }
        return new RunSample(RunSample.NONE, r.firstOutputNanos(), r.finishedNanos(), failure);
    }

    /** A path whose first run fails would only repeat that failure N times: stop with it instead. */
    private static void requireSuccess(String path, RunSample warmUp) throws IOException {
        if (warmUp.failure() != null) throw new IOException(path + ": the warm-up run failed: " + warmUp.failure());
    }
}
