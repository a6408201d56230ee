package dev.tandem.run.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import dev.tandem.run.Language;
import dev.tandem.run.Limits;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The lifecycle of sandbox containers, for runs and test batches alike: create (under {@link ContainerSpec}, with
 * this JVM's, this node's and the expiry labels), attach, start, kill, remove, and the registry of the live ones
 * that this JVM's shutdown hook removes.
 */
final class Containers {
    private static final Logger LOG = Logger.getLogger(Containers.class.getName());
    /** The value of {@value ContainerSpec#OWNER_LABEL} on the containers this JVM creates. */
    static final String OWNER = UUID.randomUUID().toString();
    private static final Set<Live> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private record Live(DockerClient client, String containerId) {
    }

    private final DockerClient docker;
    private final SandboxSettings settings;
    private final String nodeId;

    Containers(DockerClient docker, SandboxSettings settings) {
        this.docker = docker;
        this.settings = settings;
        this.nodeId = settings.nodeId() != null ? settings.nodeId() : OWNER;
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(Containers::removeLive, "tandem-sandbox-cleanup"));
        }
    }

    String nodeId() {
        return nodeId;
    }

    /**
     * Creates (does not start) a container whose command is {@code script}, and registers it. The container has a
     * fresh name, so that one whose creation did not answer (the calling thread interrupted by a cancel or a lost
     * lease after the engine had the request) is still found and removed here, instead of living until it expires.
     */
    String create(Language lang, Limits limits, String script, long expiresAtMs) {
        Map<String, String> labels = Map.of(ContainerSpec.OWNER_LABEL, OWNER, ContainerSpec.NODE_LABEL, nodeId,
                ContainerSpec.EXPIRES_LABEL, Long.toString(expiresAtMs));
        String name = "tandem-sandbox-" + java.util.UUID.randomUUID();
        String id;
        try {
            id = ContainerSpec.create(docker, lang, limits, script, labels, settings.runtime(),
                    settings.runtime() == null ? 0 : settings.runtimePidsOverhead()).withName(name).exec().getId();
        } catch (RuntimeException e) {
            // Docker calls fail on an interrupted thread: clear the flag while looking for what was created
            if (Thread.interrupted()) {
                try {
                    removeOnceCreated(name);
                } finally {
                    Thread.currentThread().interrupt();
                }
            }
            throw e;
        }
        LIVE.add(new Live(docker, id));
        return id;
    }

    /**
     * Attaches to a created container's streams (stdin from {@code stdin}, which docker-java copies on its own
     * thread) before it is started, so no output is lost.
     */
    <T extends ResultCallback<Frame>> T attach(String id, InputStream stdin, T callback) {
        return docker.attachContainerCmd(id).withStdIn(stdin)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(false)
                .exec(callback);
    }

    void start(String id) {
        docker.startContainerCmd(id).exec();
    }

    /** SIGKILL (ignored when it has already stopped). */
    void kill(String id) {
        try {
            docker.killContainerCmd(id).withSignal("KILL").exec();
        } catch (RuntimeException e) {
            // already gone or not running any more
            LOG.fine("kill " + id + ": " + e);
        }
    }

    /** Force-removes the container (a few attempts: "removal already in progress" and the like) and forgets it. */
    void remove(String id) {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                    return;
                } catch (NotFoundException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.fine("remove " + id + ": " + e);
                    pause(100);
                }
            }
            LOG.warning("could not remove sandbox container " + id);
        } finally {
            LIVE.remove(new Live(docker, id));
        }
    }

    /**
     * Removes the container of that name if the engine creates it within a second or two (its create request may
     * still be under way when the caller gave up on the answer); bounded, and only after an interrupted create.
     */
    private void removeOnceCreated(String name) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                docker.inspectContainerCmd(name).exec();
                remove(name);
                return;
            } catch (NotFoundException e) {
                pause(100);
            } catch (RuntimeException e) {
                LOG.fine("inspect " + name + ": " + e);
                pause(100);
            }
        }
    }

    /** Whether this JVM created the container and has not removed it yet. */
    static boolean isLive(String containerId) {
        for (Live l : LIVE) if (l.containerId().equals(containerId)) return true;
        return false;
    }

    /** Containers labelled {@value ContainerSpec#LABEL}, from any process. */
    List<Container> listAll() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerSpec.LABEL, "true")).exec();
    }

    /** This node's containers, from any process. */
    List<Container> listOfThisNode() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerSpec.LABEL, "true", ContainerSpec.NODE_LABEL, nodeId)).exec();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeLive() {
        for (Live l : LIVE) {
            try {
                l.client().removeContainerCmd(l.containerId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException ignored) {
                // best effort at exit
            }
        }
        LIVE.clear();
    }
}
