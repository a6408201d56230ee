package dev.tandem.storage;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The durable store behind the cluster's maps. Two implementations ({@link H2Storage} embedded,
 * {@link PostgresStorage} for clusters) chosen by configuration ({@link Storages#open}); nothing else in Tandem
 * knows which one it talks to. Every method is safe to call from any thread.
 */
public interface Storage extends AutoCloseable {

    /** Small entries of a named map (sessions, links, runs, ...), stored as opaque bytes. */
    void put(String map, String key, byte[] value);

    void putAll(String map, Map<String, byte[]> entries);

    byte[] get(String map, String key);

    Map<String, byte[]> getAll(String map, Collection<String> keys);

    void delete(String map, String key);

    void deleteAll(String map, Collection<String> keys);

    /** Deletes entries of the maps not changed since {@code olderThanMillis}; answers how many went. */
    int deleteOlderThan(Collection<String> maps, long olderThanMillis);

    /**
     * Appends updates to documents' logs and stores snapshots, all in one transaction (one multi-row insert per
     * table). Storing what is already stored changes nothing, so a retried batch is harmless.
     */
    void append(List<StoredUpdate> updates, List<StoredSnapshot> snapshots);

    /** The latest snapshot and the updates after it, or null for a document storage never had (or deleted). */
    StoredDocument loadDocument(String sessionId);

    void deleteDocument(String sessionId);

    /** The newest snapshot at or before {@code version}, or null (snapshots are kept: docs/timeline.md). */
    StoredSnapshot snapshotAtOrBefore(String sessionId, int version);

    /** The stored updates that produced versions {@code afterVersion + 1} to {@code toVersion}, in version order. */
    List<StoredUpdate> updates(String sessionId, int afterVersion, int toVersion);

    /** Appends run and submission events to their sessions' timelines, in the order given. */
    void appendEvents(List<StoredEvent> events);

    /** A session's stored run and submission events, by {@code afterVersion} then {@code id}. */
    List<StoredEvent> events(String sessionId);

    /** Which database, for logs and health ("h2:/path", "postgresql://host/db"). */
    String describe();

    @Override
    void close();
}
