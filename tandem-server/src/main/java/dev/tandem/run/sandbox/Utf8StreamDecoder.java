package dev.tandem.run.sandbox;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream that arrives in arbitrary chunks (Docker frames are not aligned to characters):
 * an incomplete multi-byte sequence at the end of a chunk is kept until the next one. Malformed input
 * becomes U+FFFD. Not thread-safe.
 */
final class Utf8StreamDecoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private byte[] carry = new byte[0];

    String decode(byte[] bytes, int off, int len) {
        return run(bytes, off, len, false);
    }

    /** Decodes what is left (an incomplete trailing sequence becomes U+FFFD). */
    String finish() {
        return run(new byte[0], 0, 0, true);
    }

    private String run(byte[] bytes, int off, int len, boolean end) {
        ByteBuffer in;
        if (carry.length == 0) {
            in = ByteBuffer.wrap(bytes, off, len);
        } else {
            in = ByteBuffer.allocate(carry.length + len);
            in.put(carry).put(bytes, off, len).flip();
        }
        CharBuffer out = CharBuffer.allocate(in.remaining() + 4);
        decoder.decode(in, out, end);
        if (end) {
            decoder.flush(out);
            decoder.reset();
        }
        carry = new byte[in.remaining()];
        in.get(carry);
        out.flip();
        return out.toString();
    }
}
