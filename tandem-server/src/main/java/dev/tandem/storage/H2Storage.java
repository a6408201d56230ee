package dev.tandem.storage;

import com.zaxxer.hikari.HikariConfig;

import java.nio.file.Path;

/**
 * The embedded default: an H2 database in file mode under the data directory, so a single node needs no setup.
 * One process at a time opens it. WRITE_DELAY=0 makes every commit reach the file before it returns, so a
 * killed process (SIGKILL) loses nothing committed; H2 does not fsync, so a crash of the whole machine may lose
 * the last commits (use PostgreSQL where that matters).
 */
final class H2Storage extends JdbcStorage {
    private final Path file;

    H2Storage(Path dataDir, int poolSize) {
        this(dataDir.toAbsolutePath().resolve("tandem"), config(dataDir.toAbsolutePath().resolve("tandem"), poolSize));
    }

    private H2Storage(Path file, HikariConfig config) {
        super(config, "h2");
        this.file = file;
    }

    private static HikariConfig config(Path file, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName("org.h2.Driver");
        // CACHE_SIZE (KiB): H2's page cache, 16 MiB instead of 64, so a small node's heap is left to its sessions.
        // RETENTION_TIME (ms): H2 appends every commit and reuses space only after this long. A burst of 20,000
        // new sessions (BoundedMemoryIT, 160 MiB of text) grew the file to 2.5 GB with the 45 s default, 1.7 GB
        // with 5 s. Shorter only weakens the power-failure case, which H2 without fsync does not promise anyway;
        // a killed process loses nothing.
        config.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;CACHE_SIZE=16384;RETENTION_TIME=5000;DB_CLOSE_ON_EXIT=FALSE");
        config.setUsername("tandem");
        config.setPassword("");
        config.setMaximumPoolSize(poolSize);
        return config;
    }

    @Override
    String upsertEntries(int rows) {
        return "MERGE INTO stored_entries (map_name, entry_key, entry_value, updated_at) KEY (map_name, entry_key) VALUES "
                + values(rows, 4);
    }

    @Override
    String insertUpdates(int rows) {
        // MERGE rewrites a row that exists with the same values: an update once stored never changes.
        return "MERGE INTO document_updates (session_id, version, client_id, seq, changes, accepted_at) KEY (session_id, version) VALUES "
                + values(rows, 6);
    }

    @Override
    String upsertSnapshot() {
        return "MERGE INTO document_snapshots (session_id, version, content, last_seq, taken_at) KEY (session_id, version) VALUES "
                + values(1, 5);
    }

    @Override
    public String describe() {
        return "h2:" + file;
    }
}
