package dev.tandem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a server process's resource use from outside: CPU time from {@code /proc/<pid>/stat}, RSS from
 * {@code /proc/<pid>/status}, and the live heap after a full GC through {@code jcmd} (the same for any server,
 * the floors included, and an outside reading does not disturb what is measured).
 */
final class ServerProbe {
    /** USER_HZ: the unit of utime/stime in /proc; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private final long pid;

    ServerProbe(long pid) {
        this.pid = pid;
    }

    boolean present() {
        return pid > 0;
    }

    /** utime + stime of the whole process (every thread), in milliseconds. */
    double cpuMillis() throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) * 1000.0 / TICKS_PER_SECOND;
    }

    /**
     * CPU of the JIT compiler's threads ({@code C1/C2 CompilerThread*}; Linux cuts a thread's name to 15
     * characters), in milliseconds. A compiler thread that exits takes its time with it, so measure with
     * {@code -XX:-UseDynamicNumberOfCompilerThreads} when the difference of two readings matters.
     */
    double jitCompilerMillis() throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between the listing and the read
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) continue;
                ticks += cpuTicks(stat);
            }
        }
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    /** utime + stime of a process's or a thread's {@code stat} line, in clock ticks. */
    private static long cpuTicks(String stat) {
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** Heap in use after a full GC, in KiB. */
    long heapUsedAfterGcKib() throws IOException, InterruptedException {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) throw new IOException("cannot read the heap from: " + info);
        return Long.parseLong(m.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("jcmd " + command + " failed: " + out);
        return out;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
