package dev.tandem.bench;

import java.util.List;

/** Transport mode's outcome: one row per transport, the same load, measured one after the other in one run. */
public record TransportReport(int sessions, int readersPerSession, double editsPerSecondPerSession, double seconds, List<Row> rows) implements LoadReport {

    /** @param serverCpuMsPerEdit NaN when no server pid was given; {@code failures}: readers that broke off */
    public record Row(String transport, double editsPerSecond, Percentiles fanOutLatencyMs, double serverCpuMsPerEdit, long failures) {}

    public boolean clean() {
        return rows.stream().allMatch(r -> r.failures() == 0 && r.fanOutLatencyMs().count() > 0);
    }

    public String table() {
        StringBuilder out = new StringBuilder(String.format(
                "transport mode: %d sessions x (1 writer at %.1f edits/s + %d readers), %.0f s per transport%n",
                sessions, editsPerSecondPerSession, readersPerSession, seconds));
        out.append("| transport | edits/s | fan-out p50 ms | p99 ms | max ms | samples | server CPU ms / edit | reader failures |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Percentiles l = r.fanOutLatencyMs();
            out.append(String.format("| %s | %.0f | %.2f | %.2f | %.1f | %,d | %.2f | %d |%n", r.transport(), r.editsPerSecond(),
                    l.p50(), l.p99(), l.max(), l.count(), r.serverCpuMsPerEdit(), r.failures()));
        }
        return out.toString();
    }
}
