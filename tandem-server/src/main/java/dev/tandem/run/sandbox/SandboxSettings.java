package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Limits;

import java.util.Map;

/**
 * What a {@link DockerSandbox} needs beyond a run's own limits (plain Java; the server fills it from
 * {@code tandem.sandbox.*}, docs/configuration.md).
 *
 * @param compileTimeoutMs wall-clock limit of a compile step, enforced by the host (the container's own
 *                         {@code timeout} fires {@link Bootstrap#BACKSTOP_MS} later)
 * @param runtime          the OCI runtime Docker starts containers with (e.g. {@code runsc}, gVisor); null: the
 *                         engine's default
 * @param nodeId           the value of {@value ContainerSpec#NODE_LABEL}: stable across restarts of one node and
 *                         unique among the nodes sharing a Docker engine; null: this JVM's own random id (nothing
 *                         of an earlier process is then recognised as this node's)
 * @param languageLimits   a language's run limits by its id, where they differ from {@link Language#defaultLimits()}
 * @param runtimePidsOverhead added to every container's pids limit when {@code runtime} is set: the engine counts
 *                         the runtime's own threads too (gVisor's kernel runs as threads in the container's cgroup)
 */
public record SandboxSettings(long compileTimeoutMs, String runtime, String nodeId, Map<String, Limits> languageLimits,
                              int runtimePidsOverhead) {

    public static final long DEFAULT_COMPILE_TIMEOUT_MS = 30_000;
    public static final SandboxSettings DEFAULT = new SandboxSettings(DEFAULT_COMPILE_TIMEOUT_MS, null, null, Map.of(), 0);

    public SandboxSettings {
        if (compileTimeoutMs < 100 || compileTimeoutMs > 600_000) {
            throw new IllegalArgumentException("compileTimeoutMs out of range: " + compileTimeoutMs);
        }
        if (runtimePidsOverhead < 0 || runtimePidsOverhead > 4096) {
            throw new IllegalArgumentException("runtimePidsOverhead out of range: " + runtimePidsOverhead);
        }
        languageLimits = languageLimits == null ? Map.of() : Map.copyOf(languageLimits);
        runtime = runtime == null || runtime.isBlank() ? null : runtime.trim();
        nodeId = nodeId == null || nodeId.isBlank() ? null : nodeId.trim();
        if (nodeId != null && !nodeId.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new IllegalArgumentException("nodeId must be 1-128 of [A-Za-z0-9_.:-]: " + nodeId);
        }
    }

    /** The run limits of a language: its configured ones, else its defaults. */
    public Limits limitsOf(Language language) {
        return languageLimits.getOrDefault(language.id(), language.defaultLimits());
    }

    public SandboxSettings withCompileTimeoutMs(long v) { return new SandboxSettings(v, runtime, nodeId, languageLimits, runtimePidsOverhead); }
    public SandboxSettings withRuntime(String v) { return new SandboxSettings(compileTimeoutMs, v, nodeId, languageLimits, runtimePidsOverhead); }
    public SandboxSettings withNodeId(String v) { return new SandboxSettings(compileTimeoutMs, runtime, v, languageLimits, runtimePidsOverhead); }
    public SandboxSettings withRuntimePidsOverhead(int v) { return new SandboxSettings(compileTimeoutMs, runtime, nodeId, languageLimits, v); }
}
