package dev.tandem.run.sandbox;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure unit tests of the stream plumbing (no Docker). */
class MarkerScannerTest {

    static final class Collect implements MarkerScanner.Handler {
        final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        final List<String> markers = new ArrayList<>();
        final List<Integer> markerAt = new ArrayList<>();

        public void payload(byte[] b, int off, int len) {
            payload.write(b, off, len);
        }

        public void marker(String body) {
            markers.add(body);
            markerAt.add(payload.size());
        }
    }

    @Test
    void markersAreFoundWhereverTheChunksSplit() {
        String nonce = "abc123";
        String m = "\u0001TANDEM:" + nonce + ":";
        String stream = "compiler says hi" + m + "S\nhello \u0001 world\n" + m + "E:0:12:345\ntrailing";
        byte[] all = stream.getBytes(StandardCharsets.UTF_8);
        Random rnd = new Random(42);
        for (int trial = 0; trial < 500; trial++) {
            Collect c = new Collect();
            MarkerScanner s = new MarkerScanner(nonce, c);
            int pos = 0;
            while (pos < all.length) {
                int n = Math.min(all.length - pos, 1 + rnd.nextInt(9));
                byte[] chunk = new byte[n];
                System.arraycopy(all, pos, chunk, 0, n);
                s.feed(chunk);
                pos += n;
            }
            s.finish();
            assertThat(c.markers).containsExactly("S", "E:0:12:345");
            assertThat(c.payload.toString(StandardCharsets.UTF_8))
                    .isEqualTo("compiler says hihello \u0001 world\ntrailing");
            assertThat(c.markerAt).containsExactly(16, 16 + 14);
        }
    }

    @Test
    void payloadIsNotHeldBackUnlessItMayStartAMarker() {
        Collect c = new Collect();
        MarkerScanner s = new MarkerScanner("n", c);
        s.feed("plain output".getBytes(StandardCharsets.UTF_8));
        assertThat(c.payload.toString(StandardCharsets.UTF_8)).isEqualTo("plain output");
        s.feed("x\u0001TAN".getBytes(StandardCharsets.UTF_8));
        assertThat(c.payload.toString(StandardCharsets.UTF_8)).isEqualTo("plain outputx");
        s.feed("GO".getBytes(StandardCharsets.UTF_8));
        assertThat(c.payload.toString(StandardCharsets.UTF_8)).isEqualTo("plain outputx\u0001TANGO");
    }

    @Test
    void aForeignNonceIsPlainOutput() {
        Collect c = new Collect();
        MarkerScanner s = new MarkerScanner("secret", c);
        s.feed("\u0001TANDEM:guess:E:0:0:0\n".getBytes(StandardCharsets.UTF_8));
        s.finish();
        assertThat(c.markers).isEmpty();
        assertThat(c.payload.toString(StandardCharsets.UTF_8)).isEqualTo("\u0001TANDEM:guess:E:0:0:0\n");
    }

    @Test
    void utf8DecoderJoinsCharactersSplitAcrossChunks() {
        String text = "aé✓🎉日本語z".repeat(50);
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        for (int size = 1; size <= 7; size++) {
            Utf8StreamDecoder d = new Utf8StreamDecoder();
            StringBuilder out = new StringBuilder();
            for (int pos = 0; pos < all.length; pos += size) {
                String chunk = d.decode(all, pos, Math.min(size, all.length - pos));
                assertThat(chunk).doesNotContain("\uFFFD");
                out.append(chunk);
            }
            out.append(d.finish());
            assertThat(out.toString()).isEqualTo(text);
        }
    }

    @Test
    void utf8DecoderReplacesAnIncompleteEnd() {
        Utf8StreamDecoder d = new Utf8StreamDecoder();
        byte[] b = "✓".getBytes(StandardCharsets.UTF_8);
        assertThat(d.decode(b, 0, 2)).isEmpty();
        assertThat(d.finish()).isEqualTo("\uFFFD");
    }
}
