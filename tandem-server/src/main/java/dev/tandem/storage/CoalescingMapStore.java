package dev.tandem.storage;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import io.quarkus.logging.Log;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The store of a map whose records change many times a second while they are live (a run's record, with every batch
 * of its output and every line of its input), written through like the others but not each change on its own:
 * a change {@code settled} accepts (a run queued or finished: what a user was told exists or is over) is written
 * before Hazelcast answers it; a live one is kept here, the latest per key, and written with the others within
 * {@code flushMs}, as {@code memory} durability keeps a document's updates. A SIGKILL loses at most that much of a
 * live record, never a settled one.
 *
 * <p>Why not Hazelcast's write-behind: it stored a record a second after its first change, so a job that ended
 * within that second was lost whole if the node was killed right after, and each write-behind map costs every member
 * a walk of all its partitions every second, busy or not. This flusher runs only while something waits.
 *
 * <p>Order: a settled write drops what waits for its key, and the flush writes under the same lock, so an older live
 * record never lands after a newer settled one.
 */
public final class CoalescingMapStore implements MapStore<String, Object>, MapLoaderLifecycleSupport {
    private final MapStore<String, Object> store;
    private final Predicate<Object> settled;
    private final long flushMs;
    /** The latest live record per key, not yet written; guarded by {@code this}. */
    private final Map<String, Object> waiting = new LinkedHashMap<>();
    private final ScheduledExecutorService flusher;
    private boolean flushPlanned;

    public CoalescingMapStore(MapStore<String, Object> store, Predicate<Object> settled, long flushMs) {
        this.store = store;
        this.settled = settled;
        this.flushMs = flushMs;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tandem-storage-coalescer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        if (store instanceof MapLoaderLifecycleSupport lifecycle) lifecycle.init(hazelcast, properties, mapName);
    }

    @Override
    public void destroy() {
        flush();
        flusher.shutdown();
        if (store instanceof MapLoaderLifecycleSupport lifecycle) lifecycle.destroy();
    }

    @Override
    public void store(String key, Object value) {
        if (settled.test(value)) {
            synchronized (this) {
                waiting.remove(key);
                store.store(key, value);
            }
            return;
        }
        synchronized (this) {
            waiting.put(key, value);
            if (!flushPlanned) {
                flushPlanned = true;
                flusher.schedule(this::flush, flushMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void storeAll(Map<String, Object> entries) {
        entries.forEach(this::store);
    }

    @Override
    public synchronized void delete(String key) {
        waiting.remove(key);
        store.delete(key);
    }

    @Override
    public synchronized void deleteAll(Collection<String> keys) {
        waiting.keySet().removeAll(keys);
        store.deleteAll(keys);
    }

    /** What waits wins over what is stored: it is newer (a record that left memory before its flush comes back whole). */
    @Override
    public Object load(String key) {
        synchronized (this) {
            Object live = waiting.get(key);
            if (live != null) return live;
        }
        return store.load(key);
    }

    @Override
    public Map<String, Object> loadAll(Collection<String> keys) {
        Map<String, Object> found = new HashMap<>();
        for (String key : keys) {
            Object value = load(key);
            if (value != null) found.put(key, value);
        }
        return found;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return store.loadAllKeys();
    }

    /** Writes what waits (also at a graceful shutdown); what fails to be written waits for the next try. */
    public synchronized void flush() {
        flushPlanned = false;
        if (waiting.isEmpty()) return;
        Map<String, Object> batch = new HashMap<>(waiting);
        try {
            store.storeAll(batch);
            waiting.clear(); // nothing was added meanwhile: store() waits for this lock
        } catch (RuntimeException e) {
            Log.warnf("storage: writing %d live records failed (%s); trying again in %d ms", batch.size(), e, flushMs);
            if (!flusher.isShutdown()) {
                flushPlanned = true;
                flusher.schedule(this::flush, flushMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The keys waiting to be written (for tests). */
    synchronized Set<String> waiting() {
        return Set.copyOf(waiting.keySet());
    }
}
