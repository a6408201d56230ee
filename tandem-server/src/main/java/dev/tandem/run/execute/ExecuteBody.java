package dev.tandem.run.execute;

import java.util.List;

/**
 * The body of {@code POST /api/runs} (v1.1 "Runs without a session"): {@code language} is required; the program
 * is {@code files} (the first is the entry point) or {@code source}; {@code limits} are clamped to the server's.
 */
public record ExecuteBody(String language, List<File> files, String source, String stdin, RequestedLimits limits,
                          String callbackUrl) {

    public record File(String path, String content) {}

    /** Each optional; a whole number of ms and MiB. */
    public record RequestedLimits(Long timeMs, Long memoryMb) {}

    /** {@code POST /api/runs/batch}. */
    public record Batch(List<ExecuteBody> runs) {}
}
