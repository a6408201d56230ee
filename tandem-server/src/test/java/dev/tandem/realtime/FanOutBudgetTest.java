package dev.tandem.realtime;

import org.junit.jupiter.api.Test;

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
    private static final RealtimeConfig CONFIG = new TestRealtimeConfig(1000, BUDGET);

    private static ClientConnection joined(RecordingOutbound out, LocalSession session) {
        ClientConnection c = new ClientConnection(out, null, "session", "test-node", CONFIG);
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
        RecordingOutbound stalled = RecordingOutbound.stalled();
        RecordingOutbound reading = RecordingOutbound.reading();
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
        RecordingOutbound stalled = RecordingOutbound.stalled();
        ClientConnection client = joined(stalled, session);
        client.identify("client-a", "A", "#000000");
        String presence = "{\"type\":\"presence\",\"name\":\"" + "€".repeat(800) + "\"}";
        session.accept(SessionEvent.broadcast(presence, "someone-else"));
        assertThat(stalled.closedWith).isNull();
        session.accept(SessionEvent.broadcast(presence, "someone-else"));
        assertThat(stalled.closedWith).isEqualTo(ClientConnection.CLOSE_TOO_SLOW);
    }
}
