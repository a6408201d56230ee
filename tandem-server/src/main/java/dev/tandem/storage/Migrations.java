package dev.tandem.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Brings a database's schema up to date with Flyway. The migrations are named here rather than found by
 * scanning the class path, because Quarkus's packaged class loader does not list directories the way Flyway's
 * scanner expects. A new migration is a new file under {@code db/migration/<vendor>/} and a line in {@link #FILES}.
 */
final class Migrations {
    static final List<String> FILES = List.of("V1__durable_sessions.sql", "V17__timeline_events.sql");

    private Migrations() {}

    static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .resourceProvider(new Listed("db/migration/" + vendor))
                .javaMigrationClassProvider(List::of)
                .load()
                .migrate();
    }

    private record Listed(String folder) implements ResourceProvider {
        @Override
        public LoadableResource getResource(String name) {
            return FILES.contains(name) ? new Script(folder, name) : null;
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> found = new ArrayList<>();
            for (String file : FILES) {
                if (file.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file::endsWith)) found.add(new Script(folder, file));
            }
            return found;
        }
    }

    private static final class Script extends LoadableResource {
        /** Its resource path, {@code folder/name}. */
        private final String path;
        private final String name;

        Script(String folder, String name) {
            this.path = folder + "/" + name;
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path);
            if (in == null) throw new UncheckedIOException(new java.io.FileNotFoundException(path));
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
