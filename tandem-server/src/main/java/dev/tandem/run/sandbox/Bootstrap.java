package dev.tandem.run.sandbox;

import dev.tandem.run.Language;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The POSIX sh script that runs as the container's command (PID 1), and the stdin payload it reads.
 *
 * <p>The root filesystem is read-only and /work is a tmpfs mounted at start (a tmpfs hides anything
 * copied into the container before start), so the source travels over the attached stdin:
 * <pre>
 *   "&lt;nonce&gt; &lt;sourceBytes&gt; &lt;stdinBytes&gt;\n" + source + stdin
 * </pre>
 * The script reads the header line with {@code read} (byte by byte on a pipe), then exactly
 * {@code sourceBytes} into /work/&lt;file&gt; and {@code stdinBytes} into /tmp/.tandem/stdin with
 * {@code head -c} (which never reads past its count), so the program's stdin is exactly the user's
 * stdin followed by EOF, whatever the transport does with the end of the attach stream.
 *
 * <p>It then compiles (compiler output merged onto stdout) and reports on both streams with markers
 * {@code \u0001TANDEM:<nonce>:<body>\n} (see {@link MarkerScanner}):
 * {@code C:<rc>} compile failed; {@code S} the program starts (on stdout and on stderr, so each stream
 * knows where compiler output ends); {@code E:<rc>:<ms>:<maxRssKb>} the program ended. The program runs
 * under GNU time, whose %M is the peak RSS of the program (getrusage of the child). The nonce is never
 * in the command line or the environment, where the program could read it.
 */
final class Bootstrap {

    static final String STDIN_FILE = "/tmp/.tandem/stdin";

    private Bootstrap() {
    }

    static String script(Language lang) {
        StringBuilder s = new StringBuilder();
        s.append("IFS=' ' read -r N SL IL || exit 90\n");
        s.append("M=$(printf '\\001TANDEM:%s' \"$N\")\n");
        s.append("cd /work || exit 91\n");
        s.append("head -c \"$SL\" > ").append(quote("/work/" + lang.fileName())).append(" || exit 92\n");
        s.append("mkdir -p /tmp/.tandem && head -c \"$IL\" > ").append(STDIN_FILE).append(" || exit 93\n");
        s.append("exec 0</dev/null\n");
        if (lang.compiled()) {
            s.append(argv(lang.compileCommand())).append(" 2>&1\n");
            s.append("rc=$?\n");
            s.append("if [ \"$rc\" -ne 0 ]; then printf '%s:C:%d\\n' \"$M\" \"$rc\"; exit 0; fi\n");
        }
        s.append("printf '%s:S\\n' \"$M\"; printf '%s:S\\n' \"$M\" >&2\n");
        s.append("unset OLDPWD PWD\n");
        s.append("t0=$(date +%s%N)\n");
        s.append("/usr/bin/time -q -f '%M' -o /tmp/.tandem/time ").append(argv(lang.runCommand()))
                .append(" < ").append(STDIN_FILE).append("\n");
        s.append("rc=$?\n");
        s.append("t1=$(date +%s%N)\n");
        s.append("kb=$(tail -n 1 /tmp/.tandem/time 2>/dev/null)\n");
        s.append("printf '%s:E:%d:%d:%s\\n' \"$M\" \"$rc\" \"$(( (t1 - t0) / 1000000 ))\" \"$kb\"\n");
        s.append("exit \"$rc\"\n");
        return s.toString();
    }

    static byte[] payload(String nonce, String source, String stdin) {
        byte[] src = source.getBytes(StandardCharsets.UTF_8);
        byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
        byte[] header = (nonce + " " + src.length + " " + in.length + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + src.length + in.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(src, 0, all, header.length, src.length);
        System.arraycopy(in, 0, all, header.length + src.length, in.length);
        return all;
    }

    static String argv(List<String> argv) {
        return argv.stream().map(Bootstrap::quote).collect(Collectors.joining(" "));
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
