package dev.tandem.run.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * Splits one container output stream into payload bytes and control markers written by the
 * bootstrap script: a marker is {@code \u0001TANDEM:<nonce>:<body>\n}. The nonce is random per run and
 * reaches the script over stdin only, so program output cannot forge a marker by accident. Bytes that
 * could be the start of a marker are held back until they can be told apart (only when a chunk ends with
 * a \u0001 or a prefix of the marker, which ordinary output practically never does), so payload is
 * passed on as soon as it arrives.
 */
final class MarkerScanner {

    interface Handler {
        void payload(byte[] bytes, int off, int len);

        void marker(String body);
    }

    /** A marker body longer than this is not a marker (bounds the held-back bytes). */
    private static final int MAX_BODY = 128;

    private final byte[] prefix;
    private final Handler handler;
    private byte[] pending = new byte[0];

    MarkerScanner(String nonce, Handler handler) {
        this.prefix = prefix(nonce);
        this.handler = handler;
    }

    static byte[] prefix(String nonce) {
        return ("\u0001TANDEM:" + nonce + ":").getBytes(StandardCharsets.US_ASCII);
    }

    void feed(byte[] data) {
        byte[] buf;
        if (pending.length == 0) {
            buf = data;
        } else {
            buf = new byte[pending.length + data.length];
            System.arraycopy(pending, 0, buf, 0, pending.length);
            System.arraycopy(data, 0, buf, pending.length, data.length);
        }
        int pos = 0;
        while (true) {
            int idx = indexOf(buf, prefix, pos);
            if (idx >= 0) {
                int bodyStart = idx + prefix.length;
                int nl = indexOf(buf, (byte) '\n', bodyStart, Math.min(buf.length, bodyStart + MAX_BODY + 1));
                if (nl < 0 && buf.length - bodyStart <= MAX_BODY) {
                    emit(buf, pos, idx);
                    keep(buf, idx);
                    return;
                }
                if (nl < 0) { // too long to be ours: plain output
                    emit(buf, pos, bodyStart);
                    pos = bodyStart;
                    continue;
                }
                emit(buf, pos, idx);
                handler.marker(new String(buf, bodyStart, nl - bodyStart, StandardCharsets.US_ASCII));
                pos = nl + 1;
                continue;
            }
            int hold = partialSuffix(buf, pos);
            emit(buf, pos, buf.length - hold);
            keep(buf, buf.length - hold);
            return;
        }
    }

    /** End of stream: whatever was held back is plain output. */
    void finish() {
        if (pending.length > 0) {
            byte[] p = pending;
            pending = new byte[0];
            handler.payload(p, 0, p.length);
        }
    }

    private void emit(byte[] buf, int from, int to) {
        if (to > from) handler.payload(buf, from, to - from);
    }

    private void keep(byte[] buf, int from) {
        pending = from >= buf.length ? new byte[0] : java.util.Arrays.copyOfRange(buf, from, buf.length);
    }

    /** Length of the longest suffix of buf[from..] that is a proper prefix of the marker prefix. */
    private int partialSuffix(byte[] buf, int from) {
        int max = Math.min(prefix.length - 1, buf.length - from);
        for (int k = max; k > 0; k--) {
            boolean match = true;
            for (int i = 0; i < k; i++) {
                if (buf[buf.length - k + i] != prefix[i]) {
                    match = false;
                    break;
                }
            }
            if (match) return k;
        }
        return 0;
    }

    private static int indexOf(byte[] buf, byte[] pat, int from) {
        outer:
        for (int i = from; i <= buf.length - pat.length; i++) {
            if (buf[i] != pat[0]) continue;
            for (int j = 1; j < pat.length; j++) if (buf[i + j] != pat[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static int indexOf(byte[] buf, byte b, int from, int to) {
        for (int i = from; i < to; i++) if (buf[i] == b) return i;
        return -1;
    }

}
