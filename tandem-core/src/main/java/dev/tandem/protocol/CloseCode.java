package dev.tandem.protocol;

/**
 * The WebSocket close codes a Tandem server uses (docs/protocol.md, "Close codes"): the standard ones it sends,
 * and its own in the 4000–4999 range, numbered after the HTTP status they resemble. A client decides by the code
 * whether to reconnect: it does after {@link #GOING_AWAY} and {@link #TOO_SLOW}, with a fresh token after
 * {@link #UNAUTHORIZED}, after a pause after {@link #LIMIT}; it reloads after {@link #CANNOT_CATCH_UP}; it does not
 * after {@link #KICKED}, {@link #SESSION_CLOSED} or {@link #REPLACED}.
 */
public enum CloseCode {
    /** The node is shutting down (drain): reconnect, to another node. */
    GOING_AWAY(1001),
    /** A message over the transport or message limit (after a {@code TOO_LARGE} error). */
    TOO_BIG(1009),
    /** The client did not read fast enough; its outbound queue overflowed. Reconnect and pull. */
    TOO_SLOW(4008),
    /** No valid token (auth on), or the token expired: sign in again. */
    UNAUTHORIZED(4401),
    /** The session's owner removed this participant. */
    KICKED(4403),
    /** The session does not exist, or its owner closed it. */
    SESSION_CLOSED(4404),
    /** The same clientId resumed on another connection (v1.1 identity). */
    REPLACED(4409),
    /** The node could not deliver the updates this client lacks: reload the session. */
    CANNOT_CATCH_UP(4410),
    /** A per-address, per-session or per-connection limit. */
    LIMIT(4429);

    private final int code;

    CloseCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
