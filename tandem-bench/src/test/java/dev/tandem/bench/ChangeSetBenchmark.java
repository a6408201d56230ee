package dev.tandem.bench;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Rope;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hot-path costs of the change core on a 100,000-character document (the size of the automerge-paper trace's
 * result). Run: {@code mvn -B -Pbench test-compile exec:exec} (see docs/benchmarks-collab.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChangeSetBenchmark {
    private static final int DOC_LENGTH = 100_000;
    private static final int POSITIONS = 1024;

    private String doc;
    private Rope rope;
    /** Single-character inserts at scattered positions, each paired with the deletion that undoes it. */
    private ChangeSet[] typeChar;
    private ChangeSet[] undoChar;
    private int next;

    private ChangeSet localEdit;
    private ChangeSet remoteEdit;
    private ChangeSet manySectionsA;
    private ChangeSet manySectionsB;
    private ChangeSet manySectionsAfterA;
    private String updateJson;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(42);
        StringBuilder text = new StringBuilder(DOC_LENGTH);
        while (text.length() < DOC_LENGTH) {
            text.append(r.nextInt(12) == 0 ? '\n' : (char) ('a' + r.nextInt(26)));
        }
        doc = text.toString();
        rope = Rope.of(doc);
        typeChar = new ChangeSet[POSITIONS];
        undoChar = new ChangeSet[POSITIONS];
        for (int i = 0; i < POSITIONS; i++) {
            int pos = r.nextInt(DOC_LENGTH);
            typeChar[i] = ChangeSet.of(DOC_LENGTH, pos, pos, "x");
            undoChar[i] = ChangeSet.of(DOC_LENGTH + 1, pos, pos + 1, "");
        }
        localEdit = ChangeSet.of(DOC_LENGTH, 50_000, 50_000, "hello");
        remoteEdit = ChangeSet.of(DOC_LENGTH, 20_000, 20_010, "world");
        manySectionsA = scattered(r, DOC_LENGTH, 50);
        manySectionsB = scattered(r, DOC_LENGTH, 50);
        manySectionsAfterA = scattered(r, manySectionsA.newLength(), 50);
        updateJson = ChangeSet.of(DOC_LENGTH, 31_337, 31_340, "println(\"hi\")\n    ").toJson();
    }

    /** {@code count} small edits spread over the document, composed into one set. */
    private static ChangeSet scattered(Random r, int length, int count) {
        ChangeSet set = ChangeSet.empty(length);
        for (int i = 0; i < count; i++) {
            int len = set.newLength();
            int from = r.nextInt(len);
            int to = Math.min(len, from + r.nextInt(4));
            set = set.compose(ChangeSet.of(len, from, to, r.nextBoolean() ? "ab" : ""));
        }
        return set;
    }

    /** Typing one character and deleting it again, on the server's Rope: two applies per call. */
    @Benchmark
    public Rope applyToRope() {
        int i = next++ & (POSITIONS - 1);
        typeChar[i].applyTo(rope);
        undoChar[i].applyTo(rope);
        return rope;
    }

    /** The same edit on a String, which copies the whole document: the baseline the Rope avoids. */
    @Benchmark
    public String applyToString() {
        return typeChar[next++ & (POSITIONS - 1)].apply(doc);
    }

    @Benchmark
    public ChangeSet mapSingleEdit() {
        return localEdit.map(remoteEdit, false);
    }

    @Benchmark
    public ChangeSet mapFiftyEdits() {
        return manySectionsA.map(manySectionsB, true);
    }

    @Benchmark
    public ChangeSet composeSingleEdits() {
        return remoteEdit.compose(ChangeSet.of(remoteEdit.newLength(), 70_000, 70_000, "!"));
    }

    @Benchmark
    public ChangeSet composeFiftyEdits() {
        return manySectionsA.compose(manySectionsAfterA);
    }

    @Benchmark
    public String parseAndWriteJson() {
        return ChangeSet.fromJson(updateJson).toJson();
    }
}
