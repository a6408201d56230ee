package dev.tandem.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL both databases share. Subclasses supply what differs: the driver settings and how to write a row
 * whose key may exist already (an upsert for entries; an update-log row that is stored already stays as it is).
 */
abstract class JdbcStorage implements Storage {
    /** Rows per multi-row statement: well under PostgreSQL's 65,535 parameters per statement. */
    private static final int ROWS_PER_STATEMENT = 500;

    private final HikariDataSource pool;

    JdbcStorage(HikariConfig config, String vendor) {
        config.setAutoCommit(false);
        config.setPoolName("tandem-storage");
        // Migrated through a pool of its own that is closed before the real one opens. Seen with H2: in a
        // file whose schema was created by this process, every later commit was gone after a SIGKILL (the
        // session made 12 s after the start too); closing the database once after the migration writes a
        // clean store, and from then on a killed process keeps its commits, as a restarted one always did.
        try (HikariDataSource migrating = new HikariDataSource(copyOf(config, "tandem-storage-migration"))) {
            Migrations.migrate(migrating, vendor);
        }
        this.pool = new HikariDataSource(config);
    }

    private static HikariConfig copyOf(HikariConfig config, String poolName) {
        HikariConfig copy = new HikariConfig();
        config.copyStateTo(copy);
        copy.setPoolName(poolName);
        copy.setMinimumIdle(0); // Flyway takes two connections at once; none is kept open idle
        return copy;
    }

    /** {@code INSERT ... (map_name, entry_key, entry_value, updated_at)} for {@code rows} rows, replacing existing keys. */
    abstract String upsertEntries(int rows);

    /** {@code INSERT ... (session_id, version, client_id, seq, changes, accepted_at)}, keeping rows that exist. */
    abstract String insertUpdates(int rows);

    /** {@code INSERT ... (session_id, version, content, last_seq, taken_at)}, replacing a row that exists. */
    abstract String upsertSnapshot();

    static String values(int rows, int columns) {
        StringBuilder row = new StringBuilder("(");
        for (int c = 0; c < columns; c++) row.append(c == 0 ? "?" : ",?");
        row.append(')');
        StringBuilder sql = new StringBuilder(rows * (row.length() + 1));
        for (int r = 0; r < rows; r++) sql.append(r == 0 ? "" : ",").append(row);
        return sql.toString();
    }

    @Override
    public void put(String map, String key, byte[] value) {
        putAll(map, Map.of(key, value));
    }

    @Override
    public void putAll(String map, Map<String, byte[]> entries) {
        if (entries.isEmpty()) return;
        long now = System.currentTimeMillis();
        inTransaction(c -> {
            List<Map.Entry<String, byte[]>> all = new ArrayList<>(entries.entrySet());
            for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
                List<Map.Entry<String, byte[]>> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
                try (PreparedStatement s = c.prepareStatement(upsertEntries(chunk.size()))) {
                    int p = 1;
                    for (Map.Entry<String, byte[]> e : chunk) {
                        s.setString(p++, map);
                        s.setString(p++, e.getKey());
                        s.setBytes(p++, e.getValue());
                        s.setLong(p++, now);
                    }
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public byte[] get(String map, String key) {
        return getAll(map, List.of(key)).get(key);
    }

    @Override
    public Map<String, byte[]> getAll(String map, Collection<String> keys) {
        if (keys.isEmpty()) return Map.of();
        return inTransaction(c -> {
            Map<String, byte[]> found = new HashMap<>();
            List<String> all = new ArrayList<>(keys);
            for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + ROWS_PER_STATEMENT));
                String in = "?" + ",?".repeat(chunk.size() - 1);
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT entry_key, entry_value FROM stored_entries WHERE map_name = ? AND entry_key IN (" + in + ")")) {
                    s.setString(1, map);
                    for (int i = 0; i < chunk.size(); i++) s.setString(i + 2, chunk.get(i));
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) found.put(rs.getString(1), rs.getBytes(2));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void delete(String map, String key) {
        deleteAll(map, List.of(key));
    }

    @Override
    public void deleteAll(String map, Collection<String> keys) {
        if (keys.isEmpty()) return;
        inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM stored_entries WHERE map_name = ? AND entry_key = ?")) {
                for (String key : keys) {
                    s.setString(1, map);
                    s.setString(2, key);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int deleteOlderThan(Collection<String> maps, long olderThanMillis) {
        return inTransaction(c -> {
            int deleted = 0;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM stored_entries WHERE map_name = ? AND updated_at < ?")) {
                for (String map : maps) {
                    s.setString(1, map);
                    s.setLong(2, olderThanMillis);
                    deleted += s.executeUpdate();
                }
            }
            return deleted;
        });
    }

    @Override
    public void append(List<StoredUpdate> updates, List<StoredSnapshot> snapshots) {
        if (updates.isEmpty() && snapshots.isEmpty()) return;
        inTransaction(c -> {
            for (int from = 0; from < updates.size(); from += ROWS_PER_STATEMENT) {
                List<StoredUpdate> chunk = updates.subList(from, Math.min(updates.size(), from + ROWS_PER_STATEMENT));
                try (PreparedStatement s = c.prepareStatement(insertUpdates(chunk.size()))) {
                    int p = 1;
                    for (StoredUpdate u : chunk) {
                        s.setString(p++, u.sessionId());
                        s.setInt(p++, u.version());
                        s.setString(p++, u.update().clientId());
                        s.setInt(p++, u.update().seq());
                        s.setBytes(p++, changesBytes(u.update().changes()));
                        s.setLong(p++, u.at());
                    }
                    s.executeUpdate();
                }
            }
            if (!snapshots.isEmpty()) {
                // Every snapshot is kept: the text at a past version starts from the nearest one (docs/timeline.md).
                try (PreparedStatement put = c.prepareStatement(upsertSnapshot())) {
                    for (StoredSnapshot snapshot : newestPerDocument(snapshots)) {
                        put.setString(1, snapshot.sessionId());
                        put.setInt(2, snapshot.version());
                        put.setString(3, snapshot.content());
                        put.setBytes(4, lastSeqBytes(snapshot.lastSeqByClient()));
                        put.setLong(5, snapshot.at());
                        put.addBatch();
                    }
                    put.executeBatch();
                }
            }
            return null;
        });
    }

    private static Collection<StoredSnapshot> newestPerDocument(List<StoredSnapshot> snapshots) {
        Map<String, StoredSnapshot> newest = new LinkedHashMap<>();
        for (StoredSnapshot s : snapshots) newest.merge(s.sessionId(), s, (a, b) -> a.version() >= b.version() ? a : b);
        return newest.values();
    }

    @Override
    public StoredDocument loadDocument(String sessionId) {
        return inTransaction(c -> {
            StoredSnapshot snapshot;
            try (PreparedStatement s = c.prepareStatement("SELECT version, content, last_seq, taken_at FROM document_snapshots"
                    + " WHERE session_id = ? ORDER BY version DESC LIMIT 1")) {
                s.setString(1, sessionId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return null;
                    snapshot = new StoredSnapshot(sessionId, rs.getInt(1), rs.getString(2), lastSeqOf(rs.getBytes(3)), rs.getLong(4));
                }
            }
            List<StoredUpdate> updates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT version, client_id, seq, changes, accepted_at FROM document_updates"
                    + " WHERE session_id = ? AND version > ? ORDER BY version")) {
                s.setFetchSize(2000); // PostgreSQL streams in a transaction instead of holding every row at once
                s.setString(1, sessionId);
                s.setInt(2, snapshot.version());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Update update = new Update(rs.getString(2), rs.getInt(3), changesOf(rs.getBytes(4)), rs.getLong(5));
                        updates.add(new StoredUpdate(sessionId, rs.getInt(1), update, update.at()));
                    }
                }
            }
            return new StoredDocument(snapshot, updates);
        });
    }

    @Override
    public void deleteDocument(String sessionId) {
        inTransaction(c -> {
            for (String table : List.of("document_snapshots", "document_updates", "session_events")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ?")) {
                    s.setString(1, sessionId);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public StoredSnapshot snapshotAtOrBefore(String sessionId, int version) {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version, content, last_seq, taken_at FROM document_snapshots"
                    + " WHERE session_id = ? AND version <= ? ORDER BY version DESC LIMIT 1")) {
                s.setString(1, sessionId);
                s.setInt(2, version);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return null;
                    return new StoredSnapshot(sessionId, rs.getInt(1), rs.getString(2), lastSeqOf(rs.getBytes(3)), rs.getLong(4));
                }
            }
        });
    }

    @Override
    public List<StoredUpdate> updates(String sessionId, int afterVersion, int toVersion) {
        if (toVersion <= afterVersion) return List.of();
        return inTransaction(c -> {
            List<StoredUpdate> updates = new ArrayList<>(Math.min(toVersion - afterVersion, 10_000));
            try (PreparedStatement s = c.prepareStatement("SELECT version, client_id, seq, changes, accepted_at FROM document_updates"
                    + " WHERE session_id = ? AND version > ? AND version <= ? ORDER BY version")) {
                s.setFetchSize(2000);
                s.setString(1, sessionId);
                s.setInt(2, afterVersion);
                s.setInt(3, toVersion);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Update update = new Update(rs.getString(2), rs.getInt(3), changesOf(rs.getBytes(4)), rs.getLong(5));
                        updates.add(new StoredUpdate(sessionId, rs.getInt(1), update, update.at()));
                    }
                }
            }
            return updates;
        });
    }

    @Override
    public void appendEvents(List<StoredEvent> events) {
        if (events.isEmpty()) return;
        inTransaction(c -> {
            // One row at a time in a batch, in the order given: the store's identity numbers them in that order.
            try (PreparedStatement s = c.prepareStatement("INSERT INTO session_events"
                    + " (session_id, after_version, happened_at, job_id, body) VALUES (?, ?, ?, ?, ?)")) {
                for (StoredEvent e : events) {
                    s.setString(1, e.sessionId());
                    s.setInt(2, e.afterVersion());
                    s.setLong(3, e.at());
                    s.setString(4, e.jobId());
                    s.setString(5, e.json());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<StoredEvent> events(String sessionId) {
        return inTransaction(c -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT event_id, after_version, happened_at, job_id, body FROM session_events"
                    + " WHERE session_id = ? ORDER BY after_version, event_id")) {
                s.setFetchSize(2000);
                s.setString(1, sessionId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(new StoredEvent(rs.getLong(1), sessionId, rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return events;
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    <T> T inTransaction(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("storage (" + describe() + ") failed: " + e.getMessage(), e);
        }
    }

    static byte[] changesBytes(ChangeSet changes) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
            changes.writeTo(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ChangeSet changesOf(byte[] bytes) {
        try {
            return ChangeSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] lastSeqBytes(Map<String, Integer> lastSeq) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + lastSeq.size() * 24);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(lastSeq.size());
            for (Map.Entry<String, Integer> e : lastSeq.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Integer> lastSeqOf(byte[] bytes) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            int count = in.readInt();
            Map<String, Integer> lastSeq = new HashMap<>(Math.max(4, count * 2));
            for (int i = 0; i < count; i++) lastSeq.put(in.readUTF(), in.readInt());
            return lastSeq;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
