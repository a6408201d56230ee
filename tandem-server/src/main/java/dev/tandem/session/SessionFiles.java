package dev.tandem.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The files of a session besides its main file (v1.1 "Several files"), in the order they were made. Each names
 * the key of its own document in the authority's map: the key never changes, so a rename keeps the file's
 * version line and history, and a path used again after a delete is a new document.
 *
 * <p>The main file is not listed: its document's key is the session's id and its path is the language's
 * file name, which changes with the language.
 */
public record SessionFiles(List<Entry> entries) {
    public static final SessionFiles NONE = new SessionFiles(List.of());

    public record Entry(String path, String documentKey) {}

    public SessionFiles {
        entries = List.copyOf(entries);
    }

    /** The document key of {@code path}, or null when no file (besides the main one) has it. */
    public String keyOf(String path) {
        for (Entry e : entries) if (e.path().equals(path)) return e.documentKey();
        return null;
    }

    public String pathOf(String documentKey) {
        for (Entry e : entries) if (e.documentKey().equals(documentKey)) return e.path();
        return null;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    SessionFiles with(Entry entry) {
        List<Entry> next = new ArrayList<>(entries);
        next.add(entry);
        return new SessionFiles(next);
    }

    SessionFiles renamed(String path, String to) {
        List<Entry> next = new ArrayList<>(entries.size());
        for (Entry e : entries) next.add(e.path().equals(path) ? new Entry(to, e.documentKey()) : e);
        return new SessionFiles(next);
    }

    SessionFiles without(String path) {
        List<Entry> next = new ArrayList<>(entries.size());
        for (Entry e : entries) if (!e.path().equals(path)) next.add(e);
        return new SessionFiles(next);
    }
}
