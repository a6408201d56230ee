package dev.tandem.metrics;

import dev.tandem.judge.JudgedSubmission;
import dev.tandem.judge.Verdict;
import dev.tandem.run.FinishedRun;
import dev.tandem.run.RunOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs by outcome, the sandbox time of runs, judge verdicts; one counter per value, registered up front. */
// @Startup: registered before the first scrape, not at their first use (an unused meter still shows 0)
@io.quarkus.runtime.Startup
@ApplicationScoped
public class JobMeters {
    private final Map<RunOutcome, Counter> runs = new EnumMap<>(RunOutcome.class);
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private final Timer sandboxTime;

    public JobMeters(Instance<MeterRegistry> registry) {
        MeterRegistry r = Registry.of(registry);
        for (RunOutcome o : RunOutcome.values()) {
            runs.put(o, Counter.builder("tandem.runs").description("runs finished by this node's workers, by outcome")
                    .tag("outcome", o.json()).register(r));
        }
        for (Verdict v : Verdict.values()) {
            verdicts.put(v, Counter.builder("tandem.judge.verdicts").description("submissions judged by this node, by verdict")
                    .tag("verdict", v.json()).register(r));
        }
        sandboxTime = Timer.builder("tandem.sandbox.time").description("time a run's program took in the sandbox")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(r);
    }

    /**
     * A run finished on this node (fired by the run workers, which do not know the meters); {@code timeMs} is the
     * sandbox's wall time of the program.
     */
    void runFinished(@Observes FinishedRun run) {
        RunOutcome outcome = run.outcome();
        long timeMs = run.timeMs();
        if (outcome == null) return;
        runs.get(outcome).increment();
        // an internal error never ran the program: its time would only pull the histogram towards 0
        if (outcome != RunOutcome.INTERNAL_ERROR) sandboxTime.record(timeMs, TimeUnit.MILLISECONDS);
    }

    /** A submission was judged on this node (fired by the judge workers, which do not know the meters). */
    void judged(@Observes JudgedSubmission judged) {
        if (judged.verdict() != null) verdicts.get(judged.verdict()).increment();
    }
}
