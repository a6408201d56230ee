package dev.tandem.realtime;

import dev.tandem.protocol.CloseCode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.JsonText;
import dev.tandem.protocol.ServerMessage;
import io.smallrye.mutiny.Uni;

/** How the session socket and its handlers answer a client: server messages as JSON, and errors. */
final class SocketReplies {
    static final int CLOSE_UNKNOWN_SESSION = CloseCode.SESSION_CLOSED.code();

    private final ObjectMapper mapper;

    SocketReplies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Sends an error to this client and ends the handling of its message. */
    Uni<Void> error(ClientConnection connection, ErrorCode code, String message, Object ref) {
        sendError(connection, code, message, ref);
        return done();
    }

    void sendError(ClientConnection connection, ErrorCode code, String message, Object ref) {
        connection.send(json(new ServerMessage.Error(code, message, ref)));
    }

    /** An error about one file of the session (v1.1 "Several files"): it names the file. */
    void sendError(ClientConnection connection, ErrorCode code, String message, Object ref, String file) {
        connection.send(json(new ServerMessage.Error(code, message, ref, file)));
    }

    /** The contract's answer to a socket whose session does not exist: error, then close 4404. */
    Uni<Void> refuseUnknown(ClientConnection connection, String id) {
        connection.send(json(new ServerMessage.Error(ErrorCode.UNKNOWN_SESSION, "no session '" + id + "'", null)));
        connection.close(CLOSE_UNKNOWN_SESSION, "unknown session");
        return done();
    }

    String json(Object message) {
        return JsonText.write(mapper, message);
    }

    static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
