package dev.tandem.run;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.tandem.run.sandbox.DockerSandbox;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * This node's Docker engine and which sandbox images it has. Checked when the worker starts and again,
 * at most every {@value #RECHECK_MS} ms, while something is missing (an image built later is picked up).
 * When Docker cannot be reached, Tandem runs on: editing works, runs answer RUN_UNAVAILABLE.
 */
@ApplicationScoped
public class SandboxImages {
    static final long RECHECK_MS = 30_000;

    private final RunConfig config;
    private DockerSandbox sandbox;
    private List<String> available = List.of();
    private long checkedAt;
    private boolean complete;
    private List<String> lastMissing = List.of();

    public SandboxImages(RunConfig config) {
        this.config = config;
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
            if (sandbox == null) sandbox = DockerSandbox.on(config.dockerHost().orElse(null));
            sandbox.client().pingCmd().exec();
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
            try {
                sandbox.client().inspectImageCmd(l.image()).exec();
                found.add(l.id());
            } catch (NotFoundException e) {
                missing.add(l.image());
            }
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

    @PreDestroy
    synchronized void close() {
        if (sandbox != null) sandbox.close();
    }
}
