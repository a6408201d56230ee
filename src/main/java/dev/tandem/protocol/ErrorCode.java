package dev.tandem.protocol;

/** The error codes of the wire contract ({@code error.code} on the socket, {@code error} in REST bodies). */
public enum ErrorCode {
    BAD_MESSAGE,
    NOT_JOINED,
    UNKNOWN_SESSION,
    VERSION_AHEAD,
    VERSION_GONE,
    INVALID_CHANGES,
    TOO_LARGE,
    RATE_LIMITED,
    FORBIDDEN,
    RUN_UNAVAILABLE,
    QUEUE_FULL,
    /** Added by Tandem: the session has its maximum of participants (tandem.limits.participants-per-session). */
    SESSION_FULL,
    /** v1.1 "Identity across reconnects": that clientId joined before, and the hello lacks its resumeToken. */
    CLIENT_ID_TAKEN
}
