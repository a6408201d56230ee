package dev.tandem.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the timeline reads from storage (migration V17), in both stores, the real thing each. */
class TimelineStorageTest {
    private Storage storage;

    private Storage open(String kind) throws Exception {
        storage = StorageTest.fresh(kind);
        return storage;
    }

    @AfterEach
    void close() {
        if (storage != null) storage.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everySnapshotIsKeptAndTheNearestOneAtOrBeforeAVersionIsFound(String kind) throws Exception {
        Storage s = open(kind);
        s.append(List.of(), List.of(new StoredSnapshot("doc", 0, "", Map.of(), 1)));
        List<StoredUpdate> typed = StorageTest.typing("doc", "hello world", 0);
        s.append(typed.subList(0, 4), List.of(new StoredSnapshot("doc", 4, "hell", Map.of("c1", 4), 2)));
        s.append(typed.subList(4, 11), List.of(new StoredSnapshot("doc", 8, "hello wo", Map.of("c1", 8), 3)));

        assertThat(s.snapshotAtOrBefore("doc", 3).version()).isZero();
        assertThat(s.snapshotAtOrBefore("doc", 4).content()).isEqualTo("hell");
        assertThat(s.snapshotAtOrBefore("doc", 7).version()).isEqualTo(4);
        assertThat(s.snapshotAtOrBefore("doc", 11).content()).isEqualTo("hello wo");
        assertThat(s.snapshotAtOrBefore("other", 11)).isNull();
        assertThat(s.loadDocument("doc").snapshot().version()).isEqualTo(8); // loading still takes the latest

        assertThat(s.updates("doc", 4, 7)).extracting(StoredUpdate::version).containsExactly(5, 6, 7);
        assertThat(s.updates("doc", 4, 7).get(0).update().at()).isEqualTo(typed.get(4).at());
        assertThat(s.updates("doc", 10, 20)).extracting(StoredUpdate::version).containsExactly(11);
        assertThat(s.updates("doc", 7, 7)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void eventsComeBackByTheVersionTheyFollowThenInTheOrderStored(String kind) throws Exception {
        Storage s = open(kind);
        s.appendEvents(List.of(new StoredEvent(0, "doc", 3, 100, "r1", "{\"type\":\"run.queued\"}"),
                new StoredEvent(0, "doc", 3, 101, "r1", "{\"type\":\"run.started\"}"),
                new StoredEvent(0, "other", 0, 102, "r9", "{\"type\":\"run.queued\"}")));
        s.appendEvents(List.of(new StoredEvent(0, "doc", 5, 103, "r1", "{\"type\":\"run.finished\"}"),
                new StoredEvent(0, "doc", 3, 99, "s1", "{\"type\":\"submission.queued\"}"))); // a late store, same version

        List<StoredEvent> events = s.events("doc");
        assertThat(events).extracting(StoredEvent::json).containsExactly("{\"type\":\"run.queued\"}",
                "{\"type\":\"run.started\"}", "{\"type\":\"submission.queued\"}", "{\"type\":\"run.finished\"}");
        assertThat(events).extracting(StoredEvent::afterVersion).containsExactly(3, 3, 3, 5);
        assertThat(events.get(0).at()).isEqualTo(100);
        assertThat(events.get(0).jobId()).isEqualTo("r1");

        s.deleteDocument("doc");
        assertThat(s.events("doc")).isEmpty();
        assertThat(s.events("other")).hasSize(1);
    }
}
