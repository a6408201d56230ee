package dev.tandem.storage;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the store the configuration names: PostgreSQL for a {@code jdbc:postgresql:} URL, else embedded H2. */
public final class Storages {
    private Storages() {}

    public static Storage open(StorageConfig config, Path dataDir) {
        var url = config.url().filter(u -> !u.isBlank());
        if (url.isPresent()) {
            if (!url.get().startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("tandem.storage.url must be a jdbc:postgresql:// URL, not " + url.get());
            }
            return new PostgresStorage(url.get(), config.username().orElse(null), config.password().orElse(null), config.poolSize());
        }
        return embedded(dataDir, config.poolSize());
    }

    public static Storage embedded(Path dataDir, int poolSize) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return new H2Storage(dataDir, poolSize);
    }

    public static Storage postgres(String url, String username, String password, int poolSize) {
        return new PostgresStorage(url, username, password, poolSize);
    }
}
