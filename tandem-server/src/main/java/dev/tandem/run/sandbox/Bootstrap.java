package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.SourceFile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The POSIX sh script that runs as the container's command (PID 1), and the stdin payload it reads.
 *
 * <p>The root filesystem is read-only and /work is a tmpfs mounted at start (a tmpfs hides anything
 * copied into the container before start), so the program's files travel over the attached stdin:
 * <pre>
 *   "&lt;nonce&gt; &lt;fileCount&gt; &lt;stdinBytes&gt;\n" + ("&lt;bytes&gt; &lt;path&gt;\n" + content) per file + stdin
 * </pre>
 * The script reads each line with {@code read} (byte by byte on a pipe), then exactly each file's bytes into
 * /work/&lt;path&gt; (its folders made first) and {@code stdinBytes} into {@value #PRIVATE_DIR}/stdin with
 * {@code head -c} (which never reads past its count), so the program's stdin is exactly the user's
 * stdin followed by EOF, whatever the transport does with the end of the attach stream. The paths were checked
 * on the host ({@link WorkFiles}); the script refuses an absolute one or one with an empty, {@code .} or
 * {@code ..} part again, and writes as the program's user, who can write nowhere but /work and /tmp.
 *
 * <p>Two identities (see {@link ContainerSpec}): the script runs as root with SETUID, SETGID and KILL only; the
 * compiler and the program run as {@value ContainerSpec#PROGRAM_UID} through {@code setpriv} and cannot reach
 * PID 1's descriptors, its memory (the nonce) or {@value #PRIVATE_DIR} (root, mode 0700), where the files the
 * report is made from live. Every step the program or compiler takes runs under {@code timeout -s KILL} a little
 * above the host's own deadline (the backstop when the host is gone), and is followed by {@code kill -9 -1},
 * which ends whatever it left behind (a {@code setsid} child included) before anything is reported.
 *
 * <p>The compiler reads /dev/null (never the attach stream) and writes to a file; its first
 * {@value #COMPILE_OUTPUT_BYTES} bytes are then printed by the script. Markers
 * {@code \u0001TANDEM:<nonce>:<body>\n} (see {@link MarkerScanner}): {@code C:<rc>} compile failed; {@code S} the
 * program starts (on stdout and on stderr, so each stream knows where compiler output ends);
 * {@code E:<rc>:<ms>:<maxRssKb>} the program ended. The program runs under GNU time, whose %M is the peak RSS of
 * the program (getrusage of the child). The nonce is never in the command line or the environment.
 */
final class Bootstrap {

    /** Root-only directory of the bootstrap's own files (the program's stdin, GNU time's report, compiler output). */
    static final String PRIVATE_DIR = "/tmp/.tandem";
    static final String STDIN_FILE = PRIVATE_DIR + "/stdin";
    /** The FIFO an interactive program reads its stdin from (opened by the root shell, so the program may read it). */
    static final String STDIN_FIFO = PRIVATE_DIR + "/in";
    static final int COMPILE_OUTPUT_BYTES = 64 * 1024;
    /** How much later than the host's deadline the container's own backstop fires. */
    static final long BACKSTOP_MS = 2_000;
    /** Runs a command as the program's user, with no capability. */
    static final String AS_PROGRAM = "setpriv --reuid=" + ContainerSpec.PROGRAM_UID + " --regid="
            + ContainerSpec.PROGRAM_UID + " --clear-groups --inh-caps=-all";

    private Bootstrap() {
    }

    /** @param paths the job's files (the main file first), for the descriptor's {@code {files:<glob>}} */
    static String script(Language lang, List<String> paths, long compileTimeoutMs, long runTimeMs) {
        StringBuilder s = new StringBuilder();
        s.append("IFS=' ' read -r N FC IL || exit 90\n");
        prologue(s);
        s.append("head -c \"$IL\" > ").append(STDIN_FILE).append(" || exit 93\n");
        s.append("exec 0</dev/null\n");
        compile(s, lang, paths, compileTimeoutMs);
        runAndReport(s, argv(lang.runCommand()), STDIN_FILE, runTimeMs);
        return s.toString();
    }

    /**
     * v1.1 "Interactive runs": as {@link #script}, but the program's stdin is a FIFO fed while it runs. After the
     * source, the attach stream carries frames ({@link RunControl}); a relay started after compilation (as root,
     * in the background, reading the attach stream through fd 3) copies each frame's bytes into the FIFO as it
     * arrives and exits at the EOF frame, which closes the program's stdin. {@code runTimeMs} is the run's wall
     * limit. C and C++ programs run under {@code stdbuf -o0}, so a prompt without a newline shows at once.
     */
    static String interactiveScript(Language lang, List<String> paths, long compileTimeoutMs, long runTimeMs) {
        StringBuilder s = new StringBuilder();
        s.append("IFS=' ' read -r N FC IL || exit 90\n");
        prologue(s);
        s.append("exec 3<&0 0</dev/null\n");
        compile(s, lang, paths, compileTimeoutMs);
        s.append("mkfifo -m 600 ").append(STDIN_FIFO).append(" || exit 93\n");
        s.append("tandem_relay() { while IFS= read -r n; do case \"$n\" in ''|*[!0-9]*|0) exit 0;; esac; ")
                .append("head -c \"$n\" || exit 0; done; }\n");
        s.append("tandem_relay <&3 > ").append(STDIN_FIFO).append(" 3<&- &\n");
        s.append("exec 3<&-\n");
        String run = argv(lang.runCommand());
        if (lang.compiled() && lang.runCommand().get(0).startsWith("./")) run = "stdbuf -o0 " + run;
        runAndReport(s, run, STDIN_FIFO, runTimeMs);
        return s.toString();
    }

    /**
     * The start marker, then {@code command} as the program's user under GNU time and the backstop of
     * {@code runTimeMs}, its stdin from {@code stdin}; then the end marker with its exit code, wall time and peak
     * memory, and the script exits as the program did.
     */
    private static void runAndReport(StringBuilder s, String command, String stdin, long runTimeMs) {
        s.append("printf '%s:S\\n' \"$M\"; printf '%s:S\\n' \"$M\" >&2\n");
        s.append("unset OLDPWD PWD\n");
        s.append("t0=$(date +%s%N)\n");
        s.append(backstop(runTimeMs)).append(" /usr/bin/time -q -f '%M' -o ").append(PRIVATE_DIR).append("/time ")
                .append(AS_PROGRAM).append(' ').append(command).append(" < ").append(stdin).append("\n");
        s.append("rc=$?\n");
        s.append("t1=$(date +%s%N)\n");
        s.append("kill -9 -1 2>/dev/null\n");
        s.append("kb=$(tail -n 1 ").append(PRIVATE_DIR).append("/time 2>/dev/null)\n");
        s.append("printf '%s:E:%d:%d:%s\\n' \"$M\" \"$rc\" \"$(( (t1 - t0) / 1000000 ))\" \"$kb\"\n");
        s.append("exit \"$rc\"\n");
    }

    /**
     * After the header line was read into N and FC: the marker prefix M, the private directory, and the FC files
     * written into /work by the program's user (root may not write there), one shell as that user for all of them.
     */
    static void prologue(StringBuilder s) {
        s.append("M=$(printf '\\001TANDEM:%s' \"$N\")\n");
        s.append("case \"$FC\" in ''|*[!0-9]*) exit 90;; esac\n");
        s.append("mkdir -m 700 ").append(PRIVATE_DIR).append(" || exit 93\n");
        s.append("cd /work || exit 91\n");
        s.append(AS_PROGRAM).append(" sh -c ").append(quote(WRITE_FILES)).append(" files \"$FC\" || exit 92\n");
    }

    /** Reads $1 files ("<bytes> <path>" line, then the bytes) from stdin into the current folder (/work). */
    private static final String WRITE_FILES = String.join("\n",
            "i=0",
            "while [ \"$i\" -lt \"$1\" ]; do",
            "  IFS=' ' read -r L P || exit 1",
            "  case \"$L\" in ''|*[!0-9]*) exit 1;; esac",
            "  case \"/$P/\" in *//*|*/./*|*/../*) exit 1;; esac",
            "  case \"$P\" in */*) mkdir -p -- \"${P%/*}\" || exit 1;; esac",
            "  head -c \"$L\" > \"$P\" || exit 1",
            "  i=$((i+1))",
            "done");

    /** Compiles (if the language needs it) as the program's user; on failure reports {@code C:<rc>} and exits. */
    static void compile(StringBuilder s, Language lang, List<String> paths, long compileTimeoutMs) {
        if (!lang.compiled()) return;
        s.append(backstop(compileTimeoutMs)).append(' ').append(AS_PROGRAM).append(' ').append(argv(lang.compileCommand(paths)))
                .append(" < /dev/null > ").append(PRIVATE_DIR).append("/compile 2>&1\n");
        s.append("rc=$?\n");
        s.append("kill -9 -1 2>/dev/null\n");
        s.append("head -c ").append(COMPILE_OUTPUT_BYTES).append(' ').append(PRIVATE_DIR).append("/compile\n");
        s.append("if [ \"$rc\" -ne 0 ]; then printf '%s:C:%d\\n' \"$M\" \"$rc\"; exit 0; fi\n");
    }

    /** {@code timeout -s KILL} a little past the host's deadline of {@code ms}. */
    static String backstop(long ms) {
        return "timeout -s KILL " + String.format(Locale.ROOT, "%.3f", (ms + BACKSTOP_MS) / 1000.0);
    }

    static byte[] payload(String nonce, List<SourceFile> files, String stdin) {
        byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((nonce + " " + files.size() + " " + in.length + "\n").getBytes(StandardCharsets.US_ASCII));
        WorkFiles.write(out, files);
        out.writeBytes(in);
        return out.toByteArray();
    }

    static String argv(List<String> argv) {
        return argv.stream().map(Bootstrap::quote).collect(Collectors.joining(" "));
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
