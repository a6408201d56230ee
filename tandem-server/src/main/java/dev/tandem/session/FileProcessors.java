package dev.tandem.session;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Changes to a session's file table, each atomic on the member that owns the session's entry, so two people
 * making the same path at once get one file and one FILE_EXISTS. The main file's path is given by the caller
 * (it follows the language), so no other file can take it.
 */
public final class FileProcessors {
    private FileProcessors() {}

    /** What a change did: {@code refusal} null when it was made; {@code documentKey} the file's document. */
    public record Outcome(FileRefusal refusal, String documentKey) {}

    record Add(String path, String documentKey, String mainPath, int maxFiles)
            implements EntryProcessor<String, SessionFiles, Outcome> {
        @Override
        public Outcome process(Map.Entry<String, SessionFiles> entry) {
            SessionFiles files = entry.getValue() == null ? SessionFiles.NONE : entry.getValue();
            if (path.equals(mainPath) || files.keyOf(path) != null) return new Outcome(FileRefusal.EXISTS, null);
            if (files.entries().size() + 1 >= maxFiles) return new Outcome(FileRefusal.TOO_MANY, null);
            entry.setValue(files.with(new SessionFiles.Entry(path, documentKey)));
            return new Outcome(null, documentKey);
        }
    }

    record Rename(String path, String to, String mainPath) implements EntryProcessor<String, SessionFiles, Outcome> {
        @Override
        public Outcome process(Map.Entry<String, SessionFiles> entry) {
            SessionFiles files = entry.getValue() == null ? SessionFiles.NONE : entry.getValue();
            String key = files.keyOf(path);
            if (key == null) return new Outcome(FileRefusal.NO_SUCH_FILE, null);
            if (to.equals(mainPath) || files.keyOf(to) != null) return new Outcome(FileRefusal.EXISTS, null);
            entry.setValue(files.renamed(path, to));
            return new Outcome(null, key);
        }
    }

    record Remove(String path) implements EntryProcessor<String, SessionFiles, Outcome> {
        @Override
        public Outcome process(Map.Entry<String, SessionFiles> entry) {
            SessionFiles files = entry.getValue() == null ? SessionFiles.NONE : entry.getValue();
            String key = files.keyOf(path);
            if (key == null) return new Outcome(FileRefusal.NO_SUCH_FILE, null);
            SessionFiles rest = files.without(path);
            entry.setValue(rest.isEmpty() ? null : rest);
            return new Outcome(null, key);
        }
    }
}
