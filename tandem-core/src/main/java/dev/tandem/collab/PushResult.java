package dev.tandem.collab;

import java.util.List;

/** What the authority answered to a push. */
public sealed interface PushResult {

    /**
     * The push was based on the current version. {@code appended} are the updates that were new (resent ones
     * are skipped); they now hold versions {@code fromVersion + 1 .. version}.
     */
    record Accepted(int fromVersion, List<Update> appended, int version) implements PushResult {}

    /** The push was based on an older version than {@code version}; nothing was applied. */
    record Conflict(int version) implements PushResult {}

    /** The push was refused; nothing was applied. */
    record Rejected(Rejection reason, String message) implements PushResult {}
}
