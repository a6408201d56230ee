package dev.tandem.bench;

/**
 * The outcome of an edit-mode run. The server CPU figures are null when no server pid was given; of the CPU per
 * edit, {@code serverJitMsPer1000Edits} is the part the JIT compiler's threads took. The push and
 * conflict figures are null when the server serves no metrics. {@code updatesAccepted} leaves the {@code --history}
 * updates out.
 */
public record EditReport(String mode, int sessions, int clientsPerSession, double ratePerClient, double seconds,
                         int initialChars, int historyUpdates,
                         long editsMade, long updatesAccepted, double acceptedPerSecond, double deliveredMessagesPerSecond,
                         Percentiles fanOutLatencyMs, long errors, int sessionsConverged, int sessionsDiverged,
                         Double serverCpuMsPer1000Edits, Double serverJitMsPer1000Edits, Double serverCpuMsPer1000Delivered,
                         Double pushesPer1000Edits, Double conflictsPer1000Edits,
                         String loadAverageAtEnd, String firstError) implements LoadReport {

    public boolean clean() {
        return errors == 0 && sessionsDiverged == 0 && editsMade == updatesAccepted;
    }

    public String table() {
        Percentiles l = fanOutLatencyMs;
        return String.format("""
                edit mode: %d sessions x %d clients x %.1f edits/s for %.0f s (load %s)
                  documents of %,d characters at the start, %,d updates of history before
                  edits made %,d, accepted %,d (%,.0f/s), delivered messages %,.0f/s
                  fan-out latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (%,d samples)
                  errors %d%s, sessions converged %d, diverged %d
                  server CPU per 1,000 edits: %s (of it the JIT compiler %s), per 1,000 delivered messages: %s
                  pushes per 1,000 edits: %s, of them conflicts: %s
                """, sessions, clientsPerSession, ratePerClient, seconds, loadAverageAtEnd, initialChars, historyUpdates,
                editsMade, updatesAccepted, acceptedPerSecond, deliveredMessagesPerSecond, l.p50(), l.p90(), l.p99(), l.max(),
                l.count(), errors, firstError == null ? "" : " (first: " + firstError + ")", sessionsConverged, sessionsDiverged,
                serverCpuMsPer1000Edits == null ? "not measured (--server-pid)" : String.format("%.0f ms", serverCpuMsPer1000Edits),
                serverJitMsPer1000Edits == null ? "-" : String.format("%.0f ms", serverJitMsPer1000Edits),
                serverCpuMsPer1000Delivered == null ? "-" : String.format("%.1f ms", serverCpuMsPer1000Delivered),
                pushesPer1000Edits == null ? "not served (metrics off)" : String.format("%.0f", pushesPer1000Edits),
                conflictsPer1000Edits == null ? "-" : String.format("%.0f", conflictsPer1000Edits));
    }
}
