package dev.tandem.collab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Loads the real editing traces in the repository's {@code testdata/traces} for replay tests and benchmarks.
 *
 * <p>The traces are the {@code editing-traces} data set by Joseph Gentle and contributors
 * (github.com/josephg/editing-traces), licensed CC BY 4.0.
 *
 * <p>Format (gzipped JSON): {@code {"startContent", "endContent", "txns": [{"patches": [[pos, deleted, "ins"], ...]}]}}.
 * Within a transaction the patches are to be applied one after another.
 */
public final class Traces {
    /** System property naming the traces folder; surefire sets it to the repository's {@code testdata/traces}. */
    public static final String DIR_PROPERTY = "tandem.traces.dir";

    /** One edit: delete {@code deleted} characters at {@code pos}, then insert {@code inserted} there. */
    public record Patch(int pos, int deleted, String inserted) {
    }

    /**
     * A whole trace. {@code txnStarts[i]} is the index in {@code patches} of the first patch of transaction i,
     * so a transaction's patches are {@code patches[txnStarts[i] .. txnStarts[i+1])}.
     */
    public record Trace(String name, String startContent, String endContent, List<Patch> patches, int[] txnStarts) {
        public int txnCount() {
            return txnStarts.length;
        }

        public List<Patch> txn(int i) {
            int end = i + 1 < txnStarts.length ? txnStarts[i + 1] : patches.size();
            return patches.subList(txnStarts[i], end);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private Traces() {
    }

    /** The traces folder; fails loudly when it is not there, because a silently skipped replay proves nothing. */
    public static Path dir() {
        String dir = System.getProperty(DIR_PROPERTY);
        Path path = dir != null ? Paths.get(dir) : inRepository();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("editing traces folder not found: " + path.toAbsolutePath()
                    + " (set -D" + DIR_PROPERTY + ")");
        }
        return path;
    }

    // Without the property (e.g. a test run from an IDE, or from a module folder once the build is split):
    // the nearest testdata/traces at or above the working directory.
    private static Path inRepository() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path at = start; at != null; at = at.getParent()) {
            Path candidate = at.resolve("testdata").resolve("traces");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return start.resolve("testdata").resolve("traces");
    }

    /** All {@code sequential/*.json.gz} files, sorted by name; fails when there are none. */
    public static List<Path> sequentialFiles() {
        Path folder = dir().resolve("sequential");
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no *.json.gz traces in " + folder.toAbsolutePath());
        }
        return files;
    }

    /** A sequential trace by name, e.g. {@code "automerge-paper"}. */
    public static Trace sequential(String name) {
        return load(dir().resolve("sequential").resolve(name + ".json.gz"));
    }

    public static Trace load(Path file) {
        String name = file.getFileName().toString().replace(".json.gz", "");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = JSON.createParser(in)) {
            return read(name, p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
    }

    // Streaming parse: the larger traces hold hundreds of thousands of patches.
    private static Trace read(String name, JsonParser p) throws IOException {
        String start = null;
        String end = null;
        List<Patch> patches = new ArrayList<>();
        List<Integer> txnStarts = new ArrayList<>();
        expect(p.nextToken(), JsonToken.START_OBJECT, p);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "startContent" -> start = p.getText();
                case "endContent" -> end = p.getText();
                case "txns" -> {
                    expect(value, JsonToken.START_ARRAY, p);
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        txnStarts.add(patches.size());
                        readTxn(p, patches);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (start == null || end == null) {
            throw new IOException("trace " + name + " lacks startContent or endContent");
        }
        int[] starts = new int[txnStarts.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = txnStarts.get(i);
        }
        return new Trace(name, start, end, List.copyOf(patches), starts);
    }

    private static void readTxn(JsonParser p, List<Patch> patches) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!field.equals("patches")) {
                p.skipChildren();
                continue;
            }
            expect(value, JsonToken.START_ARRAY, p);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                int pos = p.getIntValue();
                p.nextToken();
                int deleted = p.getIntValue();
                p.nextToken();
                String inserted = p.getText();
                expect(p.nextToken(), JsonToken.END_ARRAY, p);
                patches.add(new Patch(pos, deleted, inserted));
            }
        }
    }

    /**
     * A burst of consecutive patches as one change set on a document of {@code length} characters (each patch
     * applies to the result of the one before), as a typist's client sends what was typed while its last push was
     * in flight.
     */
    public static ChangeSet compose(int length, List<Patch> burst) {
        ChangeSet result = null;
        for (Patch p : burst) {
            ChangeSet next = ChangeSet.of(length, p.pos(), p.pos() + p.deleted(), p.inserted());
            result = result == null ? next : result.compose(next);
            length = next.newLength();
        }
        return result;
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual + " at " + p.currentLocation());
        }
    }
}
