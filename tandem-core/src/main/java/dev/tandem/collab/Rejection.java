package dev.tandem.collab;

/**
 * Why the change core refused a push or a pull. The core knows nothing of the wire: the protocol layer maps
 * each reason to its error code ({@code dev.tandem.protocol.ErrorCode.of}).
 */
public enum Rejection {
    /** The request names a version the document has not reached. */
    VERSION_AHEAD,
    /** The updates asked for are older than the retained history. */
    VERSION_GONE,
    /** A change set does not fit the document it was made for. */
    INVALID_CHANGES,
    /** The document would grow past its size limit. */
    TOO_LARGE,
    /** There is no such document (e.g. the session was closed). */
    NO_DOCUMENT,
    /**
     * Applied in memory but not confirmed by storage in time (durability {@code disk}): no ack; the client pushes
     * again and its resend is recognised.
     */
    NOT_DURABLE
}
