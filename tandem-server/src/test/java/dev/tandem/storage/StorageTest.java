package dev.tandem.storage;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Both stores, the real thing each: an H2 file under target/ and the tests' PostgreSQL server. */
class StorageTest {
    private Storage storage;

    private Storage open(String kind) throws Exception {
        storage = fresh(kind);
        return storage;
    }

    /** A new empty store of that kind: an H2 file of its own under target/, or a fresh PostgreSQL database. */
    static Storage fresh(String kind) throws Exception {
        return kind.equals("h2")
                ? Storages.embedded(Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "h2"), 4)
                : Storages.postgres(TestPostgres.freshDatabase(), null, null, 4);
    }

    @AfterEach
    void close() {
        if (storage != null) storage.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void entriesAreStoredReplacedAndDeleted(String kind) throws Exception {
        Storage s = open(kind);
        s.put("tandem.sessions", "a", new byte[]{1, 2});
        s.putAll("tandem.sessions", Map.of("a", new byte[]{3}, "b", new byte[]{4}));
        s.put("tandem.links", "a", new byte[]{9});

        assertThat(s.get("tandem.sessions", "a")).containsExactly(3);
        assertThat(s.getAll("tandem.sessions", List.of("a", "b", "c"))).containsOnlyKeys("a", "b");
        s.delete("tandem.sessions", "a");
        assertThat(s.get("tandem.sessions", "a")).isNull();
        assertThat(s.get("tandem.links", "a")).containsExactly(9); // another map's key of the same name stays
        assertThat(s.deleteOlderThan(List.of("tandem.sessions"), System.currentTimeMillis() + 1)).isEqualTo(1);
        assertThat(s.get("tandem.sessions", "b")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDocumentLoadsAsItsLatestSnapshotAndTheUpdatesAfterIt(String kind) throws Exception {
        Storage s = open(kind);
        s.append(List.of(), List.of(new StoredSnapshot("doc", 0, "", Map.of(), 1)));
        List<StoredUpdate> typed = typing("doc", "hello", 0);
        s.append(typed.subList(0, 3), List.of());
        s.append(typed.subList(3, 5), List.of(new StoredSnapshot("doc", 3, "hel", Map.of("c1", 3), 2)));
        s.append(typed.subList(3, 5), List.of()); // a retried batch changes nothing

        StoredDocument loaded = s.loadDocument("doc");
        assertThat(loaded.snapshot().version()).isEqualTo(3);
        assertThat(loaded.snapshot().content()).isEqualTo("hel");
        assertThat(loaded.snapshot().lastSeqByClient()).containsEntry("c1", 3);
        assertThat(loaded.updates()).extracting(StoredUpdate::version).containsExactly(4, 5);
        assertThat(loaded.updates().get(1).at()).isEqualTo(typed.get(4).at());
        String text = loaded.snapshot().content();
        for (StoredUpdate u : loaded.updates()) text = u.update().changes().apply(text);
        assertThat(text).isEqualTo("hello");

        s.deleteDocument("doc");
        assertThat(s.loadDocument("doc")).isNull();
        assertThat(s.loadDocument("never")).isNull();
    }

    /** One update per character typed at the end, versions from {@code fromVersion + 1}. */
    static List<StoredUpdate> typing(String id, String text, int fromVersion) {
        List<StoredUpdate> updates = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            ChangeSet insert = ChangeSet.of(i, i, i, text.substring(i, i + 1));
            updates.add(new StoredUpdate(id, fromVersion + i + 1, new Update("c1", i + 1, insert), 1000L + i));
        }
        return updates;
    }
}
