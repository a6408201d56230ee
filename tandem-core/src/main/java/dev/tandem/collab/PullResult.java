package dev.tandem.collab;

import dev.tandem.protocol.ErrorCode;

import java.util.List;

/** What the authority answered to a pull. */
public sealed interface PullResult {

    /** The updates that hold versions {@code fromVersion + 1 ..} up to the current one. */
    record Updates(int fromVersion, List<Update> updates) implements PullResult {}

    /** The pull cannot be answered ({@code VERSION_AHEAD} or {@code VERSION_GONE}). */
    record Refused(ErrorCode code, String message) implements PullResult {}
}
