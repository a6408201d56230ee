package dev.tandem.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the language descriptors: those packaged into the jar at build time (resources
 * {@value #RESOURCE_DIR}/&lt;id&gt;/language.json, copied from sandbox-images/), then those of an optional directory
 * laid out like sandbox-images/ (&lt;dir&gt;/&lt;id&gt;/language.json), which add languages without a rebuild or
 * replace a packaged one of the same id. A descriptor that cannot be read or is wrong stops the load with
 * {@link BadDescriptor}, whose message names the file: a node never starts with a language half-defined.
 */
public final class LanguageCatalog {

    static final String RESOURCE_DIR = "languages";
    /** A file packaged beside the descriptors, so the loader can find the folder (jar or directory) holding them. */
    static final String ANCHOR = RESOURCE_DIR + "/languages.txt";
    static final String FILE = "language.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** A descriptor that cannot be used; the message names its file. */
    public static final class BadDescriptor extends RuntimeException {
        BadDescriptor(String source, String problem, Throwable cause) {
            super("bad language descriptor " + source + ": " + problem, cause);
        }
    }

    private LanguageCatalog() {
    }

    /** Packaged descriptors, then those of {@code extraDir} (may be null), in the descriptors' order. */
    public static List<Language> load(ClassLoader loader, Path extraDir) {
        Map<String, LanguageDescriptor> byId = new LinkedHashMap<>();
        packaged(loader).forEach((source, json) -> add(byId, source, json));
        if (extraDir != null) directory(extraDir).forEach((source, json) -> add(byId, source, json));
        if (byId.isEmpty()) throw new BadDescriptor(ANCHOR, "no language descriptor found", null);
        return byId.values().stream()
                .sorted(Comparator.comparingInt(LanguageDescriptor::sortOrder).thenComparing(LanguageDescriptor::id))
                .map(LanguageDescriptor::toLanguage)
                .toList();
    }

    /** Parses one descriptor and checks it; {@code folder} is the name of the folder it lives in. */
    static LanguageDescriptor parse(String source, String folder, byte[] json) {
        LanguageDescriptor d;
        try {
            d = JSON.readValue(json, LanguageDescriptor.class);
        } catch (IOException e) {
            throw new BadDescriptor(source, firstLine(e.getMessage()), e);
        }
        if (d == null) throw new BadDescriptor(source, "empty", null);
        try {
            d.toLanguage();
        } catch (IllegalArgumentException e) {
            throw new BadDescriptor(source, e.getMessage(), e);
        }
        if (!d.id().equals(folder)) {
            throw new BadDescriptor(source, "id \"" + d.id() + "\" differs from its folder \"" + folder + "\"", null);
        }
        return d;
    }

    private static void add(Map<String, LanguageDescriptor> byId, String source, Source json) {
        byId.put(json.folder(), parse(source, json.folder(), json.bytes()));
    }

    private record Source(String folder, byte[] bytes) {}

    /** Descriptors under {@code dir}/&lt;id&gt;/language.json, by their path. */
    static Map<String, Source> directory(Path dir) {
        if (!Files.isDirectory(dir)) throw new BadDescriptor(dir.toString(), "not a directory (tandem.languages.dir)", null);
        Map<String, Source> found = new TreeMap<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.sorted().toList()) {
                Path file = folder.resolve(FILE);
                if (!Files.isRegularFile(file)) continue;
                found.put(file.toString(), new Source(folder.getFileName().toString(), read(file)));
            }
        } catch (IOException e) {
            throw new BadDescriptor(dir.toString(), "cannot be listed: " + e.getMessage(), e);
        }
        return found;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadDescriptor(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every packaged descriptor, found next to {@link #ANCHOR} in each jar or class directory that has one. */
    static Map<String, Source> packaged(ClassLoader loader) {
        Map<String, Source> found = new TreeMap<>();
        try {
            Enumeration<URL> anchors = loader.getResources(ANCHOR);
            while (anchors.hasMoreElements()) {
                URL anchor = anchors.nextElement();
                switch (anchor.getProtocol()) {
                    case "file" -> found.putAll(directory(Path.of(anchor.toURI()).getParent()));
                    case "jar" -> found.putAll(inJar(anchor));
                    default -> throw new BadDescriptor(anchor.toString(), "cannot list descriptors from a " + anchor.getProtocol() + " URL", null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged language descriptors", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static Map<String, Source> inJar(URL anchor) throws IOException {
        Map<String, Source> found = new TreeMap<>();
        JarURLConnection c = (JarURLConnection) anchor.openConnection();
        c.setUseCaches(false);
        try (JarFile jar = c.getJarFile()) {
            List<JarEntry> entries = new ArrayList<>();
            jar.stream().filter(e -> e.getName().matches(RESOURCE_DIR + "/[^/]+/" + FILE)).forEach(entries::add);
            for (JarEntry e : entries) {
                String folder = e.getName().split("/")[1];
                try (InputStream in = jar.getInputStream(e)) {
                    found.put(jar.getName() + "!/" + e.getName(), new Source(folder, in.readAllBytes()));
                }
            }
        }
        return found;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
