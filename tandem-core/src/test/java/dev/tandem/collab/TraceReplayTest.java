package dev.tandem.collab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays real editing histories through ChangeSet and Rope.
 *
 * <p>Traces: the {@code editing-traces} data set by Joseph Gentle and contributors
 * (github.com/josephg/editing-traces), licensed CC BY 4.0.
 */
class TraceReplayTest {

    static Stream<Path> sequentialTraces() {
        // Traces.sequentialFiles() throws when the folder is missing, which fails the test instead of skipping it.
        return Traces.sequentialFiles().stream();
    }

    @Test
    void tracesFolderIsThere() {
        assertThat(Traces.sequentialFiles()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequentialTraces")
    void replayOnRopeGivesTheEndContent(Path file) {
        Traces.Trace trace = Traces.load(file);
        Rope rope = Rope.of(trace.startContent());
        long start = System.nanoTime();
        for (Traces.Patch patch : trace.patches()) {
            ChangeSet.of(rope.length(), patch.pos(), patch.pos() + patch.deleted(), patch.inserted()).applyTo(rope);
        }
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("trace %s: %,d edits replayed through ChangeSet+Rope in %,d ms (cold JVM), %,d chunks%n",
                trace.name(), trace.patches().size(), micros / 1000, rope.chunkCount());
        // Chunks must stay reasonably large; a rope of thousands of tiny chunks would be a slow linked list.
        assertThat(rope.chunkCount()).isLessThanOrEqualTo(rope.length() / 128 + 2);
        assertThat(rope.length()).isEqualTo(trace.endContent().length());
        assertThat(rope.toString()).isEqualTo(trace.endContent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequentialTraces")
    void composingEachTransactionGivesTheSameResult(Path file) {
        Traces.Trace trace = Traces.load(file);
        Rope rope = Rope.of(trace.startContent());
        for (int t = 0; t < trace.txnCount(); t++) {
            List<Traces.Patch> patches = trace.txn(t);
            if (patches.isEmpty()) {
                continue;
            }
            int length = rope.length();
            ChangeSet txn = ChangeSet.empty(length);
            for (Traces.Patch patch : patches) {
                int current = txn.newLength();
                txn = txn.compose(ChangeSet.of(current, patch.pos(), patch.pos() + patch.deleted(), patch.inserted()));
            }
            txn.applyTo(rope);
        }
        assertThat(rope.toString()).isEqualTo(trace.endContent());
    }
}
