package dev.tandem.realtime;

import io.netty.channel.EventLoop;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hands one message to many sockets with as few thread hand-offs as possible: sockets on the calling event
 * loop get it at once, and every other event loop gets one task for all of its sockets, not one per socket.
 *
 * <p>Why: on a small machine the wake-up of another thread costs more than writing a small frame, and a
 * session's sockets usually share a few loops. The action runs on each socket's own loop, as
 * {@link ClientConnection} requires.
 */
final class LoopFanOut {
    private LoopFanOut() {
    }

    static void each(Iterable<ClientConnection> connections, Consumer<ClientConnection> onLoop) {
        long started = System.nanoTime();
        Map<EventLoop, List<ClientConnection>> elsewhere = null;
        for (ClientConnection c : connections) {
            EventLoop loop = c.loop();
            if (loop == null || loop.inEventLoop()) {
                onLoop.accept(c);
                continue;
            }
            if (elsewhere == null) elsewhere = new IdentityHashMap<>(4);
            elsewhere.computeIfAbsent(loop, l -> new ArrayList<>(4)).add(c);
        }
        if (elsewhere == null) {
            RealtimeStats.fannedOut(System.nanoTime() - started);
            return;
        }
        // One sample per event loop: how long until that loop's sockets had the message written.
        elsewhere.forEach((loop, group) -> loop.execute(() -> {
            group.forEach(onLoop);
            RealtimeStats.fannedOut(System.nanoTime() - started);
        }));
    }
}
