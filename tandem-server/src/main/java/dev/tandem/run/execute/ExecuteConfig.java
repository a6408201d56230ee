package dev.tandem.run.execute;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * Runs without a session ({@code POST /api/runs}, v1.1 feature {@code execute}; docs/runs.md): their lowered
 * default limits, how long {@code ?wait=true} waits, and where callbacks may go. Keys under {@code tandem.run}.
 */
@ConfigMapping(prefix = "tandem.run")
public interface ExecuteConfig {

    /** Run time limit of a session-less run that asks for none (never above the language's limit). */
    @WithDefault("2000")
    long executeTimeMs();

    /** Memory limit of a session-less run that asks for none (never above the language's limit). */
    @WithDefault("256")
    int executeMemoryMb();

    /** How long {@code POST /api/runs?wait=true} waits for the run to finish before it answers 202. */
    @WithDefault("60000")
    long waitMaxMs();

    /** Host names or IP addresses a callbackUrl may name (exactly); empty: callbacks are off. */
    Optional<List<String>> callbackAllowedHosts();

    /** The HMAC-SHA256 key of X-Tandem-Signature; unset: callbacks are off. */
    Optional<String> callbackSecret();
}
