package dev.tandem.bench;

/** Server memory before and after K idle sockets were opened and welcomed. */
public record ConnectionsReport(String mode, int requested, int opened, int failed, int sessions, int sourceAddresses,
                                double openSeconds, long heapBeforeKib, long heapAfterKib, long rssBeforeKib,
                                long rssAfterKib, double heapBytesPerConnection, double rssBytesPerConnection,
                                String loadAverageAtEnd, String firstFailure) implements LoadReport {

    public boolean clean() {
        return failed == 0;
    }

    public String table() {
        return String.format("""
                connections mode: %,d of %,d sockets welcomed (%d failed) in %,d sessions from %d source addresses, %.1f s (load %s)
                  server heap after full GC: %,d KiB -> %,d KiB = %,.0f bytes per connection (%.1f KiB)
                  server RSS: %,d KiB -> %,d KiB = %,.0f bytes per connection
                %s""", opened, requested, failed, sessions, sourceAddresses, openSeconds, loadAverageAtEnd, heapBeforeKib,
                heapAfterKib, heapBytesPerConnection, heapBytesPerConnection / 1024, rssBeforeKib, rssAfterKib,
                rssBytesPerConnection, firstFailure == null ? "" : "  first failure: " + firstFailure + "\n");
    }
}
