package dev.tandem.access;

import dev.tandem.run.Limits;

/**
 * Sandbox limits asked for by a client can only lower the server's. Today no run request carries limits (the
 * socket's {@code run} and REST's {@code POST /runs} have only {@code stdin}; every run gets its language's
 * defaults, which are the maximum); a request that carries them in future must go through {@link #clamp}.
 */
public final class SandboxLimits {
    private SandboxLimits() {}

    /** Each figure of {@code requested} capped at {@code max}; null (nothing asked) gives {@code max}. */
    public static Limits clamp(Limits requested, Limits max) {
        if (requested == null) return max;
        return new Limits(Math.min(requested.timeMs(), max.timeMs()), Math.min(requested.memoryMb(), max.memoryMb()),
                Math.min(requested.pids(), max.pids()), Math.min(requested.outputBytes(), max.outputBytes()),
                Math.min(requested.cpus(), max.cpus()));
    }
}
