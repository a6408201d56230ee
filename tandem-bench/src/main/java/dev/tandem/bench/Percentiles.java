package dev.tandem.bench;

import java.util.Arrays;

/** Order statistics of a latency sample, in milliseconds. Nearest-rank percentiles over all samples. */
public record Percentiles(long count, double p50, double p90, double p99, double max) {

    public static Percentiles ofNanos(long[] nanos) {
        if (nanos.length == 0) return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
