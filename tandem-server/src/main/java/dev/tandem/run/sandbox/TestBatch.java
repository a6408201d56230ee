package dev.tandem.run.sandbox;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.tandem.run.Language;
import dev.tandem.run.Limits;
import dev.tandem.run.SourceFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compiles a program once and runs it on several inputs in one container of {@link DockerSandbox} (the judge's
 * way: {@link TestsBootstrap}). The host keeps every deadline itself — the compile step's and each test's (its time
 * limit plus {@value #TEST_GRACE_MS} ms from the moment its input was handed over) — and kills the container when
 * one passes, whatever holds the container's pipes open. An input enters the container only after the previous
 * test was reported (and never while the compiler runs). What the container writes besides its report is logged,
 * never returned.
 */
public final class TestBatch {
    private static final Logger LOG = Logger.getLogger(TestBatch.class.getName());
    /** Past a test's time limit, how long the host waits for its report before it kills the container. */
    public static final long TEST_GRACE_MS = 2_000;
    private static final int STDERR_LOG_BYTES = 4096;

    /**
     * One test's run, as the bootstrap measured it ({@code outputExceeded}: stdout went past the cap and is cut
     * there). A test the host had to stop is reported with exit 137 and the time limit as its time.
     */
    public record TestRun(int index, int exitCode, long timeMs, Long memoryKb, int oomKills, String stdout,
                          boolean outputExceeded, String stderr) {}

    /** Called as each test ends; answer false to stop (the remaining tests are not run). */
    public interface TestListener {
        boolean onTest(TestRun run);
    }

    /**
     * @param compileError  compiler exit code when compilation failed, else null
     * @param compileTimedOut whether compilation passed its deadline
     * @param internalError a fixed sentence saying the batch failed (the cause is logged), else null
     */
    public record Outcome(Integer compileError, boolean compileTimedOut, String compileOutput, List<TestRun> tests,
                          String internalError) {}

    static final String FAILED = "the sandbox failed; the judge could not finish (the server log has the cause)";
    static final String BROKEN_REPORT = "the sandbox's report was not readable; the container was stopped";

    private final DockerSandbox sandbox;

    TestBatch(DockerSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * @param limits the problem's limits (time per test, output cap)
     * @param box    the container's limits (memory, pids, CPUs)
     */
    Outcome run(Language lang, List<SourceFile> files, List<String> inputs, Limits limits, Limits box, TestListener listener) {
        String refused = WorkFiles.refuse(lang, files);
        if (refused != null) {
            LOG.warning("judge: the program's files cannot be written: " + refused);
            return new Outcome(null, false, "", List.of(), FAILED);
        }
        String nonce = DockerSandbox.newNonce();
        long compileMs = sandbox.settings().compileTimeoutMs();
        Feed feed = new Feed();
        feed.add(TestsBootstrap.header(nonce, files, inputs.size()));
        State st = new State();
        TestReportReader reader = new TestReportReader(nonce, limits.outputBytes(), inputs.size(), st);
        String id = null;
        ResultCallback.Adapter<Frame> attach = null;
        try {
            long expires = System.currentTimeMillis() + compileMs + (limits.timeMs() + TEST_GRACE_MS) * inputs.size()
                    + 2 * Bootstrap.BACKSTOP_MS + DockerSandbox.EXPIRY_MARGIN_MS;
            id = sandbox.create(lang, box, TestsBootstrap.script(lang, WorkFiles.paths(files), limits, compileMs), expires);
            attach = sandbox.attach(id, feed, st.callback(reader));
            if (!attach.awaitStarted(10, TimeUnit.SECONDS)) {
                LOG.warning("judge: attach to " + id + " did not start within 10 s");
                return new Outcome(null, false, "", List.of(), FAILED);
            }
            sandbox.start(id);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(compileMs);
            boolean started = false;
            int delivered = 0;
            while (true) {
                List<TestRun> fresh;
                boolean nowStarted;
                synchronized (st) {
                    while (!st.done && !st.violation && !st.finished && st.compileRc == null && st.tests.size() == delivered
                            && st.started == started) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) break;
                        TimeUnit.NANOSECONDS.timedWait(st, left);
                    }
                    fresh = new ArrayList<>(st.tests.subList(delivered, st.tests.size()));
                    nowStarted = st.started;
                    if (st.violation) {
                        sandbox.killContainer(id);
                        return new Outcome(null, false, reader.compileOutput(), List.copyOf(st.tests.subList(0, delivered)),
                                BROKEN_REPORT);
                    }
                }
                if (nowStarted && !started) {
                    started = true;
                    if (!inputs.isEmpty()) {
                        feed.add(TestsBootstrap.input(inputs.get(0)));
                        deadline = testDeadline(limits);
                    }
                }
                boolean stop = false;
                for (TestRun t : fresh) {
                    delivered++;
                    if (!listener.onTest(t)) {
                        stop = true;
                        break;
                    }
                    if (delivered < inputs.size()) {
                        // the next input enters the container only now, after the previous test's processes are gone
                        feed.add(TestsBootstrap.input(inputs.get(delivered)));
                        deadline = testDeadline(limits);
                    }
                }
                if (stop) {
                    sandbox.killContainer(id);
                    return new Outcome(null, false, reader.compileOutput(), List.copyOf(st.snapshot(delivered)), null);
                }
                synchronized (st) {
                    if (st.compileRc != null) {
                        return new Outcome(st.compileRc, false, reader.compileOutput(), List.of(), null);
                    }
                    if (st.finished && st.tests.size() == delivered) {
                        return new Outcome(null, false, reader.compileOutput(), List.copyOf(st.tests), null);
                    }
                    if (st.done && st.tests.size() == delivered) {
                        LOG.warning("judge: container " + id + " ended without its report; its stderr: " + st.stderr());
                        return new Outcome(null, false, reader.compileOutput(), List.copyOf(st.tests), FAILED);
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    // the host's deadline: whatever keeps the container busy (a setsid child holding a pipe), it ends now
                    sandbox.killContainer(id);
                    if (!started) {
                        return new Outcome(null, true, reader.compileOutput(), List.of(), null);
                    }
                    List<TestRun> tests = new ArrayList<>(st.snapshot(delivered));
                    if (delivered >= inputs.size()) return new Outcome(null, false, reader.compileOutput(), List.copyOf(tests), null);
                    TestRun stopped = new TestRun(delivered, 137, limits.timeMs(), null, 0, "", false, "");
                    tests.add(stopped);
                    listener.onTest(stopped);
                    return new Outcome(null, false, reader.compileOutput(), List.copyOf(tests), null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, false, "", List.of(), FAILED);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "judge sandbox failed", e);
            return new Outcome(null, false, "", List.of(), FAILED);
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

    private static long testDeadline(Limits limits) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.timeMs() + TEST_GRACE_MS);
    }

    /** What the stream thread found, for the judging thread. */
    private static final class State implements TestReportReader.Sink {
        // guarded by this
        final List<TestRun> tests = new ArrayList<>();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer compileRc;
        boolean started;
        boolean finished;
        boolean violation;
        boolean done;

        synchronized List<TestRun> snapshot(int n) {
            return new ArrayList<>(tests.subList(0, Math.min(n, tests.size())));
        }

        synchronized String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void compileFailed(int rc) {
            changed(() -> compileRc = rc);
        }

        @Override
        public void started() {
            changed(() -> started = true);
        }

        @Override
        public void test(TestRun run) {
            changed(() -> tests.add(run));
        }

        @Override
        public void finished() {
            changed(() -> finished = true);
        }

        @Override
        public void violation(String why) {
            LOG.warning("judge: the container's report broke the rules (" + why + "); stopping it");
            changed(() -> violation = true);
        }

        void end() {
            changed(() -> done = true);
        }

        /** Every report changes the state under its lock and wakes the judge's thread waiting on it. */
        private synchronized void changed(Runnable change) {
            change.run();
            notifyAll();
        }

        ResultCallback.Adapter<Frame> callback(TestReportReader reader) {
            return new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    byte[] p = frame.getPayload();
                    if (p == null || p.length == 0) return;
                    if (frame.getStreamType() == StreamType.STDERR) {
                        // only the bootstrap can write here; kept for the log, capped
                        synchronized (State.this) {
                            int room = STDERR_LOG_BYTES - err.size();
                            if (room > 0) err.write(p, 0, Math.min(p.length, room));
                        }
                    } else {
                        reader.feed(p);
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
    }

    /**
     * The container's stdin: chunks handed over as the judge goes (docker-java copies it on its own thread,
     * flushing each read). {@link #end()} gives EOF, which also ends that thread.
     */
    static final class Feed extends InputStream {
        private static final byte[] EOF = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
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
}
