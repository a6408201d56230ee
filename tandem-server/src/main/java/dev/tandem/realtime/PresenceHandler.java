package dev.tandem.realtime;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Participant;
import dev.tandem.protocol.ServerMessage;
import io.smallrye.mutiny.Uni;

/** {@code presence}: a client's cursor and selection, relayed to the others in its session (not to itself). */
record PresenceHandler(SessionHub hub, SocketReplies replies) {
    Uni<Void> presence(ClientConnection connection, ClientMessage.Presence presence) {
        LocalSession local = connection.local();
        if (local == null) return SocketReplies.done();
        // v1.1 "Several files": the presence names the file the cursor is in (the main file's path when the
        // client named none); a cursor in a file that is gone is dropped.
        return Uni.createFrom().completionStage(local.index()).invoke(files -> {
            String path = files.pathOf(files.keyOf(presence.file()));
            if (path == null) return;
            Participant who = connection.participant();
            String json = replies.json(new ServerMessage.Presence(who.clientId(), who.name(), who.color(),
                    presence.selection(), presence.version(), path));
            hub.broadcast(connection.sessionId(), json, connection.clientId());
        }).replaceWithVoid();
    }
}
