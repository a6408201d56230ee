package dev.tandem.bench;

/**
 * The outcome of the run mode: N runs of one language's hello world through Tandem, K in flight, and with
 * {@code --baseline docker} the same through bare {@code docker run} in the same invocation, with the ratios
 * Tandem/bare (below 1: Tandem is faster, or for runs/s slower).
 */
public record RunReport(String mode, String language, int runs, int concurrency, RunSeries tandem, RunSeries bare,
                        Ratios tandemOverBare, String loadAverageAtStart, String loadAverageAtEnd) implements LoadReport {

    /** Tandem's figure over bare docker run's: p50 and p99 of submit → finished, and runs/s. */
    public record Ratios(double finishedP50, double finishedP99, double runsPerSecond) {
        static Ratios of(RunSeries tandem, RunSeries bare) {
            return new Ratios(tandem.finishedMs().p50() / bare.finishedMs().p50(),
                    tandem.finishedMs().p99() / bare.finishedMs().p99(), tandem.runsPerSecond() / bare.runsPerSecond());
        }
    }

    public boolean clean() {
        return tandem.failed() == 0 && (bare == null || bare.failed() == 0);
    }

    public String table() {
        StringBuilder t = new StringBuilder(String.format("%s mode: %s hello world (stdin echoed), %d runs, %d in flight (load %s at start, %s at end)%n",
                mode, language, runs, concurrency, loadAverageAtStart, loadAverageAtEnd));
        t.append(tandem.table());
        if (bare != null) {
            t.append(bare.table());
            t.append(String.format("  Tandem/bare: submit -> finished p50 %.2f, p99 %.2f; runs/s %.2f%n",
                    tandemOverBare.finishedP50(), tandemOverBare.finishedP99(), tandemOverBare.runsPerSecond()));
        }
        return t.toString();
    }
}
