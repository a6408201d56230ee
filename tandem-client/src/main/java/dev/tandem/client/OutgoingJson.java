package dev.tandem.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tandem.collab.Update;
import dev.tandem.protocol.JsonText;
import dev.tandem.protocol.UpdatesJson;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes the client messages of the wire contract. */
final class OutgoingJson {
    private final JsonFactory factory;

    OutgoingJson(JsonFactory factory) {
        this.factory = factory;
    }

    String hello(String clientId, String name, String resumeToken) {
        return write(gen -> {
            gen.writeStringField("type", "hello");
            gen.writeStringField("clientId", clientId);
            if (name != null) gen.writeStringField("name", name);
            if (resumeToken != null) gen.writeStringField("resumeToken", resumeToken);
        });
    }

    String pull(int version) {
        return write(gen -> {
            gen.writeStringField("type", "pull");
            gen.writeNumberField("version", version);
        });
    }

    /** {@code {"type":"push","version":V,"updates":[...]}} built from updates already written as JSON. */
    String push(int version, Iterable<String> updateJsons) {
        StringBuilder json = new StringBuilder(64).append("{\"type\":\"push\",\"version\":").append(version)
                .append(",\"updates\":[");
        boolean first = true;
        for (String update : updateJsons) {
            if (!first) json.append(',');
            json.append(update);
            first = false;
        }
        return json.append("]}").toString(); // the update JSONs are already escaped
    }

    String update(Update update) {
        StringWriter out = new StringWriter(48);
        try (JsonGenerator gen = factory.createGenerator(out)) {
            UpdatesJson.writeUpdate(gen, update);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonText.escapeLoneSurrogates(out.toString());
    }

    /** A presence message; {@code anchor < 0} sends a null selection (hides the cursor). */
    String presence(int anchor, int head, int version) {
        return write(gen -> {
            gen.writeStringField("type", "presence");
            if (anchor < 0) {
                gen.writeNullField("selection");
            } else {
                gen.writeObjectFieldStart("selection");
                gen.writeNumberField("anchor", anchor);
                gen.writeNumberField("head", head);
                gen.writeEndObject();
            }
            gen.writeNumberField("version", version);
        });
    }

    private interface Fields {
        void write(JsonGenerator gen) throws IOException;
    }

    private String write(Fields fields) {
        StringWriter out = new StringWriter(64);
        try (JsonGenerator gen = factory.createGenerator(out)) {
            gen.writeStartObject();
            fields.write(gen);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonText.escapeLoneSurrogates(out.toString());
    }
}
