package dev.tandem.realtime;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out counts a batch's UTF-8 bytes once for all the sockets it goes to (LocalSession) instead of once per
 * socket: the outbound budget must still see every byte. A stalled client of a session whose updates are
 * three-byte characters is disconnected when the batches queued for it pass the budget in bytes, while a client
 * that reads keeps getting them; presence-style broadcasts are counted the same way.
 */
class FanOutBudgetTest {
    private static final long BUDGET = 3_000;

    /** A transport that never completes a write (stalled) or completes each at once (reading). */
    private static final class Transport implements Outbound {
        final boolean reads;
        final List<String> written = new ArrayList<>();
        Integer closedWith;

        Transport(boolean reads) { this.reads = reads; }

        public String id() { return reads ? "reading" : "stalled"; }

        public void write(String json, Handler<AsyncResult<Void>> done) {
            written.add(json);
            if (reads) done.handle(io.vertx.core.Future.succeededFuture());
        }

        public void close(int code, String reason) { closedWith = code; }
    }

    private static ClientConnection joined(Transport out, LocalSession session) {
        RealtimeConfig config = new RealtimeConfig() {
            public int maxMessageBytes() { return 1 << 20; }
            public int messagesPerSecond() { return 100; }
            public int messageBurst() { return 300; }
            public int outboundMaxMessages() { return 1000; }
            public long outboundMaxBytes() { return BUDGET; }
            public int gapRepairMillis() { return 250; }
        };
        ClientConnection c = new ClientConnection(out, null, "session", "test-node", config);
        c.welcome("{}", 0);
        session.connections.add(c);
        return c;
    }

    private static LocalSession session() {
        LocalSession session = new LocalSession("session", (document, version) -> {}, id -> new CompletableFuture<>());
        session.startAt(0);
        return session;
    }

    @Test
    void aStalledClientIsDisconnectedAtTheBudgetInBytesWhileAReadingOneKeepsUp() {
        LocalSession session = session();
        Transport stalled = new Transport(false);
        Transport reading = new Transport(true);
        joined(stalled, session);
        joined(reading, session);
        String batch = "{\"type\":\"updates\",\"text\":\"" + "€".repeat(800) + "\"}"; // 828 chars, 2,428 bytes
        session.accept(SessionEvent.updates(0, 1, batch));
        assertThat(stalled.closedWith).as("2,428 of 3,000 bytes queued").isNull();
        session.accept(SessionEvent.updates(1, 2, batch)); // 4,856 bytes queued, although only 1,656 chars
        assertThat(stalled.closedWith).isEqualTo(ClientConnection.CLOSE_TOO_SLOW);
        assertThat(stalled.written).containsExactly("{}", batch);
        session.accept(SessionEvent.updates(2, 3, batch));
        assertThat(reading.closedWith).isNull();
        assertThat(reading.written).containsExactly("{}", batch, batch, batch);
    }

    @Test
    void broadcastsCountTheirBytesToo() {
        LocalSession session = session();
        Transport stalled = new Transport(false);
        ClientConnection client = joined(stalled, session);
        client.identify("client-a", "A", "#000000");
        String presence = "{\"type\":\"presence\",\"name\":\"" + "€".repeat(800) + "\"}";
        session.accept(SessionEvent.broadcast(presence, "someone-else"));
        assertThat(stalled.closedWith).isNull();
        session.accept(SessionEvent.broadcast(presence, "someone-else"));
        assertThat(stalled.closedWith).isEqualTo(ClientConnection.CLOSE_TOO_SLOW);
    }
}
