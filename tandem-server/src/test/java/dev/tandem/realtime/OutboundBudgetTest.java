package dev.tandem.realtime;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound budget of a client that does not read counts the bytes the messages take on the wire. The
 * attack it stands for (issue 13 item 7): a document of three-byte characters, counted in UTF-16 chars, let
 * the server queue three times {@code outbound-max-bytes} for one stalled client.
 */
class OutboundBudgetTest {
    private static final long BUDGET = 3_000;

    /** A transport whose writes never complete: the client's network is stalled. */
    private static final class Stalled implements Outbound {
        final List<String> written = new ArrayList<>();
        Integer closedWith;

        public String id() { return "stalled"; }

        public void write(String json, Handler<AsyncResult<Void>> done) { written.add(json); }

        public void close(int code, String reason) { closedWith = code; }
    }

    private static ClientConnection connection(Stalled out) {
        RealtimeConfig config = new RealtimeConfig() {
            public int maxMessageBytes() { return 1 << 20; }
            public int messagesPerSecond() { return 100; }
            public int messageBurst() { return 300; }
            public int outboundMaxMessages() { return 1000; }
            public long outboundMaxBytes() { return BUDGET; }
            public int gapRepairMillis() { return 250; }
        };
        return new ClientConnection(out, null, "session", "test-node", config);
    }

    @Test
    void threeByteCharactersCountThreeTimes() {
        Stalled out = new Stalled();
        ClientConnection client = connection(out);
        String message = "{\"text\":\"" + "€".repeat(800) + "\"}"; // 811 chars, 2,411 bytes
        client.write(message);
        assertThat(out.closedWith).as("2,411 of 3,000 bytes").isNull();
        client.write(message); // 4,822 bytes queued: over the budget, although only 1,622 chars
        assertThat(out.closedWith).isEqualTo(ClientConnection.CLOSE_TOO_SLOW);
        assertThat(out.written).hasSize(1);
    }

    @Test
    void theLengthIsTheUtf8Length() {
        for (String text : List.of("", "ascii", "é", "€", "😀", "a😀é€b")) {
            assertThat(ClientConnection.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
        // A lone surrogate counts three bytes: never less than what a replacement character takes.
        assertThat(ClientConnection.utf8Length("\uD800")).isEqualTo(3);
    }
}
