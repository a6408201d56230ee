package dev.tandem.storage;

import dev.tandem.collab.DocumentState;
import dev.tandem.storage.StorageConfig.Durability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The writer of document updates and the loader on a real H2 file. */
class DocumentLogTest {
    private Storage storage;
    private DocumentLog log;

    @BeforeEach
    void open() throws Exception {
        storage = Storages.embedded(Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "log"), 4);
        storage.append(List.of(), List.of(new StoredSnapshot("doc", 0, "", Map.of(), 1)));
    }

    @AfterEach
    void close() {
        if (log != null) log.close();
        storage.close();
    }

    @Test
    void memoryModeStoresOnItsOwnWithoutAnyoneWaiting() {
        log = new DocumentLog(storage, Durability.MEMORY, 200, 1000);
        log.append(StorageTest.typing("doc", "hi", 0), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> storage.loadDocument("doc").updates().size() == 2);
    }

    @Test
    void diskModeAnswersOnlyOnceCommitted() throws Exception {
        log = new DocumentLog(storage, Durability.DISK, 60_000, 1000);
        long ticket = log.append(StorageTest.typing("doc", "hi", 0), null);
        assertThat(log.awaitCommitted(ticket, 10_000)).isTrue();
        assertThat(storage.loadDocument("doc").updates()).hasSize(2);
    }

    @Test
    void aDocumentLoadedBeforeItsUpdatesAreStoredStillHasThem() {
        // A document may leave memory (the per-node bound) before the writer stored its latest updates.
        log = new DocumentLog(storage, Durability.MEMORY, 600_000, 1000);
        log.append(StorageTest.typing("doc", "hello", 0).subList(0, 3), null);
        DocumentState loaded = new DocumentLoader(log, 100, 10_000).load("doc");
        assertThat(loaded.text()).isEqualTo("hel");
        assertThat(loaded.version()).isEqualTo(3);
        assertThat(loaded.lastSeq("c1")).isEqualTo(3); // a resend of those updates is still recognised
        assertThat(loaded.updatesSince(0)).isNotNull();
    }

    @Test
    void closingStoresEverythingQueued() {
        log = new DocumentLog(storage, Durability.MEMORY, 600_000, 1000);
        log.append(StorageTest.typing("doc", "bye", 0), new StoredSnapshot("doc", 3, "bye", Map.of("c1", 3), 5));
        log.close();
        log = null;
        StoredDocument stored = storage.loadDocument("doc");
        assertThat(stored.snapshot().content()).isEqualTo("bye");
        assertThat(stored.snapshot().version()).isEqualTo(3);
    }

    @Test
    void loadingStopsAtAHoleInTheLog() {
        log = new DocumentLog(storage, Durability.DISK, 1000, 1000);
        List<StoredUpdate> typed = StorageTest.typing("doc", "abcd", 0);
        storage.append(List.of(typed.get(0), typed.get(1), typed.get(3)), List.of());
        DocumentState loaded = new DocumentLoader(log, 100, 10_000).load("doc");
        assertThat(loaded.text()).isEqualTo("ab"); // a consistent prefix, never "abd"
    }

    @Test
    void whileTheDatabaseIsAwayTheLogFillsUpToItsBoundThenRefusesAndNothingIsLost() {
        // The outage is injected (the real H2 file behind a switch that fails appends): a database that goes
        // away and comes back on cue cannot be had from a real server inside a unit test. The log must keep
        // every update it took, take no more than its bound, and store them all once the database is back.
        AtomicBoolean down = new AtomicBoolean(true);
        Storage flaky = (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("append") && down.get()) throw new StorageException("database unreachable", null);
                    try {
                        return method.invoke(storage, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        log = new DocumentLog(flaky, Durability.MEMORY, 100, 1000, 4);
        List<StoredUpdate> typed = StorageTest.typing("doc", "abcd", 0);
        for (StoredUpdate update : typed) {
            assertThat(log.hasRoom()).as("room before update %d", update.version()).isTrue();
            log.append(List.of(update), null);
        }
        assertThat(log.hasRoom()).as("4 unsaved updates: the bound").isFalse();
        assertThat(log.unsavedUpdates()).isEqualTo(4);

        down.set(false);
        await().atMost(Duration.ofSeconds(10)).until(log::hasRoom);
        assertThat(storage.loadDocument("doc").updates()).hasSize(4);
        assertThat(log.unsavedUpdates()).isZero();
    }
}
