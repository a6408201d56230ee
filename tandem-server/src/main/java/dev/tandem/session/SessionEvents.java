package dev.tandem.session;

/**
 * What the layers below the sockets may tell a session's participants: an event (its wire JSON) for everyone in
 * the session, on every node. Runs and submissions publish through this, so that they need not know the socket
 * layer that implements it ({@code realtime.SessionHub}).
 */
public interface SessionEvents {
    /** Sends {@code json} to every participant of the session on every node. */
    void broadcast(String sessionId, String json);
}
