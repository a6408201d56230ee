package dev.tandem.collab;


import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authoritative state of one session's document: its text, its version and the recent history.
 *
 * <p>This is the strict authority of the wire contract: a push is applied only when it is based on the
 * current version, atomically (all its new updates or none). It never transforms updates itself: a stale
 * push is a {@link PushResult.Conflict} and the client rebases. Not thread-safe: the cluster runs every
 * operation of one document on the partition thread that owns it.
 */
public final class DocumentState {
    private final Rope text;
    private int version;
    private final UpdateHistory history;
    /** Highest accepted seq per client: seq rises by one per update, so this identifies every accepted update. */
    private final Map<String, Integer> lastSeqByClient;
    /**
     * The version of the newest snapshot this replica knows to be in storage, or -1 when it does not know (a
     * replica that came by migration or backup promotion): the owner then stores a snapshot with its next push,
     * so storage never depends on updates that a lost member may not have written.
     */
    private int storedSnapshotVersion = -1;
    /** {@link #lastSeqByClient} is pruned once it holds more clients than this (see {@link #pruneClients}). */
    private int pruneClientsAt = MIN_PRUNE_CLIENTS_AT;
    private static final int MIN_PRUNE_CLIENTS_AT = 64;
    /**
     * The text's size inside a JSON string ({@link JsonBytes}), what a {@code welcome} carries; -1 until first
     * needed (a state rebuilt by migration or a backup counts it once, at its first push).
     */
    private long jsonBytes = -1;

    public DocumentState(String content, int historyUpdates, long historyChars) {
        this(Rope.of(content), 0, new UpdateHistory(historyUpdates, historyChars, 0), new HashMap<>());
    }

    /** Rebuilds a state from its parts (deserialisation, migration). */
    public DocumentState(Rope text, int version, UpdateHistory history, Map<String, Integer> lastSeqByClient) {
        this.text = text;
        this.version = version;
        this.history = history;
        this.lastSeqByClient = lastSeqByClient;
    }

    public int version() {
        return version;
    }

    public int length() {
        return text.length();
    }

    public String text() {
        return text.toString();
    }

    public UpdateHistory history() {
        return history;
    }

    public Map<String, Integer> lastSeqByClient() {
        return lastSeqByClient;
    }

    public int storedSnapshotVersion() {
        return storedSnapshotVersion;
    }

    public void storedSnapshotVersion(int version) {
        this.storedSnapshotVersion = version;
    }

    public int lastSeq(String clientId) {
        return lastSeqByClient.getOrDefault(clientId, 0);
    }

    /**
     * Applies a push of {@code updates} made on top of {@code baseVersion}.
     *
     * @param maxLength the longest text (UTF-16 units) the document may reach
     */
    public PushResult push(int baseVersion, List<Update> updates, int maxLength) {
        return push(baseVersion, updates, maxLength, Long.MAX_VALUE);
    }

    /**
     * Applies a push, with the document also limited in what it takes as JSON: {@code maxJsonBytes} bounds the
     * {@code welcome} every joiner receives, whatever characters the text is made of.
     */
    public PushResult push(int baseVersion, List<Update> updates, int maxLength, long maxJsonBytes) {
        if (baseVersion > version) {
            return new PushResult.Rejected(Rejection.VERSION_AHEAD,
                    "push is based on version " + baseVersion + " but the document is at version " + version);
        }
        if (baseVersion < version) return new PushResult.Conflict(version);

        List<Update> fresh = new ArrayList<>(updates.size());
        Map<String, Integer> seen = new HashMap<>(2);
        int length = text.length();
        for (Update update : updates) {
            int last = seen.getOrDefault(update.clientId(), lastSeq(update.clientId()));
            if (update.seq() <= last) continue; // already accepted: a resend, never applied twice
            ChangeSet changes = update.changes();
            if (changes.length() != length) {
                return new PushResult.Rejected(Rejection.INVALID_CHANGES, "update " + update.clientId() + "#"
                        + update.seq() + " covers " + changes.length() + " characters but the document has "
                        + length + " at that point");
            }
            length = changes.newLength();
            // Past the limit, but never refused for shrinking: a session that went over it (the limit on all files is
            // judged by what a node last saw of the others) can always be cut back.
            if (length > maxLength && length > text.length()) {
                return new PushResult.Rejected(Rejection.TOO_LARGE, "the document would grow to " + length
                        + " characters; the limit is " + maxLength);
            }
            seen.put(update.clientId(), update.seq());
            fresh.add(update);
        }
        long bytesAfter = -1;
        if (!fresh.isEmpty() && maxJsonBytes != Long.MAX_VALUE) {
            bytesAfter = jsonBytes() + jsonBytesDelta(fresh);
            if (bytesAfter > maxJsonBytes && bytesAfter > jsonBytes()) {
                return new PushResult.Rejected(Rejection.TOO_LARGE, "the document would take " + bytesAfter
                        + " bytes as JSON; the limit is " + maxJsonBytes);
            }
        }
        // Everything was validated above, so applying cannot fail half-way.
        int fromVersion = version;
        applyAccepted(fresh);
        if (bytesAfter >= 0) jsonBytes = bytesAfter;
        return new PushResult.Accepted(fromVersion, fresh, version, bytesAfter);
    }

    /** The text's size inside a JSON string, counted once and then kept up to date by every push. */
    public long jsonBytes() {
        if (jsonBytes < 0) jsonBytes = text.jsonBytes(0, text.length());
        return jsonBytes;
    }

    /**
     * What {@code updates} (not yet applied) change the JSON size by. One update's deleted ranges are in the current
     * text; several are composed first, so that every deleted range is one of the current text too.
     */
    private long jsonBytesDelta(List<Update> updates) {
        ChangeSet changes = updates.get(0).changes();
        for (int i = 1; i < updates.size(); i++) changes = changes.compose(updates.get(i).changes());
        return JsonBytes.delta(changes, text);
    }

    /** Applies updates that the authority already accepted (the backup replica's path). */
    public void applyAccepted(List<Update> accepted) {
        for (Update update : accepted) {
            update.changes().applyTo(text);
            history.append(update);
            lastSeqByClient.merge(update.clientId(), update.seq(), Math::max);
            version++;
        }
        if (lastSeqByClient.size() > pruneClientsAt) pruneClients();
        jsonBytes = -1; // counted again when next needed (a push sets it right after this)
    }

    /**
     * Forgets the last seq of every client that has no update in the retained history, so the map is bounded
     * by the clients of the history window (at most twice that, or 64), not by every client that ever typed.
     *
     * <p>Why a forgotten client's old update is still never applied twice: a push is accepted only on top of
     * the current version {@code V}, and an honest client knows {@code V} only after receiving every update up
     * to it, from the stream or by a pull. Its own update accepted at {@code w <= V} is one of those, so it was
     * confirmed and is never sent again. The one way to reach {@code V} without receiving {@code w} is to
     * reload from a snapshot, and a reload drops the unconfirmed updates (seq keeps rising). A client whose
     * entry is gone last had an update accepted before the retained history, so a pull from before it is
     * refused ({@code VERSION_GONE}) and the client must reload; a push from before it is a conflict. A client
     * that resends an old seq anyway can only duplicate its own edit, which it could do with a new seq too.
     * Amortised: a scan of the history each time the map has doubled since the last one.
     */
    private void pruneClients() {
        Set<String> inHistory = new HashSet<>();
        for (Update u : history.since(history.oldestAvailableVersion())) inHistory.add(u.clientId());
        lastSeqByClient.keySet().retainAll(inHistory);
        pruneClientsAt = Math.max(MIN_PRUNE_CLIENTS_AT, 2 * lastSeqByClient.size());
    }

    /** The updates after {@code since}, or why they cannot be had. */
    public PullResult updatesSince(int since) {
        if (since > version) {
            return new PullResult.Refused(Rejection.VERSION_AHEAD,
                    "version " + since + " is ahead of the document's version " + version);
        }
        if (since < history.oldestAvailableVersion()) {
            return new PullResult.Refused(Rejection.VERSION_GONE, "updates before version "
                    + history.oldestAvailableVersion() + " are no longer retained; reload the session");
        }
        return new PullResult.Updates(since, history.since(since));
    }

    /**
     * The updates after {@code since} as one page: as many as fit in about {@code maxJsonBytes} of JSON, and at
     * least one (a single update is bounded by the message limit). A page that does not reach the current version
     * says {@code more}: the caller asks again from where it ended.
     */
    public PullResult updatesSince(int since, long maxJsonBytes) {
        PullResult all = updatesSince(since);
        if (!(all instanceof PullResult.Updates u)) return all;
        long bytes = 0;
        int n = 0;
        for (Update update : u.updates()) {
            bytes += JsonBytes.ofUpdate(update);
            if (n > 0 && bytes > maxJsonBytes) break;
            n++;
        }
        return n == u.updates().size() ? all : new PullResult.Updates(since, List.copyOf(u.updates().subList(0, n)), true);
    }
}
