package dev.tandem.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The numbers of one path (Tandem, or bare docker run) over N runs: successes, failures by kind, runs/s
 * (successful runs over the time from the first submit until the last run ended) and latency from submit to
 * the queued answer, the first output and the end. Latencies count every run that got that far, failed or
 * not; {@code queuedMs} is null for a path without a queue.
 */
public record RunSeries(String path, int runs, int succeeded, Map<RunFailure.Kind, Integer> failures, double seconds,
                        double runsPerSecond, Percentiles queuedMs, Percentiles firstOutputMs, Percentiles finishedMs,
                        String firstFailure) {

    static RunSeries of(String path, ClosedLoop.Result result, boolean queued) {
        List<RunSample> samples = result.samples();
        Map<RunFailure.Kind, Integer> failures = new EnumMap<>(RunFailure.Kind.class);
        String first = null;
        for (RunSample s : samples) {
            if (s.failure() == null) continue;
            failures.merge(s.failure().kind(), 1, Integer::sum);
            if (first == null) first = s.failure().toString();
        }
        int succeeded = samples.size() - failures.values().stream().mapToInt(Integer::intValue).sum();
        return new RunSeries(path, samples.size(), succeeded, failures, result.seconds(), succeeded / result.seconds(),
                queued ? percentiles(samples, RunSample::queuedNanos) : null,
                percentiles(samples, RunSample::firstOutputNanos), percentiles(samples, RunSample::finishedNanos), first);
    }

    private static Percentiles percentiles(List<RunSample> samples, ToLongFunction<RunSample> value) {
        return Percentiles.ofNanos(samples.stream().mapToLong(value).filter(v -> v != RunSample.NONE).toArray());
    }

    public int failed() {
        return runs - succeeded;
    }

    String table() {
        StringBuilder t = new StringBuilder(String.format("  %s: %d of %d runs ok in %.2f s = %.2f runs/s, failures %d%s%n",
                path, succeeded, runs, seconds, runsPerSecond, failed(), failures.isEmpty() ? "" : " " + failures));
        if (queuedMs != null) t.append(row("submit -> queued answer", queuedMs));
        if (firstOutputMs.count() > 0) t.append(row("submit -> first output", firstOutputMs)); // none: POST ?wait=true
        t.append(row("submit -> finished", finishedMs));
        if (firstFailure != null) t.append("    first failure: ").append(firstFailure).append('\n');
        return t.toString();
    }

    private static String row(String what, Percentiles p) {
        return String.format("    %-24s ms: p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f  (%d)%n", what, p.p50(), p.p90(), p.p99(), p.max(), p.count());
    }
}
