package dev.tandem.access;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A client that speaks from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so that one test can play
 * several people behind one proxy. Java's HttpClient cannot bind a local address, hence this plain HTTP/1.1
 * over a socket: one request per connection, and a WebSocket upgrade that sends masked text frames and
 * collects what the server sends.
 */
final class BoundClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private BoundClient(String from, int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) WAIT.toMillis());
        socket.setSoTimeout(200);
    }

    /** One HTTP request from {@code from}; answers the status code. {@code extraHeaders} end with CRLF each. */
    static int request(String from, int port, String method, String path, String body, String extraHeaders) throws IOException {
        try (BoundClient c = new BoundClient(from, port)) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            c.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            c.write(bytes);
            String head = c.awaitText("\r\n");
            return Integer.parseInt(head.split(" ")[1]);
        }
    }

    /** Opens a session socket from {@code from}; returns once the upgrade is answered 101. */
    static BoundClient socket(String from, int port, String path, String extraHeaders) throws IOException {
        BoundClient c = new BoundClient(from, port);
        String key = Base64.getEncoder().encodeToString("tandem-test-key!".getBytes(StandardCharsets.US_ASCII));
        c.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        String head = c.awaitText("\r\n\r\n");
        if (!head.startsWith("HTTP/1.1 101")) {
            c.close();
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
        return c;
    }

    /** Sends the text as one masked frame, however long (clients must mask, RFC 6455). */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        int header = payload.length <= 125 ? 2 : payload.length <= 0xffff ? 4 : 10;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (header == 2) {
            frame[1] = (byte) (0x80 | payload.length);
        } else if (header == 4) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >>> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) frame[2 + i] = (byte) ((long) payload.length >>> (56 - 8 * i));
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        write(frame);
    }

    /** The close code of the close frame received so far, or -1 when the stream ended without one. */
    int awaitClose() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        // Until the close frame has come (the server then waits for ours, which this client never sends, so the
        // stream would only end at the server's close timeout), the stream ends, or the wait is over.
        while (System.nanoTime() < deadline && closeCode(received.toByteArray()) < 0) {
            try {
                int n = in.read(buffer);
                if (n < 0) break;
                received.write(buffer, 0, n);
            } catch (java.net.SocketTimeoutException e) {
                // nothing yet
            } catch (java.net.SocketException e) {
                break; // reset: no close frame
            }
        }
        return closeCode(received.toByteArray());
    }

    private static int closeCode(byte[] all) {
        for (int i = 0; i + 3 < all.length; i++) {
            // a server close frame: FIN + opcode 8, unmasked, payload 2..125 starting with the code
            if ((all[i] & 0xff) == 0x88 && (all[i + 1] & 0xff) >= 2 && (all[i + 1] & 0xff) <= 125) {
                return ((all[i + 2] & 0xff) << 8) | (all[i + 3] & 0xff);
            }
        }
        return -1;
    }

    /**
     * Everything received so far (frame headers included, as Latin-1), once it contains {@code marker};
     * fails after the wait.
     */
    String awaitText(String marker) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < deadline) {
            String text = received.toString(StandardCharsets.ISO_8859_1);
            if (text.contains(marker)) return text;
            try {
                int n = in.read(buffer);
                if (n < 0) break;
                received.write(buffer, 0, n);
            } catch (java.net.SocketTimeoutException e) {
                // nothing yet: look again until the deadline
            }
        }
        String text = received.toString(StandardCharsets.ISO_8859_1);
        if (text.contains(marker)) return text;
        throw new AssertionError("no '" + marker + "' within " + WAIT + "; got: " + text);
    }

    private void write(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
