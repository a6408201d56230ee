package dev.tandem.bench;

/** The outcome of an edit-mode run; {@code serverCpuMsPer1000Edits} is null when no server pid was given. */
public record EditReport(String mode, int sessions, int clientsPerSession, double ratePerClient, double seconds,
                         long editsMade, long updatesAccepted, double acceptedPerSecond, double deliveredMessagesPerSecond,
                         Percentiles fanOutLatencyMs, long errors, int sessionsConverged, int sessionsDiverged,
                         Double serverCpuMsPer1000Edits, String loadAverageAtEnd, String firstError) implements LoadReport {

    public boolean clean() {
        return errors == 0 && sessionsDiverged == 0 && editsMade == updatesAccepted;
    }

    public String table() {
        Percentiles l = fanOutLatencyMs;
        return String.format("""
                edit mode: %d sessions x %d clients x %.1f edits/s for %.0f s (load %s)
                  edits made %,d, accepted %,d (%,.0f/s), delivered messages %,.0f/s
                  fan-out latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (%,d samples)
                  errors %d%s, sessions converged %d, diverged %d
                  server CPU per 1,000 edits: %s
                """, sessions, clientsPerSession, ratePerClient, seconds, loadAverageAtEnd, editsMade, updatesAccepted,
                acceptedPerSecond, deliveredMessagesPerSecond, l.p50(), l.p90(), l.p99(), l.max(), l.count(), errors,
                firstError == null ? "" : " (first: " + firstError + ")", sessionsConverged, sessionsDiverged,
                serverCpuMsPer1000Edits == null ? "not measured (--server-pid)" : String.format("%.0f ms", serverCpuMsPer1000Edits));
    }
}
