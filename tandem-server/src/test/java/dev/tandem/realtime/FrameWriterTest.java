package dev.tandem.realtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Frames of the edit fan-out go straight to the Vert.x socket through a package-private accessor of Quarkus
 * (see {@link FrameWriter}). Everything still works without it, only slower, so this test is what notices when
 * a Quarkus upgrade takes the accessor away.
 */
class FrameWriterTest {
    @Test
    void framesGoStraightToVertx() {
        assertTrue(FrameWriter.isDirect(), "WebSocketConnectionBase.webSocket() was not found: frames fall back to sendText");
    }
}
