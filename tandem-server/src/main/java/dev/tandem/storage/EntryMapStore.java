package dev.tandem.storage;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.map.MapLoaderLifecycleSupport;
import com.hazelcast.map.MapStore;
import com.hazelcast.spi.impl.SerializationServiceSupport;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Keeps one of the cluster's small maps (sessions, links, runs, ...) in storage, each value in the bytes of
 * Hazelcast's own serialisation of it (the serialisers the cluster uses already), so one table serves them all.
 */
public final class EntryMapStore implements MapStore<String, Object>, MapLoaderLifecycleSupport {
    private final Storage storage;
    private String map;
    private SerializationService serialization;

    public EntryMapStore(Storage storage) {
        this.storage = storage;
    }

    @Override
    public void init(HazelcastInstance hazelcast, Properties properties, String mapName) {
        this.map = mapName;
        this.serialization = ((SerializationServiceSupport) hazelcast).getSerializationService();
    }

    @Override
    public void destroy() {
    }

    @Override
    public void store(String key, Object value) {
        storage.put(map, key, bytes(value));
    }

    @Override
    public void storeAll(Map<String, Object> entries) {
        Map<String, byte[]> rows = new HashMap<>();
        entries.forEach((k, v) -> rows.put(k, bytes(v)));
        storage.putAll(map, rows);
    }

    @Override
    public void delete(String key) {
        storage.delete(map, key);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        storage.deleteAll(map, keys);
    }

    @Override
    public Object load(String key) {
        byte[] bytes = storage.get(map, key);
        return bytes == null ? null : serialization.toObject(new HeapData(bytes));
    }

    @Override
    public Map<String, Object> loadAll(Collection<String> keys) {
        Map<String, Object> loaded = new HashMap<>();
        storage.getAll(map, keys).forEach((k, v) -> loaded.put(k, serialization.toObject(new HeapData(v))));
        return loaded;
    }

    /** Null: nothing is loaded ahead; entries come back when asked for. */
    @Override
    public Iterable<String> loadAllKeys() {
        return null;
    }

    private byte[] bytes(Object value) {
        return serialization.toData(value).toByteArray();
    }
}
