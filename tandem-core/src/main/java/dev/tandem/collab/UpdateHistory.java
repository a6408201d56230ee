package dev.tandem.collab;

import java.util.ArrayList;
import java.util.List;

/**
 * The most recent updates of a document, for {@code pull} and catch-up after a reconnect.
 *
 * <p>A ring buffer bounded both by count and by the characters the updates insert, so one huge paste cannot
 * make a session hold megabytes of history. Appending never copies what is already retained, so the cost of
 * an update does not grow with the history.
 */
public final class UpdateHistory {
    private final int maxUpdates;
    private final long maxInsertedChars;
    private Update[] ring;
    private int head;          // index of the oldest retained update
    private int size;
    private long insertedChars;
    private int newestVersion; // version produced by the newest retained update

    public UpdateHistory(int maxUpdates, long maxInsertedChars, int currentVersion) {
        if (maxUpdates < 1) throw new IllegalArgumentException("history must hold at least one update");
        this.maxUpdates = maxUpdates;
        this.maxInsertedChars = maxInsertedChars;
        this.ring = new Update[Math.min(maxUpdates, 16)];
        this.newestVersion = currentVersion;
    }

    /** The oldest version from which {@link #since} can still answer. */
    public int oldestAvailableVersion() {
        return newestVersion - size;
    }

    public int size() {
        return size;
    }

    public int maxUpdates() {
        return maxUpdates;
    }

    public long maxInsertedChars() {
        return maxInsertedChars;
    }

    public void append(Update update) {
        if (size == ring.length && size < maxUpdates) grow();
        if (size == maxUpdates) dropOldest();
        ring[(head + size) % ring.length] = update;
        size++;
        insertedChars += update.changes().insertedLength();
        newestVersion++;
        while (insertedChars > maxInsertedChars && size > 1) dropOldest();
    }

    /** The updates that produced versions {@code version + 1} to the newest; the caller checks the bounds. */
    public List<Update> since(int version) {
        int skip = version - oldestAvailableVersion();
        if (skip < 0 || version > newestVersion) {
            throw new IllegalArgumentException("version " + version + " is outside the retained history");
        }
        List<Update> result = new ArrayList<>(size - skip);
        for (int i = skip; i < size; i++) result.add(ring[(head + i) % ring.length]);
        return result;
    }

    private void dropOldest() {
        insertedChars -= ring[head].changes().insertedLength();
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
    }

    private void grow() {
        Update[] bigger = new Update[Math.min(maxUpdates, ring.length * 2)];
        for (int i = 0; i < size; i++) bigger[i] = ring[(head + i) % ring.length];
        ring = bigger;
        head = 0;
    }
}
