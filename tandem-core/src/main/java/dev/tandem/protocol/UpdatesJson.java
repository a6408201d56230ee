package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tandem.collab.Update;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes {@code {"type":"updates","fromVersion":V,"updates":[...]}} by streaming: it is the message every
 * participant receives for every edit, written once per batch and shared by all sockets.
 */
public final class UpdatesJson {
    private UpdatesJson() {}

    public static String write(JsonFactory factory, int fromVersion, List<Update> updates) {
        return write(factory, fromVersion, updates, null);
    }

    /** The same, for one file of the session (v1.1 "Several files": {@code "file"} names it; null leaves it out). */
    public static String write(JsonFactory factory, int fromVersion, List<Update> updates, String file) {
        StringWriter out = new StringWriter(64 + 48 * updates.size());
        try (JsonGenerator gen = factory.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("type", "updates");
            if (file != null) gen.writeStringField("file", file);
            gen.writeNumberField("fromVersion", fromVersion);
            gen.writeArrayFieldStart("updates");
            for (Update update : updates) writeUpdate(gen, update);
            gen.writeEndArray();
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonText.escapeLoneSurrogates(out.toString()); // a split surrogate pair would reach clients as '?'
    }

    public static void writeUpdate(JsonGenerator gen, Update update) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("clientId", update.clientId());
        gen.writeNumberField("seq", update.seq());
        gen.writeFieldName("changes");
        update.changes().writeJson(gen);
        // v1.1 "Timeline": when the authority accepted it; an update not accepted yet has none.
        if (update.at() > 0) gen.writeNumberField("at", update.at());
        gen.writeEndObject();
    }
}
