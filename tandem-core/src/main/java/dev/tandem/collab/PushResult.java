package dev.tandem.collab;

import java.util.List;

/** What the authority answered to a push. */
public sealed interface PushResult {

    /**
     * The push was based on the current version. {@code appended} are the updates that were new (resent ones
     * are skipped); they now hold versions {@code fromVersion + 1 .. version}. {@code jsonBytes}: what the
     * document takes as a JSON string after them ({@link JsonBytes}), or -1 when it was not counted; nodes keep
     * it for the byte limit on all files of a session together.
     */
    record Accepted(int fromVersion, List<Update> appended, int version, long jsonBytes) implements PushResult {
        public Accepted(int fromVersion, List<Update> appended, int version) {
            this(fromVersion, appended, version, -1);
        }
    }

    /** The push was based on an older version than {@code version}; nothing was applied. */
    record Conflict(int version) implements PushResult {}

    /** The push was refused; nothing was applied. */
    record Rejected(Rejection reason, String message) implements PushResult {}
}
