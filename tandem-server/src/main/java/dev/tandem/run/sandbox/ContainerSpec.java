package dev.tandem.run.sandbox;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import dev.tandem.run.Language;
import dev.tandem.run.Limits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security policy of every sandbox container, in one place (docs/sandbox.md): no network, read-only root,
 * tmpfs work directories, memory without swap, CPU and pids quotas, file-size and open-file limits, no log
 * driver, and the two identities.
 *
 * <p>The container's command (the bootstrap, a POSIX sh script) runs as root with only SETUID, SETGID and KILL:
 * enough to start the program as {@value #PROGRAM_UID} with {@code setpriv} (which leaves it no capability) and
 * to kill everything the program left behind, nothing else (no DAC override: root cannot even write into the
 * program's work directory). The program therefore cannot reach what reports on it: PID 1's file descriptors
 * and memory (the attach stream, the nonce) and the root-only directory of the bootstrap's files
 * ({@link Bootstrap#PRIVATE_DIR}). {@code no-new-privileges} keeps setuid binaries from giving anything back.
 */
public final class ContainerSpec {

    /** Every sandbox container carries this label (value "true"). */
    public static final String LABEL = "tandem.sandbox";
    /** ...this one, with the id of the JVM that created it (its shutdown hook removes its own)... */
    public static final String OWNER_LABEL = "tandem.sandbox.owner";
    /** ...this one, with the node's id ({@code tandem.sandbox.node-id}): a restarted node removes its leftovers... */
    public static final String NODE_LABEL = "tandem.sandbox.node";
    /** ...and this one, the epoch millisecond after which the container has outlived every limit and any node may remove it. */
    public static final String EXPIRES_LABEL = "tandem.sandbox.expires";

    /** The uid and gid of the judged or run program (and of the compiler). */
    public static final int PROGRAM_UID = 10001;
    public static final String BOOTSTRAP_USER = "0:0";
    public static final String HOSTNAME = "sandbox";
    public static final List<String> ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/work", "LANG=C.UTF-8");
    public static final long WORK_TMPFS_MB = 64;
    public static final long TMP_TMPFS_MB = 64;
    public static final long MAX_FILE_BYTES = WORK_TMPFS_MB * 1024 * 1024;
    public static final long MAX_OPEN_FILES = 256;

    private ContainerSpec() {
    }

    /**
     * A create command (not executed) for a container of the language's image whose command is {@code script},
     * with the given limits, labels and (when not null) OCI runtime, e.g. gVisor's {@code runsc}, whose own threads
     * get {@code runtimePids} more in the pids limit.
     */
    static CreateContainerCmd create(DockerClient docker, Language lang, Limits limits, String script,
                                     Map<String, String> labels, String runtime, int runtimePids) {
        long mem = limits.memoryMb() * 1024L * 1024L;
        HostConfig hc = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of(
                        "/work", "rw,exec,nosuid,nodev,size=" + WORK_TMPFS_MB + "m,uid=" + PROGRAM_UID + ",gid="
                                + PROGRAM_UID + ",mode=0755",
                        "/tmp", "rw,noexec,nosuid,nodev,size=" + TMP_TMPFS_MB + "m,mode=1777"))
                .withMemory(mem)
                .withMemorySwap(mem)
                .withNanoCPUs(Math.round(limits.cpus() * 1_000_000_000d))
                .withPidsLimit((long) limits.pids() + runtimePids)
                .withCapDrop(Capability.ALL)
                .withCapAdd(Capability.SETUID, Capability.SETGID, Capability.KILL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withUlimits(List.of(
                        new Ulimit("fsize", MAX_FILE_BYTES, MAX_FILE_BYTES),
                        new Ulimit("nofile", MAX_OPEN_FILES, MAX_OPEN_FILES)))
                .withIpcMode("private")
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                // not AutoRemove: the host reads the exit state (OOM kill) after the end; leftovers are reaped
                .withAutoRemove(false);
        if (runtime != null && !runtime.isBlank()) hc.withRuntime(runtime);
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(LABEL, "true");
        return docker.createContainerCmd(lang.image())
                .withCmd("sh", "-c", script, "sandbox")
                .withEntrypoint(List.of())
                .withUser(BOOTSTRAP_USER)
                .withHostName(HOSTNAME)
                .withDomainName("")
                .withEnv(ENV)
                .withWorkingDir("/work")
                .withNetworkDisabled(true)
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true)
                .withStdinOpen(true).withStdInOnce(true).withTty(false)
                .withLabels(all)
                .withHostConfig(hc);
    }
}
