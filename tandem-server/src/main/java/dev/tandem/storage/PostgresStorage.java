package dev.tandem.storage;

import com.zaxxer.hikari.HikariConfig;

/** PostgreSQL, for clusters: every node writes the documents it owns to the same database. */
final class PostgresStorage extends JdbcStorage {
    private final String url;

    PostgresStorage(String url, String username, String password, int poolSize) {
        super(config(url, username, password, poolSize), "postgresql");
        this.url = url;
    }

    private static HikariConfig config(String url, String username, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(url);
        if (username != null) config.setUsername(username);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        return config;
    }

    @Override
    String upsertEntries(int rows) {
        return "INSERT INTO stored_entries (map_name, entry_key, entry_value, updated_at) VALUES " + values(rows, 4)
                + " ON CONFLICT (map_name, entry_key) DO UPDATE SET entry_value = EXCLUDED.entry_value, updated_at = EXCLUDED.updated_at";
    }

    @Override
    String insertUpdates(int rows) {
        return "INSERT INTO document_updates (session_id, version, client_id, seq, changes, accepted_at) VALUES "
                + values(rows, 6) + " ON CONFLICT (session_id, version) DO NOTHING";
    }

    @Override
    String upsertSnapshot() {
        return "INSERT INTO document_snapshots (session_id, version, content, last_seq, taken_at) VALUES " + values(1, 5)
                + " ON CONFLICT (session_id, version) DO NOTHING";
    }

    @Override
    public String describe() {
        int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)).replaceFirst("^jdbc:", "");
    }
}
