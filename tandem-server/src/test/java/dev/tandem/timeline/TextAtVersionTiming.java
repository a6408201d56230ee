package dev.tandem.timeline;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.Rejection;
import dev.tandem.collab.Rope;
import dev.tandem.collab.Update;
import dev.tandem.storage.Storage;
import dev.tandem.storage.Storages;
import dev.tandem.storage.StoredSnapshot;
import dev.tandem.storage.StoredUpdate;
import dev.tandem.storage.TestPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times {@code GET .../text?version=V} for a document with 100,000 updates, at random versions, in each store:
 * {@link TextAtVersion} (the nearest kept snapshot plus at most one interval of updates) against the baseline of
 * replaying every update from version 0, in the same run on the same data. The document: 10,000 characters of
 * code, then 100,000 one-character inserts spread over it, stored as Tandem stores it (a snapshot every 1,000
 * updates). Each text is checked against the replay. Run:
 * {@code mvn -B -Pbench test-compile exec:exec -Dskip.frontend -Dbench.main=dev.tandem.timeline.TextAtVersionTiming -Djmh.args=}
 * (PostgreSQL from TANDEM_TEST_PG_URL or bin/pg-test-up).
 */
public final class TextAtVersionTiming {
    private static final int UPDATES = 100_000;
    private static final int SNAPSHOT_EVERY = 1000;
    private static final int SAMPLES = 40;

    private TextAtVersionTiming() {}

    public static void main(String[] args) throws Exception {
        for (String kind : List.of("h2", "postgresql")) {
            try (Storage storage = kind.equals("h2")
                    ? Storages.embedded(Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench-data")), "text"), 4)
                    : Storages.postgres(TestPostgres.freshDatabase(), null, null, 4)) {
                time(kind, storage);
            }
        }
    }

    private static void time(String kind, Storage storage) {
        String initial = "def f(x):\n    return x\n".repeat(10_000 / 23 + 1).substring(0, 10_000);
        storage.append(List.of(), List.of(new StoredSnapshot("doc", 0, initial, Map.of(), 0)));
        StringBuilder current = new StringBuilder(initial);
        List<StoredUpdate> batch = new ArrayList<>();
        for (int v = 1; v <= UPDATES; v++) {
            int length = initial.length() + v - 1;
            int at = (int) ((v * 7919L) % length);
            batch.add(new StoredUpdate("doc", v, new Update("c" + (v % 2), v, ChangeSet.of(length, at, at, "y"), v), v));
            current.insert(at, 'y');
            List<StoredSnapshot> snapshot = v % SNAPSHOT_EVERY == 0
                    ? List.of(new StoredSnapshot("doc", v, current.toString(), Map.of(), v)) : List.of();
            if (batch.size() == 2000 || !snapshot.isEmpty() || v == UPDATES) {
                storage.append(batch, snapshot);
                batch.clear();
            }
        }
        TextAtVersion text = new TextAtVersion(storage);
        Random random = new Random(7);
        int[] versions = new int[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) versions[i] = 1 + random.nextInt(UPDATES);
        // warm-up of both paths, then the measured rounds, alternating so load affects both alike
        for (int i = 0; i < 3; i++) {
            text.text("doc", versions[i], since -> new PullResult.Refused(Rejection.VERSION_GONE, "not used"));
            replayFromZero(storage, versions[i]);
        }
        long[] fromSnapshot = new long[SAMPLES];
        long[] fromZero = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            String a = text.text("doc", versions[i], since -> new PullResult.Refused(Rejection.VERSION_GONE, "not used"));
            fromSnapshot[i] = System.nanoTime() - start;
            start = System.nanoTime();
            String b = replayFromZero(storage, versions[i]);
            fromZero[i] = System.nanoTime() - start;
            if (!a.equals(b)) throw new AssertionError("text at " + versions[i] + " differs from the replay");
        }
        System.out.printf("%s: text at %d random versions of a %,d-update document: nearest snapshot + interval %s;"
                + " replay from 0 %s%n", kind, SAMPLES, UPDATES, summary(fromSnapshot), summary(fromZero));
    }

    private static String replayFromZero(Storage storage, int version) {
        Rope text = Rope.of(storage.snapshotAtOrBefore("doc", 0).content());
        for (StoredUpdate u : storage.updates("doc", 0, version)) u.update().changes().applyTo(text);
        return text.toString();
    }

    private static String summary(long[] nanos) {
        long[] ms = Arrays.stream(nanos).map(n -> n / 100_000).sorted().toArray(); // tenths of a ms
        return String.format("median %.1f ms, p95 %.1f ms, max %.1f ms", ms[ms.length / 2] / 10.0,
                ms[(int) Math.ceil(0.95 * ms.length) - 1] / 10.0, ms[ms.length - 1] / 10.0);
    }
}
