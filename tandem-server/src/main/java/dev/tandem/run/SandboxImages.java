package dev.tandem.run;

import dev.tandem.run.sandbox.ContainerReaper;
import dev.tandem.run.sandbox.DockerSandbox;
import dev.tandem.run.sandbox.PoolSettings;
import dev.tandem.run.sandbox.SandboxConfig;
import dev.tandem.run.sandbox.SandboxPoolConfig;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's Docker engine and which sandbox images it has. Checked when the worker starts and again,
 * at most every {@value #RECHECK_MS} ms, while something is missing (an image built later is picked up).
 * When Docker cannot be reached, Tandem runs on: editing works, runs answer RUN_UNAVAILABLE. Once the engine
 * answers, the node removes its leftover containers and then, every {@code tandem.sandbox.reap-interval-ms}, stale
 * ones ({@link ContainerReaper}).
 */
@ApplicationScoped
public class SandboxImages {
    static final long RECHECK_MS = 30_000;

    private final RunConfig config;
    private final SandboxConfig sandboxConfig;
    private DockerSandbox sandbox;
    private ScheduledExecutorService reaping;
    private List<String> available = List.of();
    private long checkedAt;
    private boolean complete;
    private List<String> lastMissing = List.of();

    public SandboxImages(RunConfig config, SandboxConfig sandboxConfig) {
        this.config = config;
        this.sandboxConfig = sandboxConfig;
    }

    /** The sandbox, or null when this node's Docker engine is not reachable. */
    public synchronized DockerSandbox sandbox() {
        return sandbox;
    }

    /** Ids of the languages whose image exists here. */
    public synchronized List<String> check() {
        if (complete || (checkedAt != 0 && System.currentTimeMillis() - checkedAt < RECHECK_MS)) return available;
        boolean first = checkedAt == 0;
        checkedAt = System.currentTimeMillis();
        try {
            if (sandbox == null) {
                sandbox = DockerSandbox.on(config.dockerHost().orElse(null), SandboxConfig.settings(sandboxConfig));
                PoolSettings pool = SandboxPoolConfig.settings(sandboxConfig.pool());
                if (pool != null) sandbox.usePool(pool);
            }
            sandbox.ping();
            if (reaping == null) startReaping();
        } catch (RuntimeException e) {
            if (first) {
                Log.warnf("Docker engine not reachable (%s): code runs are unavailable on this node until it is (%s). "
                        + "Editing works. Start Docker (e.g. .ci/docker-up.sh).",
                        config.dockerHost().orElse("DOCKER_HOST=" + System.getenv("DOCKER_HOST")), e.toString());
            }
            available = List.of();
            return available;
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Language l : Languages.all()) {
            if (sandbox.hasImage(l)) found.add(l.id());
            else missing.add(l.image());
        }
        if (!missing.isEmpty() && (first || !missing.equals(lastMissing))) {
            Log.warnf("sandbox images missing: %s; their languages answer RUN_UNAVAILABLE. Build them with: bash sandbox-images/build.sh", missing);
        } else if (missing.isEmpty()) {
            Log.infof("sandbox images present for %s", found);
        }
        lastMissing = missing;
        complete = missing.isEmpty();
        available = List.copyOf(found);
        return available;
    }

    private void startReaping() {
        ContainerReaper reaper = new ContainerReaper(sandbox);
        try {
            reaper.removeLeftoversOfThisNode();
        } catch (RuntimeException e) {
            Log.warnf("removing this node's leftover sandbox containers failed: %s", e.toString());
        }
        reaping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tandem-sandbox-reaper");
            t.setDaemon(true);
            return t;
        });
        long every = sandboxConfig.reapIntervalMs();
        reaping.scheduleWithFixedDelay(() -> {
            try {
                reaper.removeStale(System.currentTimeMillis());
            } catch (RuntimeException e) {
                Log.debugf("sandbox reaper: %s", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    synchronized void close() {
        if (reaping != null) reaping.shutdownNow();
        if (sandbox != null) sandbox.close();
    }
}
