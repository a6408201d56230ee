package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** A client that stops reading is cut off with a reason; the others carry on undisturbed. */
@QuarkusTest
class SlowClientTest {

    /**
     * Joins over a bare TCP socket with a small receive buffer and then never reads: what the server sends
     * piles up in its outbound queue, as with a client on a stalled network.
     */
    private static Socket stalled(String sessionId) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /ws/sessions/" + sessionId + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        java.io.InputStream in = socket.getInputStream();
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IllegalStateException("no upgrade response: " + response);
            response.append((char) b);
        }
        if (!response.toString().startsWith("HTTP/1.1 101")) throw new IllegalStateException(response.toString());
        out.write(maskedTextFrame("{\"type\":\"hello\",\"clientId\":\"sloth\",\"name\":\"Sloth\"}"));
        out.flush();
        return socket;
    }

    /** A client-to-server text frame (clients must mask; a zero mask keeps the payload as it is). */
    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length); // payloads under 126 bytes only
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersCarryOn() throws Exception {
        String sessionId = Sessions.create("");
        try (RawSocket ada = RawSocket.join(RestAssured.port, sessionId, "ada")) {
            Socket sloth = stalled(sessionId);
            ada.await("joined");
            // Each update replaces the whole document with 400,000 characters: 40 of them are 16 MB that the
            // stalled client would have to buffer, twice the outbound limit plus what the kernel holds.
            int length = 0;
            int version = 0;
            for (int i = 0; i < 40; i++) {
                String text = Character.toString('a' + i % 26).repeat(400_000);
                String changes = length == 0 ? "[[0,\"" + text + "\"]]" : "[[" + length + ",\"" + text + "\"]]";
                ada.send("{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"ada\",\"seq\":"
                        + (i + 1) + ",\"changes\":" + changes + "}]}");
                // The others keep being served while the sloth lags (400 KB messages on a busy machine: a generous wait).
                JsonNode ack = ada.await("ack", java.time.Duration.ofSeconds(30));
                version = ack.path("version").asInt();
                length = text.length();
            }
            assertThat(version).isEqualTo(40);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> ada.received().stream()
                    .anyMatch(m -> m.path("type").asText().equals("left") && m.path("clientId").asText().equals("sloth")));
            sloth.close();
        }
    }
}
