package dev.tandem.realtime;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import io.smallrye.mutiny.Uni;

/** {@code presence}: a client's cursor and selection, relayed to the others in its session (not to itself). */
final class PresenceHandler {
    private final SessionHub hub;
    private final SocketReplies replies;

    PresenceHandler(SessionHub hub, SocketReplies replies) {
        this.hub = hub;
        this.replies = replies;
    }

    Uni<Void> presence(ClientConnection connection, ClientMessage.Presence presence) {
        String json = replies.json(new ServerMessage.Presence(connection.clientId(), connection.name(), connection.color(),
                presence.selection(), presence.version()));
        hub.broadcast(connection.sessionId(), json, connection.clientId());
        return SocketReplies.done();
    }
}
