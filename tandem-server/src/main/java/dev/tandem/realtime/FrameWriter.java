package dev.tandem.realtime;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.http.WebSocketBase;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Writes text frames to the Vert.x socket under a Quarkus {@link WebSocketConnection}, on its event loop.
 *
 * <p>Why not {@code connection.sendText(..)}: that call wraps every frame in a Mutiny {@code Uni} and captures
 * the context for propagation, and for the edit fan-out (six frames per keystroke in a session of five) that
 * wrapping was a large share of the event loop's time in a JFR profile. Quarkus keeps the Vert.x socket behind
 * a package-private accessor, so it is reached once per connection through a method handle; if a Quarkus
 * upgrade removes it, frames go through {@code sendText} again (FrameWriterTest fails so that it is noticed).
 */
final class FrameWriter {
    private static final MethodHandle WEB_SOCKET = findAccessor();

    private FrameWriter() {
    }

    /** True when frames go straight to Vert.x (the accessor was found). */
    static boolean isDirect() {
        return WEB_SOCKET != null;
    }

    /** A writer for one connection; {@code done} is called once per frame, written or failed. */
    static Writer of(WebSocketConnection connection) {
        WebSocketBase socket = vertxSocket(connection);
        if (socket != null) return (text, done) -> socket.writeTextMessage(text, done);
        return (text, done) -> connection.sendText(text).subscribe().with(
                ok -> done.handle(null), failure -> done.handle(null));
    }

    interface Writer {
        void write(String text, Handler<AsyncResult<Void>> done);
    }

    private static WebSocketBase vertxSocket(WebSocketConnection connection) {
        if (WEB_SOCKET == null) return null;
        try {
            return (WebSocketBase) WEB_SOCKET.invoke(connection);
        } catch (Throwable e) {
            Log.debugf("no direct socket for %s: %s", connection.id(), e);
            return null;
        }
    }

    private static MethodHandle findAccessor() {
        try {
            Class<?> base = Class.forName("io.quarkus.websockets.next.runtime.WebSocketConnectionBase");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(base, MethodHandles.lookup());
            return lookup.findVirtual(base, "webSocket", MethodType.methodType(WebSocketBase.class))
                    .asType(MethodType.methodType(WebSocketBase.class, WebSocketConnection.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("frames go through WebSocketConnection.sendText: %s", e.toString());
            return null;
        }
    }
}
