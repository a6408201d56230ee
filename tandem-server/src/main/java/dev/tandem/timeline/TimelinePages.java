package dev.tandem.timeline;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.protocol.JsonText;
import dev.tandem.storage.Storage;
import dev.tandem.storage.StoredEvent;
import dev.tandem.storage.StoredUpdate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of a session's timeline, numbered as docs/timeline.md explains: the stored updates (by version) and
 * the stored run and submission events (by the version they came after, then by store order) merged, an event
 * placed after version {@code a} going before update {@code a + 1}. The {@code k}-th event (from 0) is number
 * {@code a + k + 1}; update {@code v} is {@code v} plus the events placed before it. So a page starting after
 * {@code from} needs only the session's events (few) and the updates of the page itself, never the whole log.
 *
 * <p>Only what is settled is served: events and updates older than {@link #SETTLE_MILLIS}, and updates only up
 * to the first one storage does not have yet. What is newer follows on a later page, with the numbers it
 * would have had, because nothing can be placed before it any more.
 */
final class TimelinePages {
    /** Longer than a node takes to store an update (flush-ms) or an event (milliseconds), with room for load. */
    static final long SETTLE_MILLIS = 2_000;

    private final Storage storage;
    private final ObjectMapper mapper;

    TimelinePages(Storage storage, ObjectMapper mapper) {
        this.storage = storage;
        this.mapper = mapper;
    }

    /**
     * The JSON of the page: {@code {"events":[...],"next":N|null}}.
     *
     * @param currentVersion the document's version now (what may still come from storage)
     * @param file           the main file's path, named on each update
     */
    String page(String sessionId, long from, int limit, int currentVersion, String file, long now) {
        long horizon = now - SETTLE_MILLIS;
        List<StoredEvent> all = storage.events(sessionId);
        int settled = 0;
        while (settled < all.size() && all.get(settled).at() < horizon) settled++;

        int k = 0; // events numbered at most `from` are skipped; then updates 1 .. from - k are too
        while (k < settled && all.get(k).afterVersion() + k + 1L <= from) k++;
        long v = from - k + 1; // long: a `from` far beyond the end must not wrap around
        List<StoredUpdate> updates = v - 1 >= currentVersion ? List.of()
                : storage.updates(sessionId, (int) (v - 1), (int) Math.min(currentVersion, v - 1 + limit));
        Map<String, String> names = names(sessionId, updates);

        StringWriter out = new StringWriter(4096);
        long last = -1;
        int written = 0;
        int u = 0;
        try (JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("events");
            while (written < limit) {
                if (k < settled && all.get(k).afterVersion() < v) {
                    StoredEvent e = all.get(k);
                    last = e.afterVersion() + k + 1L;
                    writeEvent(gen, last, e);
                    k++;
                } else if (u < updates.size() && updates.get(u).version() == v && updates.get(u).at() < horizon) {
                    StoredUpdate update = updates.get(u);
                    last = v + k;
                    writeUpdate(gen, last, file, update, names.getOrDefault(update.update().clientId(), update.update().clientId()));
                    u++;
                    v++;
                } else {
                    break;
                }
                written++;
            }
            gen.writeEndArray();
            boolean more = k < all.size() || v <= currentVersion;
            gen.writeFieldName("next");
            if (!more) gen.writeNull();
            else gen.writeNumber(last >= 0 ? last : from);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonText.escapeLoneSurrogates(out.toString());
    }

    private void writeUpdate(JsonGenerator gen, long n, String file, StoredUpdate u, String by) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField("n", n);
        gen.writeStringField("kind", "update");
        gen.writeStringField("file", file);
        gen.writeNumberField("version", u.version());
        gen.writeNumberField("at", u.at());
        gen.writeStringField("clientId", u.update().clientId());
        gen.writeStringField("by", by);
        gen.writeNumberField("seq", u.update().seq());
        gen.writeFieldName("changes");
        u.update().changes().writeJson(gen);
        gen.writeEndObject();
    }

    /** The event as it was sent live, its {@code type} named {@code kind}, with {@code n} and {@code at}. */
    private void writeEvent(JsonGenerator gen, long n, StoredEvent e) throws IOException {
        JsonNode live = mapper.readTree(e.json());
        gen.writeStartObject();
        gen.writeNumberField("n", n);
        gen.writeStringField("kind", live.path("type").asText());
        gen.writeNumberField("at", e.at());
        for (Iterator<Map.Entry<String, JsonNode>> fields = live.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("type") || field.getKey().equals("n") || field.getKey().equals("at")) continue;
            gen.writeFieldName(field.getKey());
            gen.writeTree(field.getValue());
        }
        gen.writeEndObject();
    }

    /** The name each author of these updates joined with (their clientId when it is not known). */
    private Map<String, String> names(String sessionId, List<StoredUpdate> updates) {
        Set<String> keys = new LinkedHashSet<>();
        for (StoredUpdate u : updates) keys.add(sessionId + " " + u.update().clientId());
        Map<String, byte[]> stored = storage.getAll(TimelineRecorder.NAMES_MAP, new ArrayList<>(keys));
        Map<String, String> names = new java.util.HashMap<>();
        stored.forEach((key, value) -> names.put(key.substring(sessionId.length() + 1), new String(value, StandardCharsets.UTF_8)));
        return names;
    }
}
