package dev.tandem.collab;

import java.util.List;

/** What the authority answered to a pull. */
public sealed interface PullResult {

    /**
     * The updates that hold versions {@code fromVersion + 1 ..} up to the current one, or, when {@code more}, one
     * page of them (ask again from where it ends).
     */
    record Updates(int fromVersion, List<Update> updates, boolean more) implements PullResult {
        /** All of them. */
        public Updates(int fromVersion, List<Update> updates) {
            this(fromVersion, updates, false);
        }
    }

    /** The pull cannot be answered ({@code VERSION_AHEAD}, {@code VERSION_GONE} or {@code NO_DOCUMENT}). */
    record Refused(Rejection reason, String message) implements PullResult {}
}
