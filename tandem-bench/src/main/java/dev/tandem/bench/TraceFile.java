package dev.tandem.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A sequential editing trace from {@code testdata/traces/sequential/NAME.json.gz} (the repository's copy): the {@code editing-traces}
 * data set by Joseph Gentle and contributors (github.com/josephg/editing-traces), licensed CC BY 4.0.
 * (The tests have their own loader in src/test; the load tool ships in the main jar, so it reads the same
 * format itself, streaming, because the larger traces hold hundreds of thousands of patches.)
 */
record TraceFile(String name, String startContent, String endContent, List<Patch> patches) {

    /** Delete {@code deleted} characters at {@code pos}, then insert {@code inserted} there. */
    record Patch(int pos, int deleted, String inserted) {
    }

    static TraceFile load(Path dir, String name) throws IOException {
        Path file = dir.resolve("sequential").resolve(name + ".json.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = new JsonFactory().createParser(in)) {
            String start = null;
            String end = null;
            List<Patch> patches = new ArrayList<>();
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "startContent" -> start = p.getText();
                    case "endContent" -> end = p.getText();
                    case "txns" -> readTxns(p, patches);
                    default -> p.skipChildren();
                }
            }
            if (start == null || end == null) throw new IOException(file + " lacks startContent or endContent");
            return new TraceFile(name, start, end, patches);
        }
    }

    private static void readTxns(JsonParser p, List<Patch> patches) throws IOException {
        while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("patches")) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                    int pos = p.getIntValue();
                    p.nextToken();
                    int deleted = p.getIntValue();
                    p.nextToken();
                    patches.add(new Patch(pos, deleted, p.getText()));
                    p.nextToken(); // END_ARRAY
                }
            }
        }
    }
}
