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
        // RETENTION_TIME is left at H2's default (45 s: freed file space is reused only after that long). With 5 s,
        // set once to keep a burst of 20,000 new sessions' file at 1.7 GB instead of 2.5 GB (BoundedMemoryIT), a
        // node killed (SIGKILL) within seconds of its first start lost what it had committed since: the session
        // it had just created answered 404 after the restart (DurableRestartIT "aSessionMadeOnAFreshEmbeddedStore",
        // 3 failures in 5 runs with 5 s, none in 6 with the default, on a quiet machine). A killed process must
        // lose nothing committed; a bigger file is the lesser cost.
        config.setJdbcUrl("jdbc:h2:file:" + file + ";WRITE_DELAY=0;CACHE_SIZE=16384;DB_CLOSE_ON_EXIT=FALSE");
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
