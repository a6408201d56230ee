package dev.tandem.bench;

/** The outcome of a trace replay through live sockets. */
public record TraceReport(String mode, String trace, int edits, int editsPerUpdate, int updates, int watchers,
                          double seconds, double editsPerSecond, double updatesPerSecond, boolean converged,
                          String loadAverageAtEnd) implements LoadReport {

    public boolean clean() {
        return converged;
    }

    public String table() {
        return String.format("""
                trace mode: %s, %,d edits as %,d updates (%d edits each), 1 typist + %d watchers (load %s)
                  time %.2f s: %,.0f edits/s, %,.0f updates/s; converged: %s
                """, trace, edits, updates, editsPerUpdate, watchers, loadAverageAtEnd, seconds, editsPerSecond,
                updatesPerSecond, converged ? "yes (typist, watchers and server equal endContent)" : "NO");
    }
}
