package dev.tandem.timeline;

import dev.tandem.collab.PullResult;
import dev.tandem.collab.Rope;
import dev.tandem.collab.Update;
import dev.tandem.storage.Storage;
import dev.tandem.storage.StoredSnapshot;
import dev.tandem.storage.StoredUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A document's text at a past version: the nearest stored snapshot at or before it, plus the updates after that
 * snapshot, which are at most one snapshot interval ({@code tandem.storage.snapshot-every-updates}) — the cost is
 * a snapshot load and that interval, never a replay from version 0. Updates storage has not written yet (the
 * last {@code flush-ms}) come from the authority's in-memory history.
 */
final class TextAtVersion {
    private final Storage storage;

    TextAtVersion(Storage storage) {
        this.storage = storage;
    }

    /** Why a version's text cannot be built right now (storage lags behind the retained history). */
    static final class NotYetStored extends RuntimeException {
        NotYetStored(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param version a version the document has reached (the caller checked)
     * @param pull    the authority's updates after a version, for what storage does not have yet
     */
    String text(String sessionId, int version, IntFunction<PullResult> pull) {
        StoredSnapshot snapshot = storage.snapshotAtOrBefore(sessionId, version);
        if (snapshot == null) throw new NotYetStored("no stored snapshot of " + sessionId + " at or before " + version);
        List<Update> updates = new ArrayList<>();
        int reached = snapshot.version();
        for (StoredUpdate u : storage.updates(sessionId, snapshot.version(), version)) {
            if (u.version() != reached + 1) break; // a hole: the rest from memory, or not at all
            updates.add(u.update());
            reached++;
        }
        if (reached < version) {
            if (!(pull.apply(reached) instanceof PullResult.Updates recent)) {
                throw new NotYetStored("versions after " + reached + " are neither stored yet nor in memory");
            }
            for (Update u : recent.updates()) {
                if (reached == version) break;
                updates.add(u);
                reached++;
            }
        }
        Rope text = Rope.of(snapshot.content());
        for (Update u : updates) u.changes().applyTo(text);
        return text.toString();
    }
}
