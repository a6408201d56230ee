package dev.tandem.realtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound budget of a client that does not read counts the bytes the messages take on the wire. The
 * attack it stands for (issue 13 item 7): a document of three-byte characters, counted in UTF-16 chars, let
 * the server queue three times {@code outbound-max-bytes} for one stalled client.
 */
class OutboundBudgetTest {
    private static final long BUDGET = 3_000;
    private static final RealtimeConfig CONFIG = new TestRealtimeConfig(1000, BUDGET);

    @Test
    void threeByteCharactersCountThreeTimes() {
        RecordingOutbound out = RecordingOutbound.stalled();
        ClientConnection client = new ClientConnection(out, null, "session", "test-node", CONFIG);
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
