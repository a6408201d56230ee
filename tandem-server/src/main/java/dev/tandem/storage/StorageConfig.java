package dev.tandem.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where and how durably sessions are stored ({@code tandem.storage.*}, docs/durability.md). */
@ConfigMapping(prefix = "tandem.storage")
public interface StorageConfig {

    /** False keeps everything in Hazelcast's memory only (the benchmarks' baseline; nothing survives a restart). */
    @WithDefault("true")
    boolean enabled();

    /**
     * A {@code jdbc:postgresql://...} URL selects PostgreSQL (needed for a cluster); empty means the embedded H2
     * database under {@code tandem.data-dir}.
     */
    Optional<String> url();

    Optional<String> username();

    Optional<String> password();

    /** {@code memory}: ack once the in-memory backup holds an update; {@code disk}: ack once it is committed. */
    @WithDefault("memory")
    Durability durability();

    /** In {@code memory} mode, an acknowledged update is committed to storage within this many milliseconds. */
    @WithDefault("1000")
    int flushMs();

    /** A document's text is stored again after this many updates, so loading replays at most this many. */
    @WithDefault("1000")
    int snapshotEveryUpdates();

    /** Connections to the database (the writer, loaders on partition threads, write-through of small maps). */
    @WithDefault("8")
    int poolSize();

    /** A session nobody touched for this long leaves memory; it comes back from storage when used. */
    @WithDefault("600")
    int maxIdleSeconds();

    /**
     * At most about this many documents stay in one node's memory (least recently used leave first, then come
     * back from storage on demand), so a burst of new sessions cannot exhaust the heap.
     */
    @WithDefault("5000")
    int maxResidentDocuments();

    /**
     * At most this many accepted updates wait on one node for storage (while the database is away or
     * behind); past it the node refuses pushes with {@code STORAGE_UNAVAILABLE} until storage catches up, so
     * a database outage cannot grow the heap until the node dies and takes the unsaved updates with it.
     */
    @WithDefault("100000")
    int maxUnsavedUpdates();

    /**
     * In {@code disk} mode, the Hazelcast partition threads of this node (unless
     * {@code hazelcast.partition.operation.thread.count} is given): a partition thread waits for its push group's
     * commit before it takes the next, so with one thread per core the groups of other documents queue behind
     * each commit; more threads let more groups share one commit (docs/benchmarks.md, "disk mode's partition
     * threads"). Waiting threads use no CPU. Ignored in {@code memory} mode.
     */
    @WithDefault("16")
    int diskPartitionThreads();

    /** Runs and submissions are deleted from storage this many days after they were last changed. */
    @WithDefault("30")
    int jobRetentionDays();

    enum Durability { MEMORY, DISK }
}
