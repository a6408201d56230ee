package dev.tandem.client;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;

import java.util.ArrayList;
import java.util.List;

/**
 * The transport-free client side of the collaboration algorithm: the same rules as CodeMirror's
 * {@code @codemirror/collab} ({@code receiveUpdates}, {@code sendableUpdates}).
 *
 * <p>The local document is always the server's document at {@link #version()} followed by the
 * {@link #unconfirmed()} local updates, in order. Others' updates are rebased <em>into</em> the local
 * document (mapped over the unconfirmed updates), and the unconfirmed updates are rebased over them, so that
 * they apply on top of the newest server version the next time they are pushed. The server never transforms.
 *
 * <p>{@code seq} keeps rising for the whole life of a client id, even across {@link #reload}: the server
 * skips any update whose seq it has already seen from that client, so a reused seq would be silently lost.
 * For the same reason a client id must not be reused by a new {@code CollabState} that starts again at seq 1.
 *
 * <p>Not thread-safe; {@link TandemClient} guards it with its lock.
 */
public final class CollabState {
    private final String clientId;
    private String doc;
    private int version;
    /** Local updates the server has not yet confirmed, each applying to the result of the one before. */
    private final ArrayList<Update> unconfirmed = new ArrayList<>();
    private int nextSeq;

    public CollabState(String clientId, String content, int version) {
        this(clientId, content, version, 1);
    }

    public CollabState(String clientId, String content, int version, int nextSeq) {
        if (nextSeq < 1) throw new IllegalArgumentException("seq counts from 1");
        this.clientId = clientId;
        this.doc = content;
        this.version = version;
        this.nextSeq = nextSeq;
    }

    public String clientId() {
        return clientId;
    }

    /** The local document: the synced server document plus the unconfirmed local updates. */
    public String text() {
        return doc;
    }

    /** The server version this client has fully received. */
    public int version() {
        return version;
    }

    public int nextSeq() {
        return nextSeq;
    }

    public List<Update> unconfirmed() {
        return List.copyOf(unconfirmed);
    }

    public int unconfirmedCount() {
        return unconfirmed.size();
    }

    /**
     * Applies a local change to the document and records it as an unconfirmed update.
     *
     * @return the new update, or {@code null} when the change is empty (no update is made for it, as
     *         CodeMirror makes none for a transaction without changes)
     */
    public Update localChange(ChangeSet changes) {
        if (changes.length() != doc.length()) {
            throw new IllegalArgumentException("the change applies to a document of " + changes.length()
                    + " characters but the local document has " + doc.length());
        }
        if (changes.isEmpty()) return null;
        doc = changes.apply(doc);
        Update update = new Update(clientId, nextSeq++, changes);
        unconfirmed.add(update);
        return update;
    }

    /** What to push: every unconfirmed update, on top of the synced version. */
    public Pushable pushable() {
        return new Pushable(version, unconfirmed);
    }

    /**
     * Takes in updates that hold versions {@code fromVersion + 1 ...}. Batches may overlap what this state
     * already has (the known part is skipped) or start after it (a {@link ReceiveResult.Gap}: nothing is
     * applied and the caller pulls).
     *
     * <p>Own updates are recognised by client id and seq anywhere in the batch, not only at its head as in
     * {@code receiveUpdates}. Why the matching unconfirmed update is then always the head of the
     * unconfirmed list: a client pushes on top of its synced version {@code W}, so its accepted update holds a
     * version above {@code W}, and everything before it in the history is at or below {@code W}, already
     * received. The updates between the synced version and an own update are therefore either own updates
     * of the same push (confirmed in order) or nothing, so the segment of others flushed before it is empty
     * in a correct system. The code still flushes such a segment first (rebasing the unconfirmed updates
     * over it), so the order is honoured if it ever happens, and it checks the head invariant.
     *
     * <p>An own update that matches no unconfirmed update (the state was {@link #reload reloaded} after its
     * push was lost track of) is applied like anyone else's: the document does not contain it.
     */
    public ReceiveResult receive(int fromVersion, List<Update> updates) {
        if (fromVersion > version) return new ReceiveResult.Gap(version, fromVersion + updates.size());
        int skip = version - fromVersion;
        if (skip >= updates.size()) return new ReceiveResult.Applied(0, ChangeSet.empty(doc.length()), 0);

        int confirmed = 0;
        ChangeSet docChanges = ChangeSet.empty(doc.length());
        ChangeSet others = null; // others' updates since the last flush, composed
        for (Update update : updates.subList(skip, updates.size())) {
            if (isOwnUnconfirmed(update)) {
                if (others != null) {
                    docChanges = docChanges.compose(rebaseOver(others));
                    others = null;
                }
                confirmHead(update);
                confirmed++;
            } else {
                others = others == null ? update.changes() : others.compose(update.changes());
            }
            version++;
        }
        if (others != null) docChanges = docChanges.compose(rebaseOver(others));
        return new ReceiveResult.Applied(confirmed, docChanges, updates.size() - skip);
    }

    /**
     * Starts again from a server snapshot, dropping the unconfirmed updates (used when the server can no
     * longer supply the updates needed to rebase them). The seq keeps rising.
     *
     * @return the dropped updates: edits that are lost unless the caller re-applies them
     */
    public List<Update> reload(String content, int atVersion) {
        List<Update> dropped = List.copyOf(unconfirmed);
        unconfirmed.clear();
        doc = content;
        version = atVersion;
        return dropped;
    }

    private boolean isOwnUnconfirmed(Update update) {
        if (!update.clientId().equals(clientId)) return false;
        for (Update pending : unconfirmed) {
            if (pending.seq() == update.seq()) return true;
        }
        return false;
    }

    /** Confirms an own update; it must be the oldest unconfirmed one, the document already contains it. */
    private void confirmHead(Update update) {
        Update head = unconfirmed.get(0);
        if (head.seq() != update.seq()) {
            throw new IllegalStateException("own update " + clientId + "#" + update.seq()
                    + " arrived before #" + head.seq() + ", which the server must have accepted first");
        }
        if (head.changes().length() != update.changes().length()
                || head.changes().newLength() != update.changes().newLength()) {
            throw new IllegalStateException("own update " + clientId + "#" + update.seq()
                    + " came back as a different change than the one held locally: " + update.changes()
                    + " vs " + head.changes());
        }
        unconfirmed.remove(0);
    }

    /**
     * Rebases the unconfirmed updates over {@code others} (which apply to the synced document) and applies
     * others to the local document, mapped over the unconfirmed updates.
     *
     * @return the change made to the local document
     */
    private ChangeSet rebaseOver(ChangeSet others) {
        ChangeSet other = others;
        for (int i = 0; i < unconfirmed.size(); i++) {
            Update u = unconfirmed.get(i);
            ChangeSet rebased = u.changes().map(other);
            other = other.map(u.changes(), true);
            unconfirmed.set(i, new Update(u.clientId(), u.seq(), rebased));
        }
        doc = other.apply(doc);
        return other;
    }
}
