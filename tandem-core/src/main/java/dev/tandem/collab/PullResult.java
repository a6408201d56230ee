package dev.tandem.collab;

import java.util.List;

/** What the authority answered to a pull. */
public sealed interface PullResult {

    /** The updates that hold versions {@code fromVersion + 1 ..} up to the current one. */
    record Updates(int fromVersion, List<Update> updates) implements PullResult {}

    /** The pull cannot be answered ({@code VERSION_AHEAD}, {@code VERSION_GONE} or {@code NO_DOCUMENT}). */
    record Refused(Rejection reason, String message) implements PullResult {}
}
