package dev.tandem.run.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a test batch's stdout as it arrives ({@link TestsBootstrap}'s format): compiler output, then markers and
 * the bytes each report announces. Strict: numbers are digits only, indexes come in order, lengths stay within the
 * caps, markers are known; anything else is a violation (the caller kills the container). Bytes that are neither a
 * marker nor announced (junk) are dropped and counted, and a violation past {@value #JUNK_CAP} bytes, so nothing
 * the container writes grows a buffer here beyond one report. Not thread-safe: one stream thread feeds it.
 */
final class TestReportReader {

    /** What the reader found. Called on the feeding thread. */
    interface Sink {
        void compileFailed(int rc);

        void started();

        void test(TestBatch.TestRun run);

        void finished();

        /** The report broke the rules; {@code why} is for the log only. Nothing more is read. */
        void violation(String why);
    }

    static final int JUNK_CAP = 64 * 1024;
    private static final int MAX_BODY = 128;

    private final byte[] prefix;
    private final int outputCap;
    private final int count;
    private final Sink sink;
    private final ByteArrayOutputStream compile = new ByteArrayOutputStream();
    private byte[] buf = new byte[8192];
    private int len;
    private long junk;
    private boolean started;
    private boolean finished;
    private boolean broken;
    private int next;

    TestReportReader(String nonce, int outputCap, int count, Sink sink) {
        this.prefix = MarkerScanner.prefix(nonce);
        this.outputCap = outputCap;
        this.count = count;
        this.sink = sink;
    }

    String compileOutput() {
        return compile.toString(StandardCharsets.UTF_8);
    }

    void feed(byte[] p) {
        if (broken) return;
        if (finished) {
            junk(p.length);
            return;
        }
        ensure(len + p.length);
        System.arraycopy(p, 0, buf, len, p.length);
        len += p.length;
        parse();
    }

    private void parse() {
        while (len > 0 && !broken && !finished) {
            int m = indexOf(prefix, 0);
            if (m < 0) {
                int keep = partialSuffix();
                other(len - keep);
                return;
            }
            if (m > 0) {
                other(m);
                continue;
            }
            int nl = -1;
            for (int i = prefix.length; i < Math.min(len, prefix.length + MAX_BODY + 1); i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            if (nl < 0) {
                if (len - prefix.length > MAX_BODY) violation("marker longer than " + MAX_BODY + " bytes");
                return; // wait for the rest of the line
            }
            String body = new String(buf, prefix.length, nl - prefix.length, StandardCharsets.US_ASCII);
            int consumed = marker(body, nl + 1);
            if (consumed < 0) return; // waiting for the announced bytes
            shift(consumed);
        }
    }

    /** Handles the marker whose line ends before {@code after}; answers how many bytes it took, or -1 to wait. */
    private int marker(String body, int after) {
        if (!started && body.startsWith("C:") && ReportFields.isNumber(body.substring(2))) {
            finished = true;
            sink.compileFailed(Integer.parseInt(body.substring(2)));
            return after;
        }
        if (!started && body.equals("S")) {
            started = true;
            sink.started();
            return after;
        }
        if (started && body.equals("D")) {
            if (next != count) return violation("the batch ended after " + next + " of " + count + " tests");
            finished = true;
            sink.finished();
            return after;
        }
        if (started && body.startsWith("R:")) {
            String[] f = body.split(":", -1);
            if (f.length != 8) return violation("a test report with " + f.length + " fields");
            for (int i = 1; i < f.length; i++) {
                if (!(ReportFields.isNumber(f[i]) || (i == 4 && f[i].isEmpty()))) return violation("a field that is not a number");
            }
            int index = Integer.parseInt(f[1]);
            int ol = Integer.parseInt(f[6]);
            int el = Integer.parseInt(f[7]);
            if (index != next) return violation("test " + index + " reported when " + next + " was expected");
            if (ol > outputCap + 1 || el > TestsBootstrap.STDERR_BYTES) return violation("a report longer than its cap");
            if (len - after < ol + el) {
                ensure(after + ol + el);
                return -1;
            }
            String out = new String(buf, after, Math.min(ol, outputCap), StandardCharsets.UTF_8);
            String err = new String(buf, after + ol, el, StandardCharsets.UTF_8);
            next++;
            sink.test(new TestBatch.TestRun(index, Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    f[4].isEmpty() ? null : Long.valueOf(f[4]), Integer.parseInt(f[5]), out, ol > outputCap, err));
            return after + ol + el;
        }
        return violation("an unknown marker");
    }

    /** {@code n} bytes at the start that are not a marker: compiler output before the start, junk after it. */
    private void other(int n) {
        if (!started) {
            int room = Bootstrap.COMPILE_OUTPUT_BYTES - compile.size();
            compile.write(buf, 0, Math.min(n, Math.max(0, room)));
            if (n > room) junk(n - Math.max(0, room));
        } else {
            junk(n);
        }
        shift(n);
    }

    private void junk(long n) {
        junk += n;
        if (junk > JUNK_CAP && !broken) violation("more than " + JUNK_CAP + " bytes outside the report");
    }

    private int violation(String why) {
        broken = true;
        len = 0;
        sink.violation(why);
        return 0;
    }

    private void shift(int n) {
        if (broken) return;
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }

    private void ensure(int size) {
        if (size > buf.length) buf = Arrays.copyOf(buf, Math.max(size, Math.min(buf.length * 2, maxBuffer())));
    }

    /** One marker line and the largest report it may announce. */
    private int maxBuffer() {
        return prefix.length + MAX_BODY + 1 + outputCap + 1 + TestsBootstrap.STDERR_BYTES + 65536;
    }

    private int partialSuffix() {
        int max = Math.min(prefix.length - 1, len);
        for (int k = max; k > 0; k--) {
            boolean match = true;
            for (int i = 0; i < k; i++) {
                if (buf[len - k + i] != prefix[i]) {
                    match = false;
                    break;
                }
            }
            if (match) return k;
        }
        return 0;
    }

    private int indexOf(byte[] needle, int from) {
        outer:
        for (int i = from; i <= len - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (buf[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
