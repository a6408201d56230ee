package dev.tandem.storage;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.Update;
import dev.tandem.storage.StorageConfig.Durability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times loading a 1 MiB document with 100,000 updates of history from each store: once with only its first
 * snapshot (the worst case: all 100,000 updates replayed) and once as Tandem stores it (a snapshot every
 * {@code snapshot-every-updates}, so the latest snapshot and at most 999 updates). Run:
 * {@code mvn -B -Pbench test-compile exec:exec -Dbench.main=dev.tandem.storage.DocumentLoadTiming -Djmh.args=}
 * (PostgreSQL from TANDEM_TEST_PG_URL or bin/pg-test-up).
 */
public final class DocumentLoadTiming {
    private static final int UPDATES = 100_000;
    private static final int SNAPSHOT_EVERY = 1000;

    private DocumentLoadTiming() {}

    public static void main(String[] args) throws Exception {
        for (String kind : List.of("h2", "postgresql")) {
            for (boolean snapshots : new boolean[] {false, true}) {
                try (Storage storage = kind.equals("h2")
                        ? Storages.embedded(Files.createTempDirectory(Files.createDirectories(Path.of("target", "bench-data")), "load"), 4)
                        : Storages.postgres(TestPostgres.freshDatabase(), null, null, 4)) {
                    time(kind, storage, snapshots);
                }
            }
        }
    }

    private static void time(String kind, Storage storage, boolean snapshots) throws Exception {
        String text = "x".repeat(1 << 20);
        storage.append(List.of(), List.of(new StoredSnapshot("doc", 0, text, Map.of(), 0)));
        StringBuilder current = snapshots ? new StringBuilder(text) : null;
        List<StoredUpdate> batch = new ArrayList<>();
        long writeStart = System.nanoTime();
        for (int v = 1; v <= UPDATES; v++) {
            int length = text.length() + v - 1;
            int at = (int) ((v * 7919L) % length);
            ChangeSet insert = ChangeSet.of(length, at, at, "y");
            batch.add(new StoredUpdate("doc", v, new Update("c" + (v % 20), v, insert), v));
            if (current != null) current.insert(at, 'y');
            List<StoredSnapshot> snapshot = current != null && v % SNAPSHOT_EVERY == 0
                    ? List.of(new StoredSnapshot("doc", v, current.toString(), Map.of(), v)) : List.of();
            if (batch.size() == 2000 || !snapshot.isEmpty() || v == UPDATES) {
                storage.append(batch, snapshot);
                batch.clear();
            }
        }
        long writeMs = (System.nanoTime() - writeStart) / 1_000_000;
        try (DocumentLog log = new DocumentLog(storage, Durability.MEMORY, 1000, SNAPSHOT_EVERY)) {
            DocumentLoader loader = new DocumentLoader(log, 5000, 8_388_608);
            long[] ms = new long[5];
            for (int i = 0; i < 2 + ms.length; i++) {
                long start = System.nanoTime();
                DocumentState state = loader.load("doc");
                long elapsed = System.nanoTime() - start;
                if (state.version() != UPDATES || state.length() != text.length() + UPDATES) throw new AssertionError("bad load");
                if (i >= 2) ms[i - 2] = elapsed / 1_000_000;
            }
            Arrays.sort(ms);
            System.out.printf("%s, %s: load median %d ms (min %d, max %d) of a %,d-char document at version %,d;"
                            + " writing its history took %,d ms%n", kind,
                    snapshots ? "snapshot every " + SNAPSHOT_EVERY : "first snapshot only (replays 100,000)",
                    ms[ms.length / 2], ms[0], ms[ms.length - 1], text.length() + UPDATES, UPDATES, writeMs);
        }
    }
}
