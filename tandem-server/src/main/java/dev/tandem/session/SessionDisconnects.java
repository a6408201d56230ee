package dev.tandem.session;

/**
 * How the owner's REST endpoints send participants away (kicked, session closed) without knowing the socket layer
 * that implements it ({@code realtime.SessionHub}): so {@code api} does not depend on {@code realtime}, which
 * depends on it.
 */
public interface SessionDisconnects {
    /**
     * Closes the sockets of one participant (or, with a null clientId, of everyone) on every node with close code
     * {@code code}, after sending them {@code errorJson}.
     */
    void disconnect(String sessionId, String clientId, int code, String errorJson);
}
