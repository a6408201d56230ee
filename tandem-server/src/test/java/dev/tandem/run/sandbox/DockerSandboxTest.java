package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.OutputListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static dev.tandem.run.Languages.C;
import static dev.tandem.run.Languages.CPP;
import static dev.tandem.run.Languages.GO;
import static dev.tandem.run.Languages.JAVA;
import static dev.tandem.run.Languages.JAVASCRIPT;
import static dev.tandem.run.Languages.PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs real programs in real containers (no mocks). Needs a Docker engine and the sandbox images
 * (.ci/docker-up.sh); without them every test FAILS with the reason (never skipped).
 */
@Timeout(120)
class DockerSandboxTest {

    static DockerSandbox sandbox;

    @RegisterExtension
    static final SandboxSuite SUITE = new SandboxSuite(Languages::all, opened -> sandbox = opened);

    static RunResult run(Language l, String src, String stdin) {
        return sandbox.run(new RunRequest(l, src, stdin), OutputListener.NONE);
    }

    static RunResult run(Language l, String src, Limits limits) {
        return sandbox.run(new RunRequest(l, src, "", limits), OutputListener.NONE);
    }

    /** Runs {@code src} without input and checks that it ended as {@code outcome}, with a non-zero exit code. */
    static RunResult fails(Language l, String src, RunOutcome outcome) {
        RunResult r = run(l, src, "");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(outcome);
        assertThat(r.exitCode()).isNotNull().isNotZero();
        return r;
    }

    // ---------------------------------------------------------------- every language

    /**
     * One language's programs: {@code says} is what its runtime error prints on stderr (null: a C segfault says
     * nothing, its exit code tells), {@code compileError} is null for an interpreter, and {@code twoLines} prints
     * "first", waits over a second, then prints "second" (null: not an interpreter whose output we tuned to stream).
     */
    record Programs(String id, String hello, String echo, String runtimeError, String says, String compileError,
                    String twoLines) {
        Language lang() {
            return Languages.byId(id);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The first six, then the languages that exist only as data (sandbox-images/&lt;id&gt;/language.json). */
    static final List<Programs> PROGRAMS = List.of(
            new Programs("python",
                    "print('hello, world')\n",
                    "import sys\nsys.stdout.write(sys.stdin.read())\n",
                    "print('before')\n1/0\n", "ZeroDivisionError",
                    null, "import time\nprint('first')\ntime.sleep(1.2)\nprint('second')\n"),
            new Programs("javascript",
                    "console.log('hello, world');\n",
                    "const fs = require('fs');\nprocess.stdout.write(fs.readFileSync(0, 'utf8'));\n",
                    "console.log('before');\nthrow new Error('boom');\n", "boom",
                    null, null),
            new Programs("java",
                    "public class Main {\n  public static void main(String[] a) {\n    System.out.println(\"hello, world\");\n  }\n}\n",
                    "public class Main {\n  public static void main(String[] a) throws Exception {\n"
                            + "    System.out.write(System.in.readAllBytes());\n    System.out.flush();\n  }\n}\n",
                    "public class Main {\n  public static void main(String[] a) {\n    System.out.println(\"before\");\n"
                            + "    throw new IllegalStateException(\"boom\");\n  }\n}\n", "boom",
                    "public class Main {\n  public static void main(String[] a) {\n    int x = \"nope\"\n  }\n}\n", null),
            new Programs("c",
                    "#include <stdio.h>\nint main(void) { puts(\"hello, world\"); return 0; }\n",
                    "#include <stdio.h>\nint main(void) { int c; while ((c = getchar()) != EOF) putchar(c); return 0; }\n",
                    "#include <stdio.h>\nint main(void) { puts(\"before\"); fflush(stdout); volatile int *p = 0; *p = 1; return 0; }\n", null,
                    "#include <stdio.h>\nint main(void) { undefined_function(; }\n", null),
            new Programs("cpp",
                    "#include <iostream>\nint main() { std::cout << \"hello, world\" << std::endl; }\n",
                    "#include <iostream>\nint main() { std::cout << std::cin.rdbuf(); }\n",
                    "#include <iostream>\n#include <stdexcept>\nint main() { std::cout << \"before\" << std::endl; throw std::runtime_error(\"boom\"); }\n", "boom",
                    "#include <iostream>\nint main() { std::cout << nope << std::endl; }\n", null),
            new Programs("go",
                    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello, world\")\n}\n",
                    "package main\n\nimport (\n\t\"io\"\n\t\"os\"\n)\n\nfunc main() {\n\tio.Copy(os.Stdout, os.Stdin)\n}\n",
                    "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"before\")\n\tpanic(\"boom\")\n}\n", "boom",
                    "package main\n\nfunc main() {\n\tx := undefinedThing\n}\n", null),
            new Programs("rust",
                    "fn main() {\n    println!(\"hello, world\");\n}\n",
                    "use std::io::{self, Read, Write};\n\nfn main() {\n    let mut s = String::new();\n"
                            + "    io::stdin().read_to_string(&mut s).unwrap();\n    io::stdout().write_all(s.as_bytes()).unwrap();\n}\n",
                    "fn main() {\n    println!(\"before\");\n    panic!(\"boom\");\n}\n", "boom",
                    "fn main() {\n    let x: i32 = \"nope\";\n}\n",
                    null),
            new Programs("ruby",
                    "puts \"hello, world\"\n",
                    "$stdout.write($stdin.read)\n",
                    "puts \"before\"\nraise \"boom\"\n", "boom",
                    null,
                    "puts \"first\"\nsleep 1.2\nputs \"second\"\n"),
            new Programs("php",
                    "<?php\necho \"hello, world\\n\";\n",
                    "<?php\necho stream_get_contents(STDIN);\n",
                    "<?php\necho \"before\\n\";\nthrow new Exception(\"boom\");\n", "boom",
                    null,
                    "<?php\necho \"first\\n\";\nusleep(1200000);\necho \"second\\n\";\n"),
            new Programs("kotlin",
                    "fun main() {\n    println(\"hello, world\")\n}\n",
                    "fun main() {\n    System.out.write(System.`in`.readBytes())\n    System.out.flush()\n}\n",
                    "fun main() {\n    println(\"before\")\n    throw IllegalStateException(\"boom\")\n}\n", "boom",
                    "fun main() {\n    val x: Int = \"nope\"\n}\n",
                    null),
            new Programs("typescript",
                    "const greeting: string = \"hello, world\";\nconsole.log(greeting);\n",
                    "import * as fs from \"fs\";\n\nprocess.stdout.write(fs.readFileSync(0, \"utf8\"));\n",
                    "console.log(\"before\");\nthrow new Error(\"boom\");\n", "boom",
                    "const x: number = \"nope\";\nconsole.log(x);\n",
                    null),
            new Programs("bash",
                    "echo \"hello, world\"\n",
                    "cat\n",
                    "echo before\nno_such_command_here\n", "no_such_command_here",
                    null,
                    "echo first\nsleep 1.2\necho second\n"));

    static Stream<Programs> all() {
        return PROGRAMS.stream();
    }

    static Stream<Programs> compiled() {
        return PROGRAMS.stream().filter(p -> p.compileError() != null);
    }

    static Stream<Programs> interpreted() {
        return PROGRAMS.stream().filter(p -> p.twoLines() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void helloWorld(Programs p) {
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        List<String> streams = Collections.synchronizedList(new ArrayList<>());
        RunResult r = sandbox.run(new RunRequest(p.lang(), p.hello(), ""), (s, c) -> {
            streams.add(s);
            chunks.add(c);
        });
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("hello, world\n");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.truncated()).isFalse();
        assertThat(r.memoryKb()).isNotNull().isPositive();
        // measured, and within the language's own limit (a JVM language starts slower than 5 s on a loaded machine)
        assertThat(r.timeMs()).isBetween(0L, p.lang().defaultLimits().timeMs());
        assertThat(String.join("", chunks)).isEqualTo("hello, world\n");
        assertThat(streams).containsOnly("stdout");
        assertThat(p.lang().compiled()).isEqualTo(p.compileError() != null);
        if (p.lang().compiled()) assertThat(r.compileOutput()).doesNotContainIgnoringCase("error");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void stdinEcho(Programs p) {
        String input = "line one\nzweite Zeile ü ✓\n\nlast line without newline";
        RunResult r = run(p.lang(), p.echo(), input);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).isEqualTo(input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void runtimeError(Programs p) {
        RunResult r = fails(p.lang(), p.runtimeError(), RunOutcome.RUNTIME_ERROR);
        assertThat(r.stdout()).isEqualTo("before\n");
        if (p.says() != null) assertThat(r.stderr()).as("the error is explained on stderr").contains(p.says());
        else assertThat(r.exitCode()).isEqualTo(128 + 11); // C: SIGSEGV, nothing on stderr
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compiled")
    void compileError(Programs p) {
        RunResult r = fails(p.lang(), p.compileError(), RunOutcome.COMPILE_ERROR);
        assertThat(r.compileOutput()).as("names the file").contains(p.lang().fileName());
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
        assertThat(r.compileOutput()).doesNotContain("TANDEM");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interpreted")
    void outputArrivesAsItIsWritten(Programs p) {
        long[] firstAt = {0};
        StringBuilder seen = new StringBuilder();
        RunResult r = sandbox.run(new RunRequest(p.lang(), p.twoLines(), ""), (s, c) -> {
            synchronized (seen) {
                seen.append(c);
                if (firstAt[0] == 0 && seen.toString().equals("first\n")) firstAt[0] = System.nanoTime();
            }
        });
        long returnedAt = System.nanoTime();
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(seen.toString()).isEqualTo("first\nsecond\n");
        assertThat(firstAt[0]).as("first line delivered on its own, before the program printed the second").isNotZero();
        assertThat((returnedAt - firstAt[0]) / 1_000_000).as("ms between the first line and the end of the run")
                .isGreaterThanOrEqualTo(800);
        assertThat(r.timeMs()).as("the program's own time, sleep included").isBetween(1_200L, 4_000L);
    }

    // ---------------------------------------------------------------- hostile programs

    @Test
    void infiniteLoopTimesOut() {
        long limit = 2_000;
        long t0 = System.nanoTime();
        RunResult r = run(PYTHON, "while True:\n    pass\n", PYTHON.defaultLimits().withTimeMs(limit));
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(r.timeMs()).isBetween(limit, limit + 1_000);
        // the whole call: container create/start/remove on top of the limit
        assertThat(wallMs).as("run() wall time").isLessThan(limit + 2_500);
    }

    @Test
    void infiniteLoopInCompiledLanguageTimesOut() {
        long limit = 1_500;
        RunResult r = run(C, "int main(void) { for (;;) { } }\n", C.defaultLimits().withTimeMs(limit));
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(r.timeMs()).isBetween(limit, limit + 1_000);
    }

    @Test
    void allocatingOneGigabyteHitsTheMemoryLimit() {
        RunResult r = run(PYTHON, "s = 'a' * (1 << 30)\nprint(len(s))\n", PYTHON.defaultLimits().withMemoryMb(256));
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.MEMORY_LIMIT);
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void forkBombIsContainedAndTheNextRunWorks() {
        Limits limits = PYTHON.defaultLimits().withTimeMs(3_000);
        // count how many processes one can make: the pids limit stops it well below the limit
        RunResult count = run(PYTHON, """
                import os, time
                n = 0
                try:
                    while True:
                        if os.fork() == 0:
                            time.sleep(60)
                            os._exit(0)
                        n += 1
                except OSError as e:
                    print(n, e.errno)
                """, limits);
        assertThat(count.stdout()).as(count.toString()).isNotBlank();
        int made = Integer.parseInt(count.stdout().trim().split(" ")[0]);
        assertThat(made).isLessThan(limits.pids());

        long t0 = System.nanoTime();
        RunResult bomb = run(PYTHON, """
                import os
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
                """, limits);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(bomb.outcome()).as(bomb.toString())
                .isIn(RunOutcome.TIMEOUT, RunOutcome.RUNTIME_ERROR, RunOutcome.MEMORY_LIMIT);
        assertThat(wallMs).isLessThan(limits.timeMs() + 10_000);

        RunResult next = run(PYTHON, "print('still fine')\n", "");
        assertThat(next.outcome()).as(next.toString()).isEqualTo(RunOutcome.OK);
        assertThat(next.stdout()).isEqualTo("still fine\n");
    }

    @Test
    void printingForeverStopsAtTheOutputCap() {
        int cap = 64 * 1024;
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        RunResult r = sandbox.run(new RunRequest(PYTHON, "while True:\n    print('x' * 99)\n", "",
                PYTHON.defaultLimits().withOutputBytes(cap)), (s, c) -> chunks.add(c));
        assertThat(r.outcome()).as(r.message()).isEqualTo(RunOutcome.OUTPUT_LIMIT);
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout()).hasSize(cap);
        assertThat(String.join("", chunks)).isEqualTo(r.stdout());
    }

    @Test
    void networkIsUnreachable() {
        RunResult r = run(PYTHON, """
                import socket
                for target in [("1.1.1.1", 80), ("deb.debian.org", 80), ("127.0.0.1", 22)]:
                    try:
                        socket.create_connection(target, timeout=2).close()
                        print("CONNECTED", target)
                    except OSError as e:
                        print("failed", target[0], type(e).__name__)
                import os
                print(sorted(os.listdir("/sys/class/net")))
                """, "");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).doesNotContain("CONNECTED")
                .contains("failed 1.1.1.1", "failed deb.debian.org", "failed 127.0.0.1")
                .contains("['lo']");
    }

    @Test
    void writingOutsideTheWorkDirectoryFails() {
        RunResult r = run(PYTHON, """
                import os
                for path in ["/etc/evil", "/evil", "/usr/local/bin/evil", "/home/evil", "/var/tmp/evil"]:
                    try:
                        with open(path, "w") as f:
                            f.write("x")
                        print("WROTE", path)
                    except OSError as e:
                        print("denied", path, e.strerror)
                with open("/work/ok.txt", "w") as f:
                    f.write("fine")
                print("work ok", open("/work/ok.txt").read())
                print("uid", os.getuid(), os.geteuid(), os.getgid())
                """, "");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).doesNotContain("WROTE")
                .contains("denied /etc/evil", "denied /evil", "denied /usr/local/bin/evil")
                .contains("work ok fine")
                .contains("uid 10001 10001 10001");
    }

    @Test
    void environmentShowsNothingOfTheHost() throws Exception {
        RunResult r = run(PYTHON, """
                import os, socket
                for k, v in sorted(os.environ.items()):
                    print(k + "=" + v)
                print("hostname:" + socket.gethostname())
                """, "");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        Map<String, String> env = new java.util.TreeMap<>();
        String hostname = null;
        for (String line : r.stdout().split("\n")) {
            if (line.startsWith("hostname:")) hostname = line.substring(9);
            else env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        assertThat(env.keySet()).containsExactlyInAnyOrder("PATH", "HOME", "LANG", "HOSTNAME");
        assertThat(env).containsEntry("HOSTNAME", "sandbox").containsEntry("HOME", "/work")
                .containsEntry("LANG", "C.UTF-8");
        assertThat(hostname).isEqualTo("sandbox");
        String hostHostname = InetAddress.getLocalHost().getHostName();
        if (!hostHostname.equals("sandbox")) assertThat(r.stdout()).doesNotContain(hostHostname);
        Set<String> allowed = Set.of("PATH", "HOME", "LANG", "HOSTNAME");
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (allowed.contains(e.getKey())) continue;
            assertThat(env).doesNotContainKey(e.getKey());
            if (e.getValue().length() >= 8) assertThat(r.stdout()).doesNotContain(e.getValue());
        }
    }

    @Test
    void utf8SplitAcrossFramesIsDecoded() {
        // write the UTF-8 bytes in 7-byte pieces with a flush each: frames end inside characters
        String unit = "héllo wörld ✓ 🎉 日本語 ";
        int times = 400;
        RunResult r = run(PYTHON, """
                import sys
                data = (%s * %d).encode("utf-8")
                out = sys.stdout.buffer
                for i in range(0, len(data), 7):
                    out.write(data[i:i + 7])
                    out.flush()
                """.formatted("\"" + unit + "\"", times), "");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).doesNotContain("\uFFFD").isEqualTo(unit.repeat(times));
    }

    @Test
    void utf8CapNeverSplitsACharacter() {
        RunResult r = run(PYTHON, "while True:\n    print('ü✓🎉' * 50)\n", PYTHON.defaultLimits().withOutputBytes(1001));
        assertThat(r.outcome()).isEqualTo(RunOutcome.OUTPUT_LIMIT);
        assertThat(r.stdout()).doesNotContain("\uFFFD");
        assertThat(r.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isBetween(998, 1001);
    }

    @Test
    void stderrIsSeparateAndStreamed() {
        List<String> chunks = Collections.synchronizedList(new ArrayList<>());
        RunResult r = sandbox.run(new RunRequest(PYTHON,
                "import sys\nprint('out')\nprint('err', file=sys.stderr)\nsys.exit(4)\n", ""),
                (s, c) -> chunks.add(s + ":" + c));
        assertThat(r.outcome()).isEqualTo(RunOutcome.RUNTIME_ERROR);
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(String.join("", chunks.stream().filter(c -> c.startsWith("stdout:")).map(c -> c.substring(7)).toList()))
                .isEqualTo("out\n");
        assertThat(String.join("", chunks.stream().filter(c -> c.startsWith("stderr:")).map(c -> c.substring(7)).toList()))
                .isEqualTo("err\n");
    }

    @Test
    void programCannotForgeTheSandboxReport() {
        // a marker without the run's secret nonce is plain output
        RunResult r = run(PYTHON, "print('\\x01TANDEM:0000:E:0:1:1')\nraise SystemExit(5)\n", "");
        assertThat(r.outcome()).isEqualTo(RunOutcome.RUNTIME_ERROR);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.stdout()).isEqualTo("\u0001TANDEM:0000:E:0:1:1\n");
    }

    /**
     * Attack (issue 13 item 1): the program reaches what reports on it — PID 1's attach stream and memory (the
     * nonce), the bootstrap's files — to forge the end report. It runs under another uid and reaches none of it.
     */
    @Test
    void programCannotReachTheBootstrap() {
        String probe = String.join("\n",
                "import os",
                "def tryit(name, f):",
                "    try:",
                "        f(); print(name, 'REACHED')",
                "    except OSError:",
                "        print(name, 'closed')",
                "tryit('fd1', lambda: open('/proc/1/fd/1', 'w').write('x'))",
                "tryit('fd2', lambda: open('/proc/1/fd/2', 'w').write('x'))",
                "tryit('fds', lambda: os.listdir('/proc/1/fd'))",
                "tryit('mem', lambda: open('/proc/1/mem', 'rb').read(1))",
                "tryit('environ', lambda: open('/proc/1/environ', 'rb').read())",
                "tryit('stdin', lambda: open('/tmp/.tandem/stdin', 'rb').read())",
                "tryit('time', lambda: open('/tmp/.tandem/time', 'w').write(':'))",
                "tryit('dir', lambda: os.listdir('/tmp/.tandem'))",
                "");
        RunResult r = run(PYTHON, probe, "secret input");
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        assertThat(r.stdout()).doesNotContain("REACHED");
        assertThat(r.stdout().lines().count()).isEqualTo(8);
    }

    @Test
    void memoryIsMeasured() {
        RunResult small = run(C, "int main(void) { return 0; }\n", "");
        RunResult big = run(C, """
                #include <stdlib.h>
                #include <string.h>
                #include <stdio.h>
                int main(void) {
                    size_t n = 100u << 20;
                    volatile char *p = malloc(n);
                    for (size_t i = 0; i < n; i += 4096) p[i] = 1;
                    printf("%d\\n", p[n / 2]);
                    return 0;
                }
                """, "");
        assertThat(small.outcome()).isEqualTo(RunOutcome.OK);
        assertThat(big.outcome()).as(big.toString()).isEqualTo(RunOutcome.OK);
        assertThat(big.memoryKb()).isGreaterThan(100 * 1024L);
        assertThat(small.memoryKb()).isLessThan(10 * 1024L);
    }

    @Test
    void largeSourceAndStdinArriveIntact() {
        String padding = "# " + "p".repeat(98) + "\n";
        String source = padding.repeat(5_000) // 500 KB of comments
                + "import sys, hashlib\ndata = sys.stdin.buffer.read()\n"
                + "print(len(data), hashlib.sha256(data).hexdigest(), len(open(__file__, 'rb').read()))\n";
        StringBuilder in = new StringBuilder();
        for (int i = 0; in.length() < 900_000; i++) in.append(i).append(" ü\n");
        String stdin = in.toString();
        byte[] inBytes = stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RunResult r = run(PYTHON, source, stdin);
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(inBytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        assertThat(r.stdout()).isEqualTo(inBytes.length + " " + sha + " "
                + source.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\n");
    }

    @Test
    void concurrentRunsAreIsolated() throws Exception {
        int n = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> run(PYTHON,
                        "import sys, os\nprint(sys.stdin.read() * 3, os.listdir('/work'))\n", "run" + k)));
            }
            for (int i = 0; i < n; i++) {
                RunResult r = futures.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.OK);
                assertThat(r.stdout()).isEqualTo("run%d".formatted(i).repeat(3) + " ['main.py']\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void compilationHasItsOwnTimeLimit() {
        Language slowCompiler = new Language("slow", "Slow", "0", PYTHON.image(), "main.txt",
                List.of("sleep", "30"), List.of("true"), Limits.DEFAULT);
        DockerSandbox quick = new DockerSandbox(sandbox.client(), 1_500);
        long t0 = System.nanoTime();
        RunResult r = quick.run(new RunRequest(slowCompiler, "", ""), OutputListener.NONE);
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.outcome()).as(r.toString()).isEqualTo(RunOutcome.TIMEOUT);
        assertThat(r.message()).contains("compilation");
        assertThat(wallMs).isLessThan(1_500 + 2_500);
    }

    @Test
    void missingImageIsAnInternalError() {
        Language ghost = new Language("ghost", "Ghost", "0", "tandem-sandbox-does-not-exist:latest", "main.x",
                null, List.of("true"), Limits.DEFAULT);
        RunResult r = run(ghost, "", "");
        assertThat(r.outcome()).isEqualTo(RunOutcome.INTERNAL_ERROR);
        assertThat(r.message()).contains("sandbox-images/build.sh");
    }

}
