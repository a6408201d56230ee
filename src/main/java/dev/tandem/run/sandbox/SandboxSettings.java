package dev.tandem.run.sandbox;

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
 */
public record SandboxSettings(long compileTimeoutMs, String runtime, String nodeId) {

    public static final long DEFAULT_COMPILE_TIMEOUT_MS = 30_000;
    public static final SandboxSettings DEFAULT = new SandboxSettings(DEFAULT_COMPILE_TIMEOUT_MS, null, null);

    public SandboxSettings {
        if (compileTimeoutMs < 100 || compileTimeoutMs > 600_000) {
            throw new IllegalArgumentException("compileTimeoutMs out of range: " + compileTimeoutMs);
        }
        runtime = runtime == null || runtime.isBlank() ? null : runtime.trim();
        nodeId = nodeId == null || nodeId.isBlank() ? null : nodeId.trim();
        if (nodeId != null && !nodeId.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new IllegalArgumentException("nodeId must be 1-128 of [A-Za-z0-9_.:-]: " + nodeId);
        }
    }

    public SandboxSettings withCompileTimeoutMs(long v) { return new SandboxSettings(v, runtime, nodeId); }
    public SandboxSettings withRuntime(String v) { return new SandboxSettings(compileTimeoutMs, v, nodeId); }
    public SandboxSettings withNodeId(String v) { return new SandboxSettings(compileTimeoutMs, runtime, v); }
}
