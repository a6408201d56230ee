package dev.tandem.realtime;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.run.queue.RunCommands;
import io.smallrye.mutiny.Uni;

/**
 * v1.1 "Interactive runs" on the socket: {@code run.input}, {@code run.eof} and {@code run.cancel} for the
 * runs of the connection's session, off the event loop (cluster calls). Everyone learns the effect through
 * the run's events (run.input, run.finished); a refusal goes to the sender as an error with the message type
 * as {@code ref}. Viewers never get here ({@code ViewerRule}).
 */
record InteractiveHandler(RunCommands commands, SocketReplies replies) {
    Uni<Void> handle(ClientConnection connection, ClientMessage message) {
        String by = connection.by();
        String sessionId = connection.sessionId();
        if (message instanceof ClientMessage.RunInput input) {
            return off(connection, "run.input", () -> commands.input(sessionId, input.runId(), input.data(), by,
                    connection.clientId()));
        }
        if (message instanceof ClientMessage.RunEof eof) {
            return off(connection, "run.eof", () -> commands.eof(sessionId, eof.runId(), by, connection.clientId()));
        }
        ClientMessage.RunCancel cancel = (ClientMessage.RunCancel) message;
        return off(connection, "run.cancel", () -> commands.cancel(sessionId, cancel.runId(), by));
    }

    static boolean handles(ClientMessage message) {
        return message instanceof ClientMessage.RunInput || message instanceof ClientMessage.RunEof
                || message instanceof ClientMessage.RunCancel;
    }

    private Uni<Void> off(ClientConnection connection, String about, Runnable command) {
        return OffTheLoop.call(replies, connection, about, () -> {
            command.run();
            return null;
        });
    }
}
