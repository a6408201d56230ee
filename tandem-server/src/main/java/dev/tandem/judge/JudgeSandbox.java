package dev.tandem.judge;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.tandem.run.Language;
import dev.tandem.run.Limits;
import dev.tandem.run.sandbox.DockerSandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Compiles a program once and runs it on several inputs, in one locked-down container (the restrictions of
 * {@link DockerSandbox}). The bootstrap (POSIX sh) reads the source and every input from the attached stdin,
 * compiles, then runs each input under GNU {@code timeout -s KILL} (its own wall-clock limit) and GNU time,
 * with the program's stdout and stderr going to files, and reports each test as a marker line
 * {@code \u0001TANDEM:<nonce>:R:<i>:<rc>:<ms>:<maxRssKb>:<oomKills>:<outLen>:<errLen>} followed by exactly
 * outLen bytes of stdout and errLen bytes of stderr. The caller sees each test as it ends and may stop the
 * rest (the container is then killed).
 */
public final class JudgeSandbox {
    private static final Logger LOG = Logger.getLogger(JudgeSandbox.class.getName());
    public static final int STDERR_BYTES = 4096;
    public static final long COMPILE_TIMEOUT_MS = 30_000;

    /** One test's run. {@code outputExceeded}: stdout went past the cap (the output is cut there). */
    public record TestRun(int index, int exitCode, long timeMs, Long memoryKb, int oomKills, String stdout,
                          boolean outputExceeded, String stderr) {}

    /** Called as each test ends; answer false to stop (the remaining tests are not run). */
    public interface TestListener {
        boolean onTest(TestRun run);
    }

    /**
     * @param compileError  compiler exit code when compilation failed, else null
     * @param internalError why the sandbox failed, else null
     */
    public record Outcome(Integer compileError, String compileOutput, List<TestRun> tests, String internalError) {}

    private final DockerSandbox sandbox;

    public JudgeSandbox(DockerSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** The container's limits: the language's (compilers need them) but at least the problem's memory plus room for the test files. */
    public static Limits containerLimits(Language lang, Limits problem) {
        Limits d = lang.defaultLimits();
        return new Limits(problem.timeMs(), Math.max(d.memoryMb(), problem.memoryMb() + 64), d.pids(),
                problem.outputBytes(), d.cpus());
    }

    public Outcome runTests(Language lang, String source, List<String> inputs, Limits limits, TestListener listener) {
        String nonce = DockerSandbox.newNonce();
        Limits box = containerLimits(lang, limits);
        Feed feed = new Feed();
        feed.add(header(nonce, source, inputs.size()));
        if (!inputs.isEmpty()) feed.add(input(inputs.get(0)));
        State st = new State(nonce, limits.outputBytes());
        String id = null;
        ResultCallback.Adapter<Frame> attach = null;
        try {
            id = sandbox.createContainer(lang, box, script(lang, limits));
            attach = sandbox.client().attachContainerCmd(id)
                    .withStdIn(feed)
                    .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(false)
                    .exec(st.callback());
            if (!attach.awaitStarted(10, TimeUnit.SECONDS)) {
                return new Outcome(null, "", st.tests, "attach to the container did not start within 10 s");
            }
            sandbox.client().startContainerCmd(id).exec();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                    COMPILE_TIMEOUT_MS + 10_000 + (limits.timeMs() + 3_000) * inputs.size());
            boolean stopped = false;
            int delivered = 0;
            while (true) {
                List<TestRun> fresh;
                boolean done;
                synchronized (st) {
                    while (!st.done && st.tests.size() == delivered && System.nanoTime() < deadline) st.wait(200);
                    fresh = new ArrayList<>(st.tests.subList(delivered, st.tests.size()));
                    done = st.done;
                }
                for (TestRun t : fresh) {
                    delivered++;
                    if (!stopped && !listener.onTest(t)) {
                        stopped = true;
                        sandbox.killContainer(id);
                    } else if (!stopped && delivered < inputs.size()) {
                        // the next input enters the container only now, after the previous test's processes are gone
                        feed.add(input(inputs.get(delivered)));
                    }
                }
                if (stopped) break;
                if (done) break;
                if (System.nanoTime() >= deadline) {
                    sandbox.killContainer(id);
                    return new Outcome(null, st.compile(), st.tests.subList(0, delivered), "the judge ran past its overall deadline");
                }
            }
            synchronized (st) {
                List<TestRun> tests = List.copyOf(st.tests.subList(0, delivered));
                if (st.compileRc != null) return new Outcome(st.compileRc, st.compile(), tests, null);
                if (stopped || st.finished) return new Outcome(null, st.compile(), tests, null);
                return new Outcome(null, st.compile(), tests, "the sandbox ended without its report: "
                        + st.compile() + st.err.toString(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "", List.of(), "interrupted");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "judge sandbox failed", e);
            return new Outcome(null, "", List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            feed.end();
            boolean interrupted = Thread.interrupted();
            if (attach != null) {
                try {
                    attach.close();
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to read
                }
            }
            if (id != null) sandbox.removeContainer(id);
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    static byte[] header(String nonce, String source, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((nonce + " " + src.length + " " + count + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(src);
        return out.toByteArray();
    }

    static byte[] input(String in) {
        byte[] b = in.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((b.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(b);
        return out.toByteArray();
    }

    /**
     * The container's stdin: chunks handed over as the judge goes (docker-java copies it on its own thread,
     * flushing each read). {@link #end()} gives EOF, which also ends that thread.
     */
    static final class Feed extends java.io.InputStream {
        private static final byte[] EOF = new byte[0];
        private final java.util.concurrent.LinkedBlockingQueue<byte[]> chunks = new java.util.concurrent.LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        void add(byte[] b) {
            if (b.length > 0) chunks.add(b);
        }

        void end() {
            chunks.add(EOF);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (pos >= current.length) {
                if (ended) return -1;
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                pos = 0;
                if (current == EOF) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    static String script(Language lang, Limits limits) {
        String tl = String.format(Locale.ROOT, "%.3f", limits.timeMs() / 1000.0);
        long cap = limits.outputBytes() + 1L;
        StringBuilder s = new StringBuilder();
        s.append("IFS=' ' read -r N SL CNT || exit 90\n");
        s.append("M=$(printf '\\001TANDEM:%s' \"$N\")\n");
        s.append("cd /work || exit 91\n");
        s.append("head -c \"$SL\" > ").append(quote("/work/" + lang.fileName())).append(" || exit 92\n");
        s.append("mkdir -p /tmp/.t || exit 93\n");
        if (lang.compiled()) {
            s.append(argv(lang.compileCommand())).append(" 2>&1\n");
            s.append("rc=$?\n");
            s.append("if [ \"$rc\" -ne 0 ]; then printf '%s:C:%d\\n' \"$M\" \"$rc\"; exit 0; fi\n");
        }
        s.append("printf '%s:S\\n' \"$M\"\n");
        s.append("unset OLDPWD PWD\n");
        s.append("of=/sys/fs/cgroup/memory/memory.oom_control; [ -r \"$of\" ] || of=/sys/fs/cgroup/memory.events\n");
        s.append("ooms() { v=$(sed -n 's/^oom_kill //p' \"$of\" 2>/dev/null); echo \"${v:-0}\"; }\n");
        s.append("i=0\n");
        s.append("while [ \"$i\" -lt \"$CNT\" ]; do\n");
        s.append("  IFS=' ' read -r L || exit 94; head -c \"$L\" > /tmp/.t/in || exit 95\n");
        s.append("  rm -f /tmp/.t/time /tmp/.t/rc; o0=$(ooms); t0=$(date +%s%N)\n");
        s.append("  { timeout -s KILL ").append(tl).append(" /usr/bin/time -q -f '%M' -o /tmp/.t/time ")
                .append(argv(lang.runCommand())).append(" < /tmp/.t/in 2>/tmp/.t/err; echo $? > /tmp/.t/rc; } 0</dev/null | head -c ")
                .append(cap).append(" > /tmp/.t/out\n");
        s.append("  t1=$(date +%s%N); kill -9 -1 2>/dev/null; o1=$(ooms); rc=$(cat /tmp/.t/rc 2>/dev/null); kb=$(tail -n 1 /tmp/.t/time 2>/dev/null)\n");
        s.append("  head -c ").append(STDERR_BYTES).append(" /tmp/.t/err > /tmp/.t/err2\n");
        s.append("  ol=$(wc -c < /tmp/.t/out); el=$(wc -c < /tmp/.t/err2)\n");
        s.append("  printf '%s:R:%d:%s:%d:%s:%d:%d:%d\\n' \"$M\" \"$i\" \"${rc:-137}\" \"$(( (t1 - t0) / 1000000 ))\" \"$kb\" \"$((o1 - o0))\" \"$ol\" \"$el\"\n");
        s.append("  cat /tmp/.t/out /tmp/.t/err2\n");
        s.append("  i=$((i+1))\n");
        s.append("done\n");
        s.append("printf '%s:D\\n' \"$M\"\n");
        return s.toString();
    }

    static String argv(List<String> argv) {
        return argv.stream().map(JudgeSandbox::quote).collect(Collectors.joining(" "));
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Parses the bootstrap's stdout as it arrives. */
    private static final class State {
        final byte[] prefix;
        final ByteArrayOutputStream compile = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int len;
        boolean started;
        // guarded by this
        final List<TestRun> tests = new ArrayList<>();
        Integer compileRc;
        boolean finished;
        boolean done;

        final int cap;

        State(String nonce, int cap) {
            this.cap = cap;
            prefix = ("\u0001TANDEM:" + nonce + ":").getBytes(StandardCharsets.US_ASCII);
        }

        String compile() {
            return compile.toString(StandardCharsets.UTF_8);
        }

        ResultCallback.Adapter<Frame> callback() {
            return new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    byte[] p = frame.getPayload();
                    if (p == null || p.length == 0) return;
                    if (frame.getStreamType() == StreamType.STDERR) {
                        if (err.size() < STDERR_BYTES) err.write(p, 0, Math.min(p.length, STDERR_BYTES - err.size()));
                    } else {
                        try {
                            feed(p);
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "judge sandbox: unreadable report", e);
                            err.writeBytes(("unreadable report: " + e).getBytes(StandardCharsets.UTF_8));
                            end();
                        }
                    }
                }

                @Override
                public void onError(Throwable t) {
                    end();
                    super.onError(t);
                }

                @Override
                public void onComplete() {
                    end();
                    super.onComplete();
                }
            };
        }

        private synchronized void end() {
            done = true;
            notifyAll();
        }

        private void feed(byte[] p) {
            if (len + p.length > buf.length) {
                byte[] nb = new byte[Math.max(buf.length * 2, len + p.length)];
                System.arraycopy(buf, 0, nb, 0, len);
                buf = nb;
            }
            System.arraycopy(p, 0, buf, len, p.length);
            len += p.length;
            int pos = 0;
            while (pos < len) {
                int m = indexOf(prefix, pos);
                if (m < 0) {
                    if (started) break; // after the start only markers and their payloads come
                    // compiler output: keep a possible partial prefix
                    int keep = Math.min(prefix.length - 1, len - pos);
                    if (compile.size() < 64 * 1024) compile.write(buf, pos, len - pos - keep);
                    pos = len - keep;
                    break;
                }
                if (m > pos && !started && compile.size() < 64 * 1024) compile.write(buf, pos, m - pos);
                int nl = -1;
                for (int i = m + prefix.length; i < len; i++) if (buf[i] == '\n') { nl = i; break; }
                if (nl < 0) { pos = m; break; }
                String body = new String(buf, m + prefix.length, nl - m - prefix.length, StandardCharsets.US_ASCII);
                if (body.startsWith("R:")) {
                    String[] f = body.split(":", -1);
                    int ol = Integer.parseInt(f[6].trim()), el = Integer.parseInt(f[7].trim());
                    if (len - (nl + 1) < ol + el) { pos = m; break; }
                    String out = new String(buf, nl + 1, ol, StandardCharsets.UTF_8);
                    String errText = new String(buf, nl + 1 + ol, el, StandardCharsets.UTF_8);
                    TestRun run = new TestRun(Integer.parseInt(f[1]), parse(f[2], 137), parse(f[3], 0),
                            f[4].isBlank() ? null : (long) parse(f[4], 0), parse(f[5], 0),
                            out, ol > cap, errText);
                    synchronized (this) {
                        tests.add(run);
                        notifyAll();
                    }
                    pos = nl + 1 + ol + el;
                } else {
                    if (body.equals("S")) started = true;
                    else if (body.startsWith("C:")) synchronized (this) { compileRc = parse(body.substring(2), 1); }
                    else if (body.equals("D")) synchronized (this) { finished = true; }
                    pos = nl + 1;
                }
            }
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
        }

        private int indexOf(byte[] needle, int from) {
            outer:
            for (int i = from; i <= len - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) if (buf[i + j] != needle[j]) continue outer;
                return i;
            }
            return -1;
        }

        private static int parse(String s, int dflt) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
    }
}
