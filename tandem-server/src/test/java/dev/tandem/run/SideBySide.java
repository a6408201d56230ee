package dev.tandem.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The run benchmarks' comparison (SandboxBench, tandem-bench's RunBench): one path through Tandem against a
 * bare {@code docker run}, timed alternately so that both see the same machine load, printed as Markdown.
 */
public final class SideBySide {
    private SideBySide() {}

    /** One timed run: its milliseconds; it throws when the run went wrong. */
    @FunctionalInterface
    public interface Timed {
        double ms() throws Exception;
    }

    /**
     * Two warm-up runs of each, not counted, then {@code n} of each in turn; prints a row of p50, p99, min and
     * max per path and the ratio {@code tandem/bare} of p50 and p99 as "ratio {@code ratioName}: ...".
     */
    public static void compare(int n, String ratioName, String tandemLabel, Timed tandem, String bareLabel, Timed bare)
            throws Exception {
        List<Double> tandemMs = new ArrayList<>();
        List<Double> bareMs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tandem.ms();
            bare.ms();
        }
        for (int i = 0; i < n; i++) {
            tandemMs.add(tandem.ms());
            bareMs.add(bare.ms());
        }
        System.out.printf("| path | N | p50 ms | p99 ms | min ms | max ms |%n|---|---|---|---|---|---|%n");
        row(tandemLabel, tandemMs);
        row(bareLabel, bareMs);
        System.out.printf("%nratio %s: p50 %.2f, p99 %.2f%n", ratioName, pct(tandemMs, 50) / pct(bareMs, 50),
                pct(tandemMs, 99) / pct(bareMs, 99));
    }

    private static void row(String label, List<Double> ms) {
        System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.0f |%n", label, ms.size(), pct(ms, 50), pct(ms, 99),
                Collections.min(ms), Collections.max(ms));
    }

    static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(idx, sorted.size() - 1)));
    }
}
