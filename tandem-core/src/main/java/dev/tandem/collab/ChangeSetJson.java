package dev.tandem.collab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Reads and writes CodeMirror's ChangeSet JSON: {@code n} keeps n characters, {@code [n]} deletes n,
 * {@code [n, "line1", "line2"]} replaces n characters with the lines joined by "\n".
 *
 * <p>Parsing is stricter than CodeMirror's own {@code fromJSON}, because what we accept is broadcast to
 * browsers: anything that would make a CodeMirror peer throw or build a broken document is rejected here.
 */
final class ChangeSetJson {
    // "[1] junk" must not pass as [1]: the whole text has to be the change set.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private ChangeSetJson() {
    }

    static ChangeSet parse(String json) {
        if (json == null) {
            throw new InvalidChangesException("changes are missing");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidChangesException("changes are not valid JSON: " + e.getOriginalMessage());
        }
        return parse(node);
    }

    static ChangeSet parse(JsonNode json) {
        if (json == null || json.isMissingNode() || json.isNull()) {
            throw new InvalidChangesException("changes are missing");
        }
        if (!json.isArray()) {
            throw new InvalidChangesException("changes must be a JSON array of sections, got " + describe(json));
        }
        SectionBuilder out = new SectionBuilder(json.size());
        long covered = 0;
        long produced = 0;
        for (int i = 0; i < json.size(); i++) {
            JsonNode part = json.get(i);
            if (part.isArray()) {
                if (part.isEmpty()) {
                    throw new InvalidChangesException("changes[" + i
                            + "] is an empty array; a change is [length] or [length, \"line\", ...]");
                }
                int len = length(part.get(0), i, true);
                String text = joinLines(part, i);
                out.add(len, text.length());
                out.addText(text);
                covered += len;
                produced += text.length();
            } else if (part.isNumber()) {
                int len = length(part, i, false);
                out.add(len, -1);
                covered += len;
                produced += len;
            } else {
                throw new InvalidChangesException("changes[" + i
                        + "] must be a number of kept characters or a [length, \"line\", ...] array, got "
                        + describe(part));
            }
            if (covered > Integer.MAX_VALUE || produced > Integer.MAX_VALUE) {
                throw new InvalidChangesException("changes describe a document longer than "
                        + Integer.MAX_VALUE + " characters");
            }
        }
        return out.build();
    }

    /**
     * A section length: a non-negative integer that fits an int (JSON 3.0 counts, since JavaScript cannot tell).
     * The error's location is built only on failure: building it for every section showed in the profile.
     */
    private static int length(JsonNode node, int section, boolean inArray) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt() && node.intValue() >= 0) {
                return node.intValue();
            }
        } else if (node.isNumber()) {
            double d = node.doubleValue();
            if (d >= 0 && d <= Integer.MAX_VALUE && d == Math.rint(d)) {
                return (int) d;
            }
        }
        String where = "changes[" + section + "]" + (inArray ? "[0]" : "");
        throw new InvalidChangesException(where + " must be a whole number of characters from 0 to "
                + Integer.MAX_VALUE + ", got " + describe(node));
    }

    private static String joinLines(JsonNode part, int index) {
        int lines = part.size() - 1;
        if (lines == 0) {
            return "";
        }
        if (lines == 1) {
            return line(part.get(1), index, 1);
        }
        StringBuilder text = new StringBuilder();
        for (int j = 1; j <= lines; j++) {
            if (j > 1) {
                text.append('\n');
            }
            text.append(line(part.get(j), index, j));
        }
        return text.toString();
    }

    private static String line(JsonNode node, int index, int j) {
        if (!node.isTextual()) {
            throw new InvalidChangesException("changes[" + index + "][" + j + "] must be a string (a line of the "
                    + "inserted text), got " + describe(node));
        }
        String line = node.textValue();
        if (line.indexOf('\n') >= 0) {
            throw new InvalidChangesException("changes[" + index + "][" + j + "] contains a line break; "
                    + "inserted lines must be separate strings");
        }
        return line;
    }

    private static String describe(JsonNode node) {
        String text;
        if (node.isObject()) {
            text = "an object";
        } else if (node.isArray()) {
            text = "an array";
        } else if (node.isTextual()) {
            text = "the string " + node;
        } else if (node.isBoolean()) {
            text = node.asText();
        } else if (node.isNull()) {
            text = "null";
        } else {
            text = node.toString();
        }
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    static void write(ChangeSet set, JsonGenerator gen) throws IOException {
        int[] sections = set.sections;
        gen.writeStartArray();
        for (int i = 0; i < sections.length; i += 2) {
            int len = sections[i];
            int ins = sections[i + 1];
            if (ins < 0) {
                gen.writeNumber(len);
                continue;
            }
            gen.writeStartArray();
            gen.writeNumber(len);
            if (ins > 0) {
                writeLines(set.texts[i >> 1], gen);
            }
            gen.writeEndArray();
        }
        gen.writeEndArray();
    }

    private static void writeLines(String text, JsonGenerator gen) throws IOException {
        int start = 0;
        int nl;
        while ((nl = text.indexOf('\n', start)) >= 0) {
            gen.writeString(text.substring(start, nl));
            start = nl + 1;
        }
        gen.writeString(start == 0 ? text : text.substring(start));
    }

    static String toJson(ChangeSet set) {
        StringWriter out = new StringWriter(16 + set.sections.length * 4 + set.insertedLength());
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            write(set, gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
