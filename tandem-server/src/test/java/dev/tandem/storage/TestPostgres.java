package dev.tandem.storage;

import dev.tandem.RepoFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL server the tests run against: {@code TANDEM_TEST_PG_URL} (set by bin/test from
 * bin/pg-test-up), or else this runs bin/pg-test-up itself. No server is a failure, never a skip.
 */
public final class TestPostgres {
    private static String url;

    private TestPostgres() {}

    /** The URL of the server's maintenance database ({@code tandem}). */
    public static synchronized String serverUrl() {
        if (url != null) return url;
        String fromEnv = System.getenv("TANDEM_TEST_PG_URL");
        if (fromEnv != null && !fromEnv.isBlank()) return url = fromEnv;
        try {
            Process p = new ProcessBuilder("bash", RepoFiles.path("bin/pg-test-up").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.startsWith("jdbc:postgresql:")) {
                throw new IllegalStateException("PostgreSQL for the tests did not start (bin/pg-test-up: " + out + ")");
            }
            return url = out.lines().reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run bin/pg-test-up: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new, empty database of its own on the server, so tests never see each other's rows. */
    public static String freshDatabase() {
        String server = serverUrl();
        String name = "t" + Long.toHexString(System.nanoTime()) + Long.toHexString(ProcessHandle.current().pid());
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server + ": " + e.getMessage(), e);
        }
        return server.replaceFirst("/tandem\\?", "/" + name + "?");
    }
}
