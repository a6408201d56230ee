package dev.tandem.run.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Ulimit;
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

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one program in a locked-down, throw-away Docker container and streams its output.
 * Plain Java (no CDI); thread-safe: any number of runs may go on at once (one container each).
 * See docs/sandbox.md for the security model.
 */
public final class DockerSandbox implements AutoCloseable {

    /** Every sandbox container carries this label (value "true"). */
    public static final String LABEL = "tandem.sandbox";
    /** ...and this one, with the id of the JVM that created it (its shutdown hook removes its own). */
    public static final String OWNER_LABEL = "tandem.sandbox.owner";
    public static final String RUNNER_USER = "10001:10001";
    public static final String HOSTNAME = "sandbox";
    public static final List<String> ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/work", "LANG=C.UTF-8");
    public static final long WORK_TMPFS_MB = 64;
    public static final long TMP_TMPFS_MB = 64;
    public static final long MAX_FILE_BYTES = WORK_TMPFS_MB * 1024 * 1024;
    public static final long MAX_OPEN_FILES = 256;
    public static final int MAX_SOURCE_BYTES = 1024 * 1024;
    public static final int MAX_STDIN_BYTES = 1024 * 1024;
    public static final int MAX_COMPILE_OUTPUT_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(DockerSandbox.class.getName());
    private static final String OWNER = UUID.randomUUID().toString();
    private static final Set<Live> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Live(DockerClient client, String containerId) {
    }

    private final DockerClient docker;
    private final boolean ownsClient;
    private final long compileTimeoutMs;

    /** A sandbox on the Docker engine of the environment (DOCKER_HOST, else the local socket). */
    public DockerSandbox() {
        this(defaultClient(), true, 30_000);
    }

    /**
     * @param docker           the client to use (not closed by {@link #close()})
     * @param compileTimeoutMs wall-clock limit of the compile step
     */
    public DockerSandbox(DockerClient docker, long compileTimeoutMs) {
        this(docker, false, compileTimeoutMs);
    }

    private DockerSandbox(DockerClient docker, boolean ownsClient, long compileTimeoutMs) {
        this.docker = docker;
        this.ownsClient = ownsClient;
        this.compileTimeoutMs = compileTimeoutMs;
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(DockerSandbox::removeLive, "tandem-sandbox-cleanup"));
        }
    }

    /** A client honouring DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH (docker-java's default config). */
    public static DockerClient defaultClient() {
        return client(null);
    }

    /** A sandbox on the given engine ({@code unix:///...} or {@code tcp://host:port}); null: as {@link #DockerSandbox()}. */
    public static DockerSandbox on(String dockerHost) {
        return new DockerSandbox(client(dockerHost), true, 30_000);
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
        return OWNER;
    }

    public DockerClient client() {
        return docker;
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
        OutputListener out = listener == null ? OutputListener.NONE : listener;
        Language lang = req.language();
        Limits limits = req.limits();
        byte[] src = req.source().getBytes(StandardCharsets.UTF_8);
        if (src.length > MAX_SOURCE_BYTES) return RunResult.internalError("source larger than " + MAX_SOURCE_BYTES + " bytes");
        if (req.stdin().getBytes(StandardCharsets.UTF_8).length > MAX_STDIN_BYTES)
            return RunResult.internalError("stdin larger than " + MAX_STDIN_BYTES + " bytes");

        String nonce = newNonce();
        RunState st = new RunState(nonce, limits.outputBytes(), out);
        String id = null;
        Live live = null;
        ResultCallback.Adapter<Frame> attach = null;
        try {
            id = create(lang, limits);
            live = new Live(docker, id);
            LIVE.add(live);

            attach = docker.attachContainerCmd(id)
                    .withStdIn(new ByteArrayInputStream(Bootstrap.payload(nonce, req.source(), req.stdin())))
                    .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(false)
                    .exec(st.callback());
            if (!attach.awaitStarted(10, TimeUnit.SECONDS)) {
                return RunResult.internalError("attach to the container did not start within 10 s");
            }
            long startedAt = System.nanoTime();
            docker.startContainerCmd(id).exec();

            KillReason reason = supervise(id, st, startedAt, limits);
            return finish(id, st, reason);
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "sandbox run failed", e);
            String msg = e.getMessage();
            if (e instanceof NotFoundException && id == null) {
                msg = "sandbox image " + lang.image() + " is missing: build it with sandbox-images/build.sh (" + msg + ")";
            }
            return RunResult.internalError(e.getClass().getSimpleName() + ": " + msg);
        } finally {
            // Docker calls fail on an interrupted thread (the engine socket is an interruptible channel):
            // clear the flag while cleaning up so the container is removed now, then restore it.
            boolean interrupted = Thread.interrupted();
            if (attach != null) {
                try {
                    attach.close();
                } catch (IOException | RuntimeException ignored) {
                    // nothing more to read
                }
            }
            if (id != null) remove(id);
            if (live != null) LIVE.remove(live);
            if (interrupted) Thread.currentThread().interrupt();
        }
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
     * Creates (does not start) a container with every restriction of {@link #run} whose command is the given
     * POSIX sh script, for other runners (the judge); the JVM shutdown hook removes it if still there. The
     * caller must {@link #removeContainer} it.
     */
    public String createContainer(Language lang, Limits limits, String script) {
        String id = create(lang, limits, script);
        LIVE.add(new Live(docker, id));
        return id;
    }

    /** SIGKILL to a container (ignored when it has already stopped). */
    public void killContainer(String id) {
        kill(id);
    }

    /** Force-removes a container made by {@link #createContainer}. */
    public void removeContainer(String id) {
        remove(id);
        LIVE.remove(new Live(docker, id));
    }

    private String create(Language lang, Limits limits) {
        return create(lang, limits, Bootstrap.script(lang));
    }

    private String create(Language lang, Limits limits, String script) {
        long mem = limits.memoryMb() * 1024L * 1024L;
        HostConfig hc = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        "/work", "rw,exec,nosuid,nodev,size=" + WORK_TMPFS_MB + "m,uid=10001,gid=10001,mode=0755",
                        "/tmp", "rw,noexec,nosuid,nodev,size=" + TMP_TMPFS_MB + "m,mode=1777"))
                .withMemory(mem)
                .withMemorySwap(mem)
                .withNanoCPUs(Math.round(limits.cpus() * 1_000_000_000d))
                .withPidsLimit((long) limits.pids())
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withUlimits(List.of(
                        new Ulimit("fsize", MAX_FILE_BYTES, MAX_FILE_BYTES),
                        new Ulimit("nofile", MAX_OPEN_FILES, MAX_OPEN_FILES)))
                .withIpcMode("private")
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                .withAutoRemove(false);
        CreateContainerResponse c = docker.createContainerCmd(lang.image())
                .withCmd("sh", "-c", script, "sandbox")
                .withEntrypoint(List.of())
                .withUser(RUNNER_USER)
                .withHostName(HOSTNAME)
                .withDomainName("")
                .withEnv(ENV)
                .withWorkingDir("/work")
                .withNetworkDisabled(true)
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .withStdinOpen(true).withStdInOnce(true).withTty(false)
                .withLabels(Map.of(LABEL, "true", OWNER_LABEL, OWNER))
                .withHostConfig(hc)
                .exec();
        return c.getId();
    }

    private enum KillReason { TIMEOUT, OUTPUT_LIMIT, STUCK }

    /** Waits for the end of the output streams, killing the container at a limit. */
    private KillReason supervise(String id, RunState st, long startedAt, Limits limits) throws InterruptedException {
        long compileDeadline = startedAt + TimeUnit.MILLISECONDS.toNanos(compileTimeoutMs);
        long runNanos = TimeUnit.MILLISECONDS.toNanos(limits.timeMs());
        KillReason reason = null;
        long killedAt = 0;
        while (true) {
            KillReason toKill = null;
            synchronized (st) {
                while (!st.streamDone) {
                    long now = System.nanoTime();
                    if (reason == null) {
                        if (st.outputExceeded) { toKill = KillReason.OUTPUT_LIMIT; break; }
                        long deadline = st.runStart == 0 ? compileDeadline : st.runStart + runNanos;
                        if (now - deadline >= 0) { toKill = KillReason.TIMEOUT; break; }
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
                if (toKill == KillReason.TIMEOUT && st.runStart != 0) st.killedRunNanos = killedAt - st.runStart;
            }
            kill(id);
        }
    }

    private static void waitNanos(Object monitor, long nanos) throws InterruptedException {
        long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos) + 1);
        monitor.wait(Math.min(ms, 1000));
    }

    private void kill(String id) {
        try {
            docker.killContainerCmd(id).withSignal("KILL").exec();
        } catch (RuntimeException e) {
            // already gone or not running any more
            LOG.fine("kill " + id + ": " + e);
        }
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
            message = "sandbox bootstrap failed (exit " + exit + "): " + compileOutput + stderr;
        }
        return new RunResult(outcome, code, stdout, stderr, compileOutput, timeMs, memKb, truncated, message);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remove(String id) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                return;
            } catch (NotFoundException e) {
                return;
            } catch (RuntimeException e) {
                // "removal already in progress" and the like
                LOG.fine("remove " + id + ": " + e);
                sleep(100);
            }
        }
        LOG.warning("could not remove sandbox container " + id);
    }

    private static void removeLive() {
        for (Live l : LIVE) {
            try {
                l.client().removeContainerCmd(l.containerId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException ignored) {
                // best effort at exit
            }
        }
        LIVE.clear();
    }

    /** Containers labelled {@value #LABEL}, from any process (for operators and tests). */
    public List<Container> listSandboxContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, "true")).exec();
    }

    /** Force-removes every container labelled {@value #LABEL} (e.g. left by a crashed process); returns how many. */
    public int removeAllSandboxContainers() {
        int n = 0;
        for (Container c : listSandboxContainers()) {
            remove(c.getId());
            n++;
        }
        return n;
    }

    @Override
    public void close() {
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
            } else if (body.startsWith("C:") && isOut) {
                synchronized (this) {
                    compileRc = parseInt(body.substring(2), -1);
                }
            } else if (body.startsWith("E:") && isOut) {
                String[] f = body.split(":", -1);
                int rc = f.length > 1 ? parseInt(f[1], -1) : -1;
                long ms = f.length > 2 ? parseInt(f[2], 0) : 0;
                Long kb = f.length > 3 && !f[3].isBlank() ? Long.valueOf(parseInt(f[3].trim(), 0)) : null;
                outEnded = true;
                synchronized (this) {
                    runEnd = System.nanoTime();
                    trailer = new Trailer(rc, ms, kb);
                }
            }
        }

        private static int parseInt(String s, int dflt) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return dflt;
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
