package dev.tandem.storage;

import com.hazelcast.map.MapStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store of the runs' map: a settled record is written before {@code store} returns, a live one within flush-ms,
 * the latest of its changes only, and never over a settled record written after it.
 */
class CoalescingMapStoreTest {
    /** A record is settled when it says so (as a run is when queued or finished). */
    private static boolean settled(Object value) {
        return value.toString().startsWith("settled");
    }

    @Test
    void aSettledRecordIsWrittenAtOnceALiveOneWithinFlushMs() {
        Recorder written = new Recorder();
        CoalescingMapStore store = new CoalescingMapStore(written, CoalescingMapStoreTest::settled, 200);
        store.store("r1", "settled: queued");
        assertThat(written.values).as("written before store returned").containsEntry("r1", "settled: queued");

        store.store("r1", "live: line 1");
        await().atMost(Duration.ofSeconds(10)).until(() -> "live: line 1".equals(written.values.get("r1")));
        assertThat(store.waiting()).isEmpty();
    }

    @Test
    void ofALiveRecordsChangesOnlyTheLatestIsWritten() {
        Recorder written = new Recorder();
        CoalescingMapStore store = new CoalescingMapStore(written, CoalescingMapStoreTest::settled, 60_000);
        store.store("r1", "live: line 1");
        store.store("r1", "live: line 2");
        assertThat(written.writes).as("nothing yet: flush-ms has not passed").isEmpty();
        store.flush();
        assertThat(written.writes).containsExactly("r1=live: line 2");
    }

    @Test
    void aSettledRecordDropsWhatWaitsForItsKeySoNoOlderRecordLandsAfterIt() {
        Recorder written = new Recorder();
        CoalescingMapStore store = new CoalescingMapStore(written, CoalescingMapStoreTest::settled, 60_000);
        store.store("r1", "live: running");
        store.store("r2", "live: running");
        store.store("r1", "settled: finished");
        store.flush();
        assertThat(written.values).containsEntry("r1", "settled: finished").containsEntry("r2", "live: running");
        assertThat(written.writes).filteredOn(w -> w.startsWith("r1=")).containsExactly("r1=settled: finished");
    }

    @Test
    void whatWaitsIsLoadedBeforeWhatIsStoredAndDeletedWithItsKey() {
        Recorder written = new Recorder();
        CoalescingMapStore store = new CoalescingMapStore(written, CoalescingMapStoreTest::settled, 60_000);
        store.store("r1", "settled: queued");
        store.store("r1", "live: line 1");
        assertThat(store.load("r1")).as("a record that left memory before its flush comes back whole").isEqualTo("live: line 1");
        assertThat(store.loadAll(List.of("r1", "missing"))).isEqualTo(Map.of("r1", "live: line 1"));

        store.delete("r1");
        store.flush();
        assertThat(written.values).doesNotContainKey("r1");
        assertThat(store.load("r1")).isNull();
    }

    @Test
    void aFailedFlushKeepsTheRecordsForTheNextOne() {
        Recorder written = new Recorder();
        CoalescingMapStore store = new CoalescingMapStore(written, CoalescingMapStoreTest::settled, 60_000);
        store.store("r1", "live: line 1");
        written.failing = true;
        store.flush();
        assertThat(store.waiting()).containsExactly("r1");
        written.failing = false;
        store.flush(); // what a graceful shutdown does
        assertThat(written.values).containsEntry("r1", "live: line 1");
        assertThat(store.waiting()).isEmpty();
    }

    /** A store in memory that records every write in order. */
    private static final class Recorder implements MapStore<String, Object> {
        final Map<String, Object> values = new ConcurrentHashMap<>();
        final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean failing;

        @Override
        public void store(String key, Object value) {
            if (failing) throw new IllegalStateException("storage down");
            values.put(key, value);
            writes.add(key + "=" + value);
        }

        @Override
        public void storeAll(Map<String, Object> map) {
            if (failing) throw new IllegalStateException("storage down");
            map.forEach(this::store);
        }

        @Override
        public void delete(String key) {
            values.remove(key);
        }

        @Override
        public void deleteAll(Collection<String> keys) {
            keys.forEach(values::remove);
        }

        @Override
        public Object load(String key) {
            return values.get(key);
        }

        @Override
        public Map<String, Object> loadAll(Collection<String> keys) {
            Map<String, Object> found = new java.util.HashMap<>();
            for (String k : keys) if (values.containsKey(k)) found.put(k, values.get(k));
            return found;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return values.keySet();
        }
    }
}
