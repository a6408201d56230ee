package dev.tandem.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tandem.collab.Update;
import dev.tandem.session.SessionTimeline;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * v1.1 "Timeline" across files: the timeline is numbered along the main file's versions (docs/timeline.md), so
 * the updates of the session's other files are recorded like run events, each placed after the main file's
 * version when it was accepted, as {@code {"type":"update","file","version","clientId","by","seq","changes"}}
 * (the timeline names {@code type} {@code kind}). Recorded once, by the node that accepted the push.
 */
record FileUpdatesTimeline(SessionTimeline timeline, JsonFactory json) {
    void record(String sessionId, String path, int fromVersion, List<Update> updates, String by) {
        for (int i = 0; i < updates.size(); i++) {
            Update u = updates.get(i);
            timeline.jobEvent(sessionId, "file:" + path, write(path, fromVersion + i + 1, u, by));
        }
    }

    private String write(String path, int version, Update u, String by) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator gen = json.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("type", "update");
            gen.writeStringField("file", path);
            gen.writeNumberField("version", version);
            gen.writeStringField("clientId", u.clientId());
            gen.writeStringField("by", by != null ? by : u.clientId());
            gen.writeNumberField("seq", u.seq());
            gen.writeFieldName("changes");
            u.changes().writeJson(gen);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
