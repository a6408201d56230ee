package dev.tandem.realtime;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;

/**
 * Where a {@link ClientConnection}'s server messages go: the transport under one participant. A socket writes
 * frames; an HTTP-transport connection appends to its numbered message log ({@link HttpMessageLog}). Both are
 * called on the connection's event loop only, in the order the client must receive the messages.
 */
interface Outbound {
    /** Names the connection on this node (not a secret: it appears in the roster's connection key). */
    String id();

    /** Writes one server message; {@code done} is called once when it is written or failed. */
    void write(String json, Handler<AsyncResult<Void>> done);

    /** Ends the connection after everything written before. */
    void close(int code, String reason);

    static Outbound of(WebSocketConnection socket) {
        FrameWriter.Writer frames = FrameWriter.of(socket);
        return new Outbound() {
            @Override
            public String id() {
                return socket.id();
            }

            @Override
            public void write(String json, Handler<AsyncResult<Void>> done) {
                frames.write(json, done);
            }

            @Override
            public void close(int code, String reason) {
                socket.close(new CloseReason(code, reason)).subscribe().with(ok -> {}, failure -> {});
            }
        };
    }
}
