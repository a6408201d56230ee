package dev.tandem.bench;

import dev.tandem.run.Language;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The baseline the sandbox is compared with: one program in its language's sandbox image through the docker
 * CLI, {@code docker run --rm -i --network none IMAGE sh -c ...}, as someone without Tandem would run it.
 * The source and stdin go over the attached stdin ({@code head -c} of each, which never reads past its
 * count) into a tmpfs at /work, where the sandbox puts them too (the image's /work is not writable and the
 * Java run command names it), then the language's own compile and run commands. None of the sandbox's other
 * restrictions: this is the floor a sandbox pays on top of.
 */
public final class BareDockerRun {

    /**
     * Times are nanoseconds from the start of the docker CLI process; {@code firstOutputNanos} is -1 without
     * output; {@code timedOut}: ended by the timeout (the CLI killed and the container removed).
     */
    public record Result(int exitCode, String stdout, String stderr, long firstOutputNanos, long finishedNanos, boolean timedOut) {
    }

    private BareDockerRun() {
    }

    public static Result run(Language lang, String source, String stdin, Duration timeout) throws IOException, InterruptedException {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
        // A name of its own, so that a run past its timeout can be removed: killing the CLI leaves the container.
        String name = "tandem-bare-" + UUID.randomUUID();
        Path stderrFile = Files.createTempFile("tandem-bare", ".stderr");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command(lang, name, src.length, in.length))
                    .redirectError(stderrFile.toFile()).start();
            CompletableFuture<Void> watchdog = new CompletableFuture<>();
            watchdog.completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .thenRunAsync(() -> removeQuietly(name, p));
            try {
                try (OutputStream toContainer = p.getOutputStream()) {
                    toContainer.write(src);
                    toContainer.write(in);
                }
                InputStream fromContainer = p.getInputStream();
                ByteArrayOutputStream stdout = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                long firstOutput = -1;
                for (int n; (n = fromContainer.read(buffer)) >= 0; ) {
                    if (firstOutput < 0 && n > 0) firstOutput = System.nanoTime() - start;
                    stdout.write(buffer, 0, n);
                }
                boolean ended = p.waitFor(Math.max(1, start + timeout.toNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
                long finished = System.nanoTime() - start;
                // The watchdog fired: the CLI was killed, so whatever it printed is not the run's.
                boolean timedOut = !ended || watchdog.isDone();
                if (!ended) removeQuietly(name, p);
                return new Result(ended ? p.exitValue() : -1, stdout.toString(StandardCharsets.UTF_8), Files.readString(stderrFile),
                        firstOutput, finished, timedOut);
            } finally {
                watchdog.cancel(false);
            }
        } finally {
            Files.deleteIfExists(stderrFile);
        }
    }

    static List<String> command(Language lang, String name, int sourceBytes, int stdinBytes) {
        StringBuilder script = new StringBuilder("cd /work && head -c " + sourceBytes + " > " + lang.fileName()
                + " && head -c " + stdinBytes + " > /tmp/stdin");
        // Compiler messages go to stderr, so that stdout is the program's alone.
        if (lang.compiled()) script.append(" && ").append(argv(lang.compileCommand(List.of(lang.fileName())))).append(" >&2");
        script.append(" && exec ").append(argv(lang.runCommand())).append(" < /tmp/stdin");
        return List.of("docker", "run", "--rm", "-i", "--name", name, "--network", "none",
                "--tmpfs", "/work:rw,exec,uid=10001,gid=10001,mode=0755", lang.image(), "sh", "-c", script.toString());
    }

    private static String argv(List<String> argv) {
        return argv.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private static void removeQuietly(String name, Process cli) {
        cli.destroyForcibly();
        try {
            Process rm = new ProcessBuilder("docker", "rm", "-f", name).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            rm.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // Best effort: the container ends by itself when its program does.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
