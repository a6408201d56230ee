package dev.tandem.realtime;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Counts of the socket layer that the metrics read ({@code dev.tandem.metrics.TandemMetrics}).
 *
 * <p>Why static: {@link ClientConnection} and {@link LoopFanOut} are per-socket and per-message code built
 * outside CDI on the hot path; a static counter costs one add and threads no registry through their
 * constructors. The counters only grow (several Quarkus applications in one test JVM share them, which a
 * counter allows). The fan-out timing is a hook the metrics install, a no-op until then.
 */
public final class RealtimeStats {
    /** Messages not sent: the client's outbound queue was full, or its connection was already closing. */
    public static final LongAdder OUTBOUND_DROPS = new LongAdder();
    /** Connections closed because the client did not read fast enough (close code {@link ClientConnection#CLOSE_TOO_SLOW}). */
    public static final LongAdder SLOW_CLIENT_CLOSES = new LongAdder();

    private static final LongConsumer NONE = nanos -> {};
    private static volatile LongConsumer fanOut = NONE;

    private RealtimeStats() {}

    /** Installs the recorder of fan-out latencies (nanoseconds); null uninstalls it. */
    public static void onFanOut(LongConsumer recorder) {
        fanOut = recorder == null ? NONE : recorder;
    }

    /** One fan-out reached a group of sockets {@code nanos} after it started on this node. */
    static void fannedOut(long nanos) {
        fanOut.accept(nanos);
    }
}
