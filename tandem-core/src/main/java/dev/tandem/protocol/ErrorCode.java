package dev.tandem.protocol;

import dev.tandem.collab.Rejection;

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
    /** Added by Tandem: storage did not confirm a push in time (durability disk), or this node is on the minority side of a split cluster; push again, resends are safe. */
    STORAGE_UNAVAILABLE,
    /** v1.1 "Identity across reconnects": that clientId joined before, and the hello lacks its resumeToken. */
    CLIENT_ID_TAKEN,
    /** Added by Tandem: a {@code language} message names a language this server does not run (REST's 400 code). */
    UNKNOWN_LANGUAGE,
    /** v1.1 "Interactive runs": no run with that id (in this session). */
    NO_SUCH_RUN,
    /** v1.1 "Interactive runs": input or cancel for a run that ended. */
    RUN_FINISHED,
    /** v1.1 "Interactive runs": input after run.eof. */
    STDIN_CLOSED,
    /** v1.1 "Interactive runs": input to a run started without interactive. */
    NOT_INTERACTIVE,
    /** v1.1 "Runs without a session": the callbackUrl is not http(s), has user info, names a host not allowed, or callbacks are off. */
    CALLBACK_NOT_ALLOWED,
    /** v1.1 "Several files" / "Timeline": the path names no file of the session (REST 404). */
    NO_SUCH_FILE,
    /** v1.1 "Several files": a file with that path exists already (REST 409). */
    FILE_EXISTS,
    /** v1.1 "Several files": the path breaks the path rules (see FilePaths). */
    BAD_PATH,
    /** v1.1 "Several files": the main file cannot be renamed or deleted. */
    MAIN_FILE;

    /** The wire's code for a refusal of the change core. */
    public static ErrorCode of(Rejection reason) {
        return switch (reason) {
            case VERSION_AHEAD -> VERSION_AHEAD;
            case VERSION_GONE -> VERSION_GONE;
            case INVALID_CHANGES -> INVALID_CHANGES;
            case TOO_LARGE -> TOO_LARGE;
            case NO_DOCUMENT -> UNKNOWN_SESSION;
            case NOT_DURABLE -> STORAGE_UNAVAILABLE;
        };
    }
}
