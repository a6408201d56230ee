package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Limits;
import dev.tandem.run.SourceFile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static dev.tandem.run.sandbox.Bootstrap.AS_PROGRAM;
import static dev.tandem.run.sandbox.Bootstrap.PRIVATE_DIR;
import static dev.tandem.run.sandbox.Bootstrap.argv;

/**
 * The bootstrap of a test batch (the judge): compile once, then run each input as it arrives. Same identities and
 * prologue as {@link Bootstrap}. The stdin is {@code "<nonce> <fileCount> <count>\n"} and the files as there, then, one at a
 * time and only after the previous test was reported, {@code "<inputBytes>\n" + input}. Each input runs under
 * GNU {@code timeout -s KILL} (the problem's time limit) and GNU time with stdout capped at outputBytes + 1 and
 * stderr at {@value #STDERR_BYTES}, both into the private directory; then {@code kill -9 -1}, and the report
 * {@code \u0001TANDEM:<nonce>:R:<i>:<rc>:<ms>:<maxRssKb>:<oomKills>:<outLen>:<errLen>\n} followed by exactly
 * outLen + errLen bytes. {@code D} ends the batch. After {@code S} nothing but reports is ever written to the
 * attach stream, and only by the script.
 */
final class TestsBootstrap {
    static final int STDERR_BYTES = 4096;

    private TestsBootstrap() {
    }

    static String script(Language lang, List<String> paths, Limits limits, long compileTimeoutMs) {
        String tl = String.format(Locale.ROOT, "%.3f", limits.timeMs() / 1000.0);
        long cap = limits.outputBytes() + 1L;
        String d = PRIVATE_DIR;
        StringBuilder s = new StringBuilder();
        s.append("IFS=' ' read -r N FC CNT || exit 90\n");
        Bootstrap.prologue(s);
        Bootstrap.compile(s, lang, paths, compileTimeoutMs);
        s.append("printf '%s:S\\n' \"$M\"\n");
        s.append("unset OLDPWD PWD\n");
        s.append("of=/sys/fs/cgroup/memory/memory.oom_control; [ -r \"$of\" ] || of=/sys/fs/cgroup/memory.events\n");
        s.append("ooms() { v=$(sed -n 's/^oom_kill //p' \"$of\" 2>/dev/null); echo \"${v:-0}\"; }\n");
        s.append("i=0\n");
        s.append("while [ \"$i\" -lt \"$CNT\" ]; do\n");
        s.append("  IFS=' ' read -r L || exit 94; head -c \"$L\" > ").append(d).append("/in || exit 95\n");
        s.append("  rm -f ").append(d).append("/time ").append(d).append("/rc; o0=$(ooms); t0=$(date +%s%N)\n");
        s.append("  { timeout -s KILL ").append(tl).append(" /usr/bin/time -q -f '%M' -o ").append(d).append("/time ")
                .append(AS_PROGRAM).append(' ').append(argv(lang.runCommand())).append(" < ").append(d).append("/in 2>")
                .append(d).append("/err; echo $? > ").append(d).append("/rc; } 0</dev/null | head -c ")
                .append(cap).append(" > ").append(d).append("/out\n");
        s.append("  t1=$(date +%s%N); kill -9 -1 2>/dev/null; o1=$(ooms); rc=$(cat ").append(d)
                .append("/rc 2>/dev/null); kb=$(tail -n 1 ").append(d).append("/time 2>/dev/null)\n");
        s.append("  head -c ").append(STDERR_BYTES).append(' ').append(d).append("/err > ").append(d).append("/err2\n");
        s.append("  ol=$(wc -c < ").append(d).append("/out); el=$(wc -c < ").append(d).append("/err2)\n");
        s.append("  printf '%s:R:%d:%s:%d:%s:%d:%d:%d\\n' \"$M\" \"$i\" \"${rc:-137}\" \"$(( (t1 - t0) / 1000000 ))\" \"$kb\" \"$((o1 - o0))\" \"$ol\" \"$el\"\n");
        s.append("  cat ").append(d).append("/out ").append(d).append("/err2\n");
        s.append("  i=$((i+1))\n");
        s.append("done\n");
        s.append("printf '%s:D\\n' \"$M\"\n");
        return s.toString();
    }

    static byte[] header(String nonce, List<SourceFile> files, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((nonce + " " + files.size() + " " + count + "\n").getBytes(StandardCharsets.US_ASCII));
        WorkFiles.write(out, files);
        return out.toByteArray();
    }

    static byte[] input(String in) {
        byte[] b = in.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((b.length + "\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(b);
        return out.toByteArray();
    }
}
