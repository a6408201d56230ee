package dev.tandem.realtime;

import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for one client's WebSocket in handler tests that run without a Quarkus boot: it records the
 * frames written to it. The transport itself is tested end to end by ProtocolTest and FrameWriterTest.
 */
final class RecordedSocket {
    static final RealtimeConfig CONFIG = new TestRealtimeConfig(2000, 8 << 20);

    final List<String> texts = new CopyOnWriteArrayList<>();
    private final String id = UUID.randomUUID().toString();

    boolean contains(String part) {
        return texts.stream().anyMatch(t -> t.contains(part));
    }

    /** A connection on this socket, outside Vert.x (no event loop: work runs on the caller's thread). */
    ClientConnection connection(String sessionId) {
        return new ClientConnection(socket(), null, sessionId, "test-node", CONFIG);
    }

    private WebSocketConnection socket() {
        return (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{WebSocketConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "sendText" -> {
                        texts.add((String) args[0]);
                        yield Uni.createFrom().voidItem();
                    }
                    case "close" -> Uni.createFrom().voidItem();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "socket " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
