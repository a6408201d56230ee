package dev.tandem.run.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.tandem.run.Language;
import dev.tandem.run.Limits;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import dev.tandem.run.SourceFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one program in a locked-down, throw-away Docker container and streams its output.
 * Plain Java (no CDI); thread-safe: any number of runs may go on at once (one container each). The containers
 * themselves go through {@link Containers} (lifecycle and registry) under {@link ContainerSpec} (the policy).
 * See docs/sandbox.md for the security model.
 */
public final class DockerSandbox implements AutoCloseable {

    /** Every sandbox container carries this label (value "true"). */
    public static final String LABEL = ContainerSpec.LABEL;
    /** ...and this one, with the id of the JVM that created it (its shutdown hook removes its own). */
    public static final String OWNER_LABEL = ContainerSpec.OWNER_LABEL;
    /** The program's uid:gid (the bootstrap runs as root with three capabilities, see {@link ContainerSpec}). */
    public static final String RUNNER_USER = ContainerSpec.PROGRAM_UID + ":" + ContainerSpec.PROGRAM_UID;
    public static final String HOSTNAME = ContainerSpec.HOSTNAME;
    public static final List<String> ENV = ContainerSpec.ENV;
    public static final int MAX_SOURCE_BYTES = 1024 * 1024;
    public static final int MAX_STDIN_BYTES = 1024 * 1024;
    public static final int MAX_COMPILE_OUTPUT_BYTES = Bootstrap.COMPILE_OUTPUT_BYTES;
    /** Time a container is given beyond its limits before any node may remove it as a leftover. */
    static final long EXPIRY_MARGIN_MS = 60_000;

    private static final Logger LOG = Logger.getLogger(DockerSandbox.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DockerClient docker;
    private final boolean ownsClient;
    private final SandboxSettings settings;
    private final long compileTimeoutMs;
    private final Containers containers;
    /** Containers prepared before the runs that use them; null: each run creates its own ({@link #usePool}). */
    private volatile WarmPool pool;

    /** A sandbox on the Docker engine of the environment (DOCKER_HOST, else the local socket). */
    public DockerSandbox() {
        this(defaultClient(), true, SandboxSettings.DEFAULT);
    }

    /**
     * @param docker           the client to use (not closed by {@link #close()})
     * @param compileTimeoutMs wall-clock limit of the compile step
     */
    public DockerSandbox(DockerClient docker, long compileTimeoutMs) {
        this(docker, false, SandboxSettings.DEFAULT.withCompileTimeoutMs(compileTimeoutMs));
    }

    /** @param docker the client to use (not closed by {@link #close()}) */
    public DockerSandbox(DockerClient docker, SandboxSettings settings) {
        this(docker, false, settings);
    }

    private DockerSandbox(DockerClient docker, boolean ownsClient, SandboxSettings settings) {
        this.docker = docker;
        this.ownsClient = ownsClient;
        this.settings = settings;
        this.compileTimeoutMs = settings.compileTimeoutMs();
        this.containers = new Containers(docker, settings);
    }

    /** A client honouring DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH (docker-java's default config). */
    public static DockerClient defaultClient() {
        return client(null);
    }

    /** A sandbox on the given engine ({@code unix:///...} or {@code tcp://host:port}); null: as {@link #DockerSandbox()}. */
    public static DockerSandbox on(String dockerHost) {
        return on(dockerHost, SandboxSettings.DEFAULT);
    }

    /** As {@link #on(String)}, with the given settings. */
    public static DockerSandbox on(String dockerHost, SandboxSettings settings) {
        return new DockerSandbox(client(dockerHost), true, settings);
    }

    private static DockerClient client(String dockerHost) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost != null) builder.withDockerHost(dockerHost);
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(128)
                .connectionTimeout(Duration.ofSeconds(5))
                // also the longest silence of an attach stream: above any run's limits
                .responseTimeout(Duration.ofMinutes(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** The value of {@value #OWNER_LABEL} on the containers this JVM creates. */
    public static String ownerId() {
        return Containers.OWNER;
    }

    public DockerClient client() {
        return docker;
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** The run limits of a language on this node ({@code tandem.sandbox.*} over the language's defaults). */
    public Limits limitsOf(Language language) {
        return settings.limitsOf(language);
    }

    /** The value of {@value ContainerSpec#NODE_LABEL} on this sandbox's containers. */
    public String nodeId() {
        return containers.nodeId();
    }

    /** Whether the engine answers; throws the engine client's exception otherwise. */
    public void ping() {
        docker.pingCmd().exec();
    }

    /** Whether the language's image is on the engine (other failures of the engine are thrown). */
    public boolean hasImage(Language language) {
        try {
            docker.inspectImageCmd(language.image()).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Checks the engine answers and the language's image exists.
     *
     * @throws IllegalStateException with an explanation otherwise
     */
    public void check(Language language) {
        try {
            docker.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Docker engine not reachable (DOCKER_HOST="
                    + System.getenv("DOCKER_HOST") + "): " + e + ". Start one with .ci/docker-up.sh", e);
        }
        try {
            docker.inspectImageCmd(language.image()).exec();
        } catch (NotFoundException e) {
            throw new IllegalStateException("sandbox image " + language.image()
                    + " is missing: build it with sandbox-images/build.sh " + language.id(), e);
        }
    }

    /**
     * Runs a program: create, attach, start (in this order so that no output is lost), wait for the end
     * or a limit, then always remove the container. Blocks the caller until then (at most the compile
     * limit + the run limit + a few seconds). The listener gets the program's output as it arrives.
     */
    public RunResult run(RunRequest req, OutputListener listener) {
        return run(req, listener, null);
    }

    /**
     * As {@link #run(RunRequest, OutputListener)}, under a {@link RunControl}: it can be cancelled (outcome
     * cancelled), and an interactive control feeds the program's stdin while it runs, with its wall and idle
     * limits in place of the run's time limit (outcome timeout). A null control: as the plain run.
     */
    public RunResult run(RunRequest req, OutputListener listener, RunControl control) {
        if (control != null && control.cancelled()) return cancelledResult("", "", 0);
        OutputListener out = listener == null ? OutputListener.NONE : listener;
        Language lang = req.language();
        Limits limits = req.limits();
        String refused = WorkFiles.refuse(lang, req.files());
        if (refused != null) return RunResult.internalError(refused);
        if (req.stdin().getBytes(StandardCharsets.UTF_8).length > MAX_STDIN_BYTES)
            return RunResult.internalError("stdin larger than " + MAX_STDIN_BYTES + " bytes");

        String nonce = newNonce();
        boolean interactive = control != null && control.interactive();
        RunState st = new RunState(nonce, limits.outputBytes(), out);
        st.control = control;
        if (control != null) control.onWake(() -> {
            synchronized (st) {
                st.notifyAll();
            }
        });
        long runTimeMs = interactive ? control.wallMs() : limits.timeMs();
        String id = null;
        ResultCallback.Adapter<Frame> attach = null;
        WarmPool warmPool = pool;
        try {
            long budget = compileTimeoutMs + runTimeMs + 2 * Bootstrap.BACKSTOP_MS + EXPIRY_MARGIN_MS;
            List<String> paths = WorkFiles.paths(req.files());
            String script = interactive ? Bootstrap.interactiveScript(lang, paths, compileTimeoutMs, runTimeMs)
                    : Bootstrap.script(lang, paths, compileTimeoutMs, runTimeMs);
            // The script names the program's files, so a pooled container matches only runs of the same file list.
            WarmContainer warm = warmPool == null ? null : warmPool.take(new WarmPool.Key(lang, limits, script, budget));

            java.io.InputStream stdin = interactive ? control.stdin(Bootstrap.payload(nonce, req.files(), ""))
                    : new ByteArrayInputStream(Bootstrap.payload(nonce, req.files(), req.stdin()));
            if (warm != null) {
                // created and attached under the same spec before this run: only its stdin and output are bound
                id = warm.id;
                attach = warm.bind(stdin, st.callback());
                if (attach == null) {
                    LOG.warning("warm container " + id + " lost its attach stream");
                    return RunResult.internalError(SANDBOX_FAILED);
                }
            } else {
                id = containers.create(lang, limits, script, System.currentTimeMillis() + budget);
                attach = containers.attach(id, stdin, st.callback());
                if (!attach.awaitStarted(10, TimeUnit.SECONDS)) {
                    LOG.warning("attach to container " + id + " did not start within 10 s");
                    return RunResult.internalError(SANDBOX_FAILED);
                }
            }
            long startedAt = System.nanoTime();
            containers.start(id);

            KillReason reason = supervise(id, st, startedAt, runTimeMs, control);
            return finish(id, st, reason);
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "sandbox run failed", e);
            // the exception's text stays in the log: what the engine says is no business of the person who ran
            if (e instanceof NotFoundException && id == null) {
                return RunResult.internalError("sandbox image " + lang.image()
                        + " is missing: build it with sandbox-images/build.sh " + lang.id());
            }
            return RunResult.internalError(SANDBOX_FAILED);
        } finally {
            // Docker calls fail on an interrupted thread (the engine socket is an interruptible channel):
            // clear the flag while cleaning up so the container is removed now, then restore it.
            boolean interrupted = Thread.interrupted();
            if (control != null) control.close(); // ends the stdin copy of an interactive run
            if (attach != null) {
                try {
                    attach.close();
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to read
                }
            }
            if (id != null) {
                // with a pool, its thread removes the finished container after the result is out
                if (warmPool != null) warmPool.removeLater(id);
                else containers.remove(id);
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * From now on runs take containers prepared in advance ({@link WarmPool}: created and attached, started by the
     * run, removed after it; never reused). Replaces an earlier pool, whose ready containers are removed.
     */
    public void usePool(PoolSettings poolSettings) {
        WarmPool old;
        synchronized (this) {
            old = pool;
            pool = new WarmPool(containers, poolSettings);
        }
        if (old != null) old.close();
    }

    /** The pool's bounds, or null when runs create their own containers. */
    public PoolSettings poolSettings() {
        WarmPool p = pool;
        return p == null ? null : p.settings();
    }

    /** Containers ready in this sandbox's pool now (0 without a pool). */
    public int warmContainers() {
        WarmPool p = pool;
        return p == null ? 0 : p.readyCount();
    }

    /** Whether a container waits, unused, in a warm pool of this JVM (it is no run's leftover). */
    public static boolean isWarm(String containerId) {
        return WarmPool.isReady(containerId);
    }

    /**
     * A fresh secret for the bootstrap's markers (here and in the judge's sandbox): a program that does not
     * know it cannot forge the lines the host parses from the container's output.
     */
    public static String newNonce() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Attaches to a created container's streams (stdin from {@code stdin}, which docker-java copies on its own
     * thread) before it is started, so no output is lost.
     */
    <T extends ResultCallback<Frame>> T attach(String id, java.io.InputStream stdin, T callback) {
        return containers.attach(id, stdin, callback);
    }

    void start(String id) {
        containers.start(id);
    }

    /** The test batch of the judge: compile once, run each input (see {@link TestBatch}). */
    public TestBatch.Outcome runTests(Language lang, String source, List<String> inputs, Limits limits, Limits box,
                                      TestBatch.TestListener listener) {
        return runTests(lang, RunRequest.mainOnly(lang, source), inputs, limits, box, listener);
    }

    /** As above, for a program of several files (the main file first). */
    public TestBatch.Outcome runTests(Language lang, List<SourceFile> files, List<String> inputs, Limits limits, Limits box,
                                      TestBatch.TestListener listener) {
        return new TestBatch(this).run(lang, files, inputs, limits, box, listener);
    }

    /** SIGKILL to a container (ignored when it has already stopped). */
    public void killContainer(String id) {
        containers.kill(id);
    }

    /** Force-removes a container made by {@link #create}. */
    public void removeContainer(String id) {
        containers.remove(id);
    }

    /** Why a run failed inside the sandbox, as the user sees it (the detail is logged). */
    static final String SANDBOX_FAILED = "the sandbox failed; the run did not complete (the server log has the cause)";

    /**
     * Creates a container under {@link ContainerSpec}'s policy, labelled with this JVM, this node and the time
     * after which it is a leftover, and registers it for the shutdown hook.
     */
    String create(Language lang, Limits limits, String script, long expiresAtMs) {
        return containers.create(lang, limits, script, expiresAtMs);
    }

    /** Whether this JVM created the container and has not removed it yet. */
    static boolean isLive(String containerId) {
        return Containers.isLive(containerId);
    }

    /** This node's containers, from any process. */
    List<Container> listOfThisNode() {
        return containers.listOfThisNode();
    }

    private enum KillReason { TIMEOUT, OUTPUT_LIMIT, STUCK, CANCELLED, IDLE }

    private static RunResult cancelledResult(String stdout, String stderr, long timeMs) {
        return new RunResult(RunOutcome.CANCELLED, null, stdout, stderr, "", timeMs, null, false, "the run was cancelled");
    }

    /**
     * Waits for the end of the output streams, killing the container at a limit, at a cancel, or (interactive)
     * after the idle limit without input or output.
     */
    private KillReason supervise(String id, RunState st, long startedAt, long runTimeMs, RunControl control)
            throws InterruptedException {
        long compileDeadline = startedAt + TimeUnit.MILLISECONDS.toNanos(compileTimeoutMs);
        long runNanos = TimeUnit.MILLISECONDS.toNanos(runTimeMs);
        long idleNanos = control != null && control.interactive() ? TimeUnit.MILLISECONDS.toNanos(control.idleMs()) : 0;
        KillReason reason = null;
        long killedAt = 0;
        while (true) {
            KillReason toKill = null;
            synchronized (st) {
                while (!st.streamDone) {
                    long now = System.nanoTime();
                    if (reason == null) {
                        if (control != null && control.cancelled()) { toKill = KillReason.CANCELLED; break; }
                        if (st.outputExceeded) { toKill = KillReason.OUTPUT_LIMIT; break; }
                        long deadline = st.runStart == 0 ? compileDeadline : st.runStart + runNanos;
                        if (now - deadline >= 0) { toKill = KillReason.TIMEOUT; break; }
                        if (idleNanos > 0) {
                            long active = Math.max(startedAt, Math.max(st.lastOutputNanos, control.lastInputNanos()));
                            long idleAt = active + idleNanos;
                            if (now - idleAt >= 0) { toKill = KillReason.IDLE; break; }
                            if (idleAt - deadline < 0) deadline = idleAt;
                        }
                        waitNanos(st, deadline - now);
                    } else {
                        // killed: the streams close as the container dies; bounded
                        long giveUp = killedAt + TimeUnit.SECONDS.toNanos(10);
                        if (now - giveUp >= 0) { toKill = KillReason.STUCK; break; }
                        waitNanos(st, giveUp - now);
                    }
                }
                if (st.streamDone && toKill == null) return reason;
            }
            if (toKill == KillReason.STUCK) {
                LOG.warning("container " + id + " output did not end 10 s after kill");
                return reason;
            }
            reason = toKill;
            killedAt = System.nanoTime();
            synchronized (st) {
                if (toKill != KillReason.OUTPUT_LIMIT && st.runStart != 0) st.killedRunNanos = killedAt - st.runStart;
            }
            kill(id);
        }
    }

    private static void waitNanos(Object monitor, long nanos) throws InterruptedException {
        long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1);
        monitor.wait(Math.min(ms, 1000));
    }

    private void kill(String id) {
        containers.kill(id);
    }

    private RunResult finish(String id, RunState st, KillReason reason) {
        st.flush();
        Integer exit = null;
        boolean oom = false;
        // the streams end when the process dies; the engine records the state right after: bounded wait
        for (int i = 0; i < 100; i++) {
            InspectContainerResponse.ContainerState s = docker.inspectContainerCmd(id).exec().getState();
            if (!Boolean.TRUE.equals(s.getRunning())) {
                exit = s.getExitCodeLong() == null ? null : s.getExitCodeLong().intValue();
                oom = Boolean.TRUE.equals(s.getOOMKilled());
                break;
            }
            if (i == 0 && reason == null && st.trailer == null && st.compileRc == null) {
                // output ended but the process lives (it closed its stdout and stderr): stop it
                kill(id);
            }
            sleep(20);
        }

        String compileOutput = st.compileOutput();
        long hostRunMs = st.runStart == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(
                (st.killedRunNanos > 0 ? st.killedRunNanos : st.runEnd - st.runStart));
        long timeMs = st.trailer != null ? st.trailer.ms : hostRunMs;
        Long memKb = st.trailer != null ? st.trailer.kb : null;
        String stdout = st.stdout.text();
        String stderr = st.stderr.text();
        boolean truncated = st.stdout.truncated || st.stderr.truncated || st.compileTruncated;

        RunOutcome outcome;
        Integer code;
        String message = null;
        if (reason == KillReason.CANCELLED) {
            return new RunResult(RunOutcome.CANCELLED, exit, stdout, stderr, compileOutput, hostRunMs, memKb, truncated,
                    "the run was cancelled");
        }
        if (reason == KillReason.IDLE) {
            return new RunResult(RunOutcome.TIMEOUT, exit, stdout, stderr, compileOutput, hostRunMs, memKb, truncated,
                    "the interactive run had neither input nor output for " + st.control.idleMs() + " ms and was stopped");
        }
        if (reason == KillReason.OUTPUT_LIMIT) {
            outcome = RunOutcome.OUTPUT_LIMIT;
            code = exit;
            message = "output exceeded " + st.cap + " bytes on a stream; the program was stopped";
        } else if (oom) {
            outcome = RunOutcome.MEMORY_LIMIT;
            code = st.trailer != null ? Integer.valueOf(st.trailer.rc) : exit;
            message = "the program ran out of memory and was killed";
        } else if (reason == KillReason.TIMEOUT) {
            outcome = RunOutcome.TIMEOUT;
            code = exit;
            message = st.runStart == 0 ? "compilation took longer than " + compileTimeoutMs + " ms"
                    : st.control != null && st.control.interactive()
                    ? "the interactive run reached its wall limit of " + st.control.wallMs() + " ms and was stopped"
                    : "the program ran longer than its time limit and was killed";
        } else if (st.compileRc != null) {
            outcome = RunOutcome.COMPILE_ERROR;
            code = st.compileRc;
        } else if (st.trailer != null) {
            code = st.trailer.rc;
            outcome = code == 0 ? RunOutcome.OK : RunOutcome.RUNTIME_ERROR;
        } else if (st.runStart != 0) {
            outcome = RunOutcome.RUNTIME_ERROR;
            code = exit;
            message = "the program ended without the sandbox's report";
        } else {
            outcome = RunOutcome.INTERNAL_ERROR;
            code = exit;
            // the container's streams may carry anything: logged, never shown
            LOG.warning("sandbox bootstrap of " + id + " failed (exit " + exit + "): " + cut(compileOutput + stderr));
            message = SANDBOX_FAILED;
            compileOutput = "";
            stderr = "";
        }
        return new RunResult(outcome, code, stdout, stderr, compileOutput, timeMs, memKb, truncated, message);
    }

    private static String cut(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Containers labelled {@value #LABEL}, from any process (for operators and tests). */
    public List<Container> listSandboxContainers() {
        return containers.listAll();
    }

    /** Force-removes every container labelled {@value #LABEL} (e.g. left by a crashed process); returns how many. */
    public int removeAllSandboxContainers() {
        int n = 0;
        for (Container c : listSandboxContainers()) {
            containers.remove(c.getId());
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        WarmPool p;
        synchronized (this) {
            p = pool;
            pool = null;
        }
        if (p != null) p.close();
        if (ownsClient) {
            try {
                docker.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private record Trailer(int rc, long ms, Long kb) {
    }

    /** Per-stream output of the program: capped, decoded as it streams, handed to the listener. */
    private static final class ProgramStream {
        final String name;
        final Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        final StringBuilder text = new StringBuilder();
        long bytes;
        boolean truncated;

        ProgramStream(String name) {
            this.name = name;
        }

        String text() {
            return text.toString();
        }
    }

    /** State of one run, shared between the stream thread (writer) and the supervising caller (monitor). */
    private static final class RunState {
        final String nonce;
        final int cap;
        final OutputListener listener;
        RunControl control;
        /** When the program last wrote output (System.nanoTime), for the idle limit of interactive runs. */
        volatile long lastOutputNanos = System.nanoTime();
        final ProgramStream stdout = new ProgramStream("stdout");
        final ProgramStream stderr = new ProgramStream("stderr");
        final ByteArrayOutputStream compile = new ByteArrayOutputStream();
        boolean compileTruncated;
        boolean outStarted;
        boolean errStarted;
        boolean outEnded;
        // guarded by this
        long runStart;
        long runEnd;
        long killedRunNanos;
        boolean outputExceeded;
        boolean streamDone;
        Integer compileRc;
        Trailer trailer;
        MarkerScanner outScanner;
        MarkerScanner errScanner;

        RunState(String nonce, int cap, OutputListener listener) {
            this.nonce = nonce;
            this.cap = cap;
            this.listener = listener;
            outScanner = new MarkerScanner(nonce, new MarkerScanner.Handler() {
                public void payload(byte[] b, int off, int len) {
                    if (outEnded) return; // left-over children writing after the program ended
                    if (outStarted) program(stdout, b, off, len);
                    else compileBytes(b, off, len);
                }

                public void marker(String body) {
                    onMarker(body, true);
                }
            });
            errScanner = new MarkerScanner(nonce, new MarkerScanner.Handler() {
                public void payload(byte[] b, int off, int len) {
                    if (errStarted) program(stderr, b, off, len);
                    else compileBytes(b, off, len);
                }

                public void marker(String body) {
                    onMarker(body, false);
                }
            });
        }

        ResultCallback.Adapter<Frame> callback() {
            return new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    byte[] p = frame.getPayload();
                    if (p == null || p.length == 0) return;
                    if (frame.getStreamType() == StreamType.STDERR) errScanner.feed(p);
                    else outScanner.feed(p);
                }

                @Override
                public void onError(Throwable t) {
                    LOG.fine("attach stream error: " + t);
                    done();
                    super.onError(t);
                }

                @Override
                public void onComplete() {
                    done();
                    super.onComplete();
                }
            };
        }

        private void done() {
            synchronized (this) {
                if (runStart != 0 && runEnd == 0) runEnd = System.nanoTime();
                streamDone = true;
                notifyAll();
            }
        }

        private void onMarker(String body, boolean isOut) {
            if (body.equals("S")) {
                if (isOut) outStarted = true;
                else errStarted = true;
                synchronized (this) {
                    if (runStart == 0) {
                        runStart = System.nanoTime();
                        notifyAll();
                    }
                }
            } else if (body.startsWith("C:") && isOut && ReportFields.isNumber(body.substring(2))) {
                synchronized (this) {
                    compileRc = Integer.parseInt(body.substring(2));
                }
            } else if (body.startsWith("E:") && isOut) {
                // digits only: a field that is anything else is not the bootstrap's (and is ignored with the marker)
                String[] f = body.split(":", -1);
                if (f.length != 4 || !ReportFields.isNumber(f[1]) || !ReportFields.isNumber(f[2])
                        || !(f[3].isEmpty() || ReportFields.isNumber(f[3]))) {
                    LOG.warning("sandbox: malformed end marker ignored");
                    return;
                }
                Long kb = f[3].isEmpty() ? null : Long.valueOf(f[3]);
                outEnded = true;
                synchronized (this) {
                    runEnd = System.nanoTime();
                    trailer = new Trailer(Integer.parseInt(f[1]), Long.parseLong(f[2]), kb);
                }
            }
        }

        private void compileBytes(byte[] b, int off, int len) {
            int room = MAX_COMPILE_OUTPUT_BYTES - compile.size();
            if (len > room) {
                compileTruncated = true;
                len = Math.max(0, room);
            }
            compile.write(b, off, len);
        }

        private void program(ProgramStream s, byte[] b, int off, int len) {
            if (s.truncated) return;
            long room = cap - s.bytes;
            int take = len;
            if (len > room) {
                take = utf8Boundary(b, off, (int) room);
                s.truncated = true;
            }
            s.bytes += take;
            if (take > 0) {
                String chunk = s.decoder.decode(b, off, take);
                deliver(s, chunk);
            }
            if (s.truncated) {
                deliver(s, s.decoder.finish());
                synchronized (this) {
                    outputExceeded = true;
                    notifyAll();
                }
            }
        }

        private void deliver(ProgramStream s, String chunk) {
            if (chunk.isEmpty()) return;
            lastOutputNanos = System.nanoTime();
            s.text.append(chunk);
            try {
                listener.onOutput(s.name, chunk);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "output listener failed", e);
            }
        }

        /** Largest n <= max such that b[off..off+n) does not end inside a UTF-8 sequence. */
        private static int utf8Boundary(byte[] b, int off, int max) {
            if (max <= 0) return 0;
            int end = off + max; // exclusive; b[end] is the first byte cut off
            int i = end;
            // step back over continuation bytes of the character that b[end] belongs to
            int back = 0;
            while (i > off && back < 4 && (b[i] & 0xC0) == 0x80) {
                i--;
                back++;
            }
            return (b[i] & 0xC0) == 0x80 ? max : i - off;
        }

        /** End of streams: held-back bytes and incomplete characters. */
        void flush() {
            outScanner.finish();
            errScanner.finish();
            for (ProgramStream s : List.of(stdout, stderr)) {
                if (!s.truncated) deliver(s, s.decoder.finish());
            }
        }

        String compileOutput() {
            return compile.toString(StandardCharsets.UTF_8);
        }
    }
}
