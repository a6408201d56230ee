package dev.tandem.run;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of the languages Tandem can run (one Docker image each, see sandbox-images/). */
public final class Languages {

    public static final String IMAGE_PREFIX = "tandem-sandbox-";

    private static final Limits NATIVE = Limits.DEFAULT;
    /** JVM and Go toolchains run many threads and need more memory to compile. */
    private static final Limits HEAVY = new Limits(5_000, 512, 128, Limits.DEFAULT_OUTPUT_BYTES, 1.0);

    public static final Language PYTHON = new Language("python", "Python", "3.11", image("python"), "main.py",
            null, List.of("python3", "-u", "main.py"), NATIVE);
    public static final Language JAVASCRIPT = new Language("javascript", "JavaScript (Node.js)", "18",
            image("javascript"), "main.js", null, List.of("node", "main.js"), NATIVE);
    public static final Language JAVA = new Language("java", "Java", "17", image("java"), "Main.java",
            List.of("javac", "-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1", "-J-Xshare:auto",
                    "-encoding", "UTF-8", "Main.java"),
            List.of("java", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", "/work", "Main"), HEAVY);
    public static final Language C = new Language("c", "C (GCC)", "12", image("c"), "main.c",
            List.of("gcc", "-O2", "-std=gnu17", "-Wall", "-o", "main", "main.c", "-lm"), List.of("./main"), NATIVE);
    public static final Language CPP = new Language("cpp", "C++ (G++)", "12", image("cpp"), "main.cpp",
            List.of("g++", "-O2", "-std=gnu++17", "-Wall", "-o", "main", "main.cpp"), List.of("./main"), NATIVE);
    public static final Language GO = new Language("go", "Go", "1.19", image("go"), "main.go",
            List.of("go", "build", "-o", "main", "main.go"), List.of("./main"), HEAVY);

    private static final Map<String, Language> BY_ID = new LinkedHashMap<>();

    static {
        for (Language l : List.of(PYTHON, JAVASCRIPT, JAVA, C, CPP, GO)) BY_ID.put(l.id(), l);
    }

    private Languages() {
    }

    private static String image(String id) {
        return IMAGE_PREFIX + id + ":latest";
    }

    /** All languages, in a stable order. */
    public static Collection<Language> all() {
        return List.copyOf(BY_ID.values());
    }

    public static Optional<Language> find(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }

    /** @throws IllegalArgumentException for an unknown id */
    public static Language byId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown language: " + id));
    }
}
