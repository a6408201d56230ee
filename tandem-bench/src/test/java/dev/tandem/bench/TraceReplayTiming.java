package dev.tandem.bench;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Rope;
import dev.tandem.collab.Traces;

import java.util.Arrays;

/**
 * Times the replay of a whole editing trace through ChangeSet.of + applyTo on a Rope, as the server would apply
 * one update per edit. Run: {@code mvn -B -Pbench test-compile exec:exec -Dbench.main=dev.tandem.bench.TraceReplayTiming}.
 *
 * <p>Traces: the {@code editing-traces} data set by Joseph Gentle and contributors
 * (github.com/josephg/editing-traces), licensed CC BY 4.0.
 */
public final class TraceReplayTiming {
    private TraceReplayTiming() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "automerge-paper";
        Traces.Trace trace = Traces.sequential(name);
        int warmups = 5;
        int runs = 10;
        long[] nanos = new long[runs];
        for (int i = 0; i < warmups + runs; i++) {
            long start = System.nanoTime();
            String result = replay(trace);
            long elapsed = System.nanoTime() - start;
            if (!result.equals(trace.endContent())) {
                throw new AssertionError("replay of " + name + " did not give its endContent");
            }
            if (i >= warmups) {
                nanos[i - warmups] = elapsed;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%s: %,d edits, final length %,d; after %d warm-up runs, %d runs: min %.1f ms, median %.1f ms,"
                        + " max %.1f ms (%.0f ns per edit at the median)%n",
                name, trace.patches().size(), trace.endContent().length(), warmups, runs, nanos[0] / 1e6,
                nanos[runs / 2] / 1e6, nanos[runs - 1] / 1e6, (double) nanos[runs / 2] / trace.patches().size());
    }

    private static String replay(Traces.Trace trace) {
        Rope rope = Rope.of(trace.startContent());
        for (Traces.Patch p : trace.patches()) {
            ChangeSet.of(rope.length(), p.pos(), p.pos() + p.deleted(), p.inserted()).applyTo(rope);
        }
        return rope.toString();
    }
}
