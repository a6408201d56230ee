package dev.tandem.bench.floor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.collab.ChangeSet;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One session of the floor: a version counter, the sockets to write to, and the pushed {@code updates} arrays
 * as the text they arrived in. Nothing of a push is parsed or checked on the way through; the text of the
 * document is worked out from those arrays only when someone asks for it (a {@code welcome}, a
 * {@code GET /api/sessions/{id}}: the load generators compare every client with it at the end).
 */
final class FloorSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pushed array of {@code count} updates that took the session from {@code fromVersion}. */
    record Entry(int fromVersion, int count, String updates) {
    }

    final String id;
    final List<FloorSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<Entry> log = new ArrayList<>();
    private int version;
    private String text;
    private int textEntries;

    FloorSession(String id, String content) {
        this.id = id;
        this.text = content;
    }

    int version() {
        return version;
    }

    /** Appends a push of {@code count} updates based on the current version; returns the version it started from. */
    int append(int count, String updates) {
        int from = version;
        log.add(new Entry(from, count, updates));
        version += count;
        return from;
    }

    /** The entries from {@code version} on (a pull). */
    List<Entry> since(int since) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : log) if (e.fromVersion() >= since) out.add(e);
        return out;
    }

    /** The document now: the entries not applied yet, parsed and applied here, off the push path. */
    String text() {
        for (; textEntries < log.size(); textEntries++) {
            try {
                for (JsonNode update : JSON.readTree(log.get(textEntries).updates())) {
                    text = ChangeSet.fromJson(update.path("changes")).apply(text);
                }
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text;
    }
}
