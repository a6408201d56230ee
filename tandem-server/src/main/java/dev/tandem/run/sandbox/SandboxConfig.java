package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Every sandbox limit and setting of a node ({@code tandem.sandbox.*}, docs/configuration.md): the compile
 * deadline, the OCI runtime, the node's label and the reaper, and the run limits — global ones
 * ({@code tandem.sandbox.time-ms}, ...) over the languages' built-in defaults, and per language
 * ({@code tandem.sandbox.languages.<id>.time-ms}, ...) over those.
 */
@ConfigMapping(prefix = "tandem.sandbox")
public interface SandboxConfig {

    /** Wall-clock limit of a compile step (runs and the judge), enforced by the host. */
    @WithDefault("30000")
    long compileTimeoutMs();

    /** OCI runtime for sandbox containers, e.g. {@code runsc} (gVisor); unset: the engine's default. */
    Optional<String> runtime();

    /**
     * This node's id on its containers: unique among the nodes sharing a Docker engine, stable across restarts
     * (e.g. the pod or container name). Unset: a random id per JVM.
     */
    Optional<String> nodeId();

    /**
     * Added to the pids limit of every container when {@code runtime} is set: the engine counts the runtime's own
     * threads in the container's cgroup (gVisor's kernel needs about 64 to 128).
     */
    @WithDefault("0")
    int runtimePidsOverhead();

    /** How often the node removes stale sandbox containers (docs/sandbox.md, "Leftovers"). */
    @WithDefault("60000")
    long reapIntervalMs();

    /** Global run limits, over every language's defaults. */
    @WithParentName
    LimitOverrides global();

    /** Per-language run limits, by language id, over the global ones. */
    Map<String, LimitOverrides> languages();

    /** The warm pool of runs ({@code tandem.sandbox.pool.*}). */
    SandboxPoolConfig pool();

    /** Any subset of a run's limits (see {@link Limits}). */
    interface LimitOverrides {
        OptionalLong timeMs();

        OptionalInt memoryMb();

        OptionalInt pids();

        OptionalInt outputBytes();

        OptionalDouble cpus();
    }

    /** The plain settings a {@link DockerSandbox} takes. */
    static SandboxSettings settings(SandboxConfig c) {
        for (String id : c.languages().keySet()) {
            if (Languages.find(id).isEmpty()) {
                throw new IllegalArgumentException("tandem.sandbox.languages." + id + ": no such language (known: "
                        + Languages.all().stream().map(Language::id).toList() + ")");
            }
        }
        Map<String, Limits> limits = new HashMap<>();
        for (Language l : Languages.all()) {
            Limits x = apply(apply(l.defaultLimits(), c.global()), c.languages().get(l.id()));
            if (!x.equals(l.defaultLimits())) limits.put(l.id(), x);
        }
        return new SandboxSettings(c.compileTimeoutMs(), c.runtime().orElse(null), c.nodeId().orElse(null), limits,
                c.runtimePidsOverhead());
    }

    private static Limits apply(Limits base, LimitOverrides o) {
        if (o == null) return base;
        Limits l = base;
        if (o.timeMs().isPresent()) l = l.withTimeMs(o.timeMs().getAsLong());
        if (o.memoryMb().isPresent()) l = l.withMemoryMb(o.memoryMb().getAsInt());
        if (o.pids().isPresent()) l = l.withPids(o.pids().getAsInt());
        if (o.outputBytes().isPresent()) l = l.withOutputBytes(o.outputBytes().getAsInt());
        if (o.cpus().isPresent()) l = l.withCpus(o.cpus().getAsDouble());
        return l;
    }
}
