package dev.tandem.run;

/**
 * Resource limits of one run.
 *
 * @param timeMs      wall-clock limit of the program run (compilation has its own limit), in ms
 * @param memoryMb    memory limit of the whole container (memory == memory+swap: no swap), in MiB
 * @param pids        maximum number of processes/threads in the container
 * @param outputBytes cap of each output stream (stdout, stderr) in bytes; the run is stopped past it
 * @param cpus        CPU quota in CPUs (NanoCPUs), e.g. 1.0
 */
public record Limits(long timeMs, int memoryMb, int pids, int outputBytes, double cpus) {

    public static final int DEFAULT_OUTPUT_BYTES = 64 * 1024;

    /** Defaults for interpreted languages and native binaries. */
    public static final Limits DEFAULT = new Limits(5_000, 256, 64, DEFAULT_OUTPUT_BYTES, 1.0);

    public Limits {
        if (timeMs < 100 || timeMs > 300_000) throw new IllegalArgumentException("timeMs out of range: " + timeMs);
        if (memoryMb < 16 || memoryMb > 8192) throw new IllegalArgumentException("memoryMb out of range: " + memoryMb);
        if (pids < 8 || pids > 4096) throw new IllegalArgumentException("pids out of range: " + pids);
        if (outputBytes < 1 || outputBytes > 64 * 1024 * 1024) throw new IllegalArgumentException("outputBytes out of range: " + outputBytes);
        if (!(cpus >= 0.01 && cpus <= 64)) throw new IllegalArgumentException("cpus out of range: " + cpus);
    }

    public Limits withTimeMs(long v) { return new Limits(v, memoryMb, pids, outputBytes, cpus); }
    public Limits withMemoryMb(int v) { return new Limits(timeMs, v, pids, outputBytes, cpus); }
    public Limits withPids(int v) { return new Limits(timeMs, memoryMb, v, outputBytes, cpus); }
    public Limits withOutputBytes(int v) { return new Limits(timeMs, memoryMb, pids, v, cpus); }
    public Limits withCpus(double v) { return new Limits(timeMs, memoryMb, pids, outputBytes, v); }
}
