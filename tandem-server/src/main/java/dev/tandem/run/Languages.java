package dev.tandem.run;

import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of the languages Tandem can run: one Docker image each, described by
 * {@code sandbox-images/<id>/language.json} (packaged into the jar) and, when {@value #DIR_KEY} is set, by the
 * descriptors of that directory (read once, when this class is first used at start). See {@link LanguageCatalog}.
 */
public final class Languages {

    public static final String IMAGE_PREFIX = "tandem-sandbox-";
    /** A directory laid out like sandbox-images/ whose descriptors add (or replace) languages without a rebuild. */
    public static final String DIR_KEY = "tandem.languages.dir";

    private static final Map<String, Language> BY_ID = new LinkedHashMap<>();

    static {
        for (Language l : LanguageCatalog.load(Languages.class.getClassLoader(), configuredDir().orElse(null))) {
            BY_ID.put(l.id(), l);
        }
    }

    // the six languages of the first release, named in code and tests; every other one is only data
    public static final Language PYTHON = byId("python");
    public static final Language JAVASCRIPT = byId("javascript");
    public static final Language JAVA = byId("java");
    public static final Language C = byId("c");
    public static final Language CPP = byId("cpp");
    public static final Language GO = byId("go");

    private Languages() {
    }

    /** {@value #DIR_KEY} from the system properties, else from the application's configuration (env, properties). */
    static Optional<Path> configuredDir() {
        String v = System.getProperty(DIR_KEY);
        if (v == null) {
            try {
                v = ConfigProvider.getConfig().getOptionalValue(DIR_KEY, String.class).orElse(null);
            } catch (IllegalStateException | NoClassDefFoundError e) {
                v = null; // no configuration outside a Quarkus application (the bench's plain JVM)
            }
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.trim()));
    }

    /** All languages, in a stable order. */
    public static Collection<Language> all() {
        return List.copyOf(BY_ID.values());
    }

    public static Optional<Language> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    /**
     * The main file's path in a session of this language (v1.1 "Several files": the language's {@code fileName});
     * "main" for an id no language has (a session's language is always known, so only a stale record gets it).
     */
    public static String mainFileName(String id) {
        return find(id).map(Language::fileName).orElse("main");
    }

    /** @throws IllegalArgumentException for an unknown id */
    public static Language byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown language: " + id));
    }
}
