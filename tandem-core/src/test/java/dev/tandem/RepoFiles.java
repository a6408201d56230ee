package dev.tandem;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the repository (docs, deployment, sandbox images) for the tests of any module: a module's tests run in
 * the module's folder, so a path like {@code docs/configuration.md} is resolved against the repository root.
 */
public final class RepoFiles {
    /** Set by surefire and failsafe in the root pom to the folder Maven was started from. */
    public static final String ROOT_PROPERTY = "tandem.repo.root";

    private RepoFiles() {
    }

    /** The repository root: the property, or the nearest folder upwards with the root pom's .mvn folder. */
    public static Path root() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) return Path.of(property);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn")) && Files.exists(dir.resolve("pom.xml"))) return dir;
        }
        throw new IllegalStateException("cannot find the repository root (set -D" + ROOT_PROPERTY + ")");
    }

    /** {@code relative} (e.g. {@code "docs/configuration.md"}) inside the repository. */
    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
