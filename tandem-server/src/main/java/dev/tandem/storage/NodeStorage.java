package dev.tandem.storage;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's side of durable sessions: opens the configured store, puts a loader or store behind each of the
 * cluster's durable maps, runs the {@link DocumentLog}, and on a graceful shutdown stores everything before the
 * member leaves. Documents: loaded on demand, written as an update log (never the whole document per push).
 * Sessions and links: written through (a session exists once its creation is answered). Submissions: written
 * through; runs: queued and finished records at once, a running one's changes within {@code tandem.storage.flush-ms}
 * ({@link CoalescingMapStore}); both deleted after {@code tandem.storage.job-retention-days}.
 */
@ApplicationScoped
public class NodeStorage {
    static final String PARTITION_THREADS = "hazelcast.partition.operation.thread.count";
    private final StorageConfig settings;
    private final Path dataDir;
    /** The maps whose stored entries the retention deletes (the job maps). */
    private List<String> expiring = List.of();
    /** The stores that hold live records for a moment, written at a graceful shutdown. */
    private final List<CoalescingMapStore> coalescing = new java.util.ArrayList<>();
    private Storage storage;
    private DocumentLog log;
    private ScheduledExecutorService retention;

    public NodeStorage(StorageConfig settings, @ConfigProperty(name = "tandem.data-dir", defaultValue = "./data") String dataDir) {
        this.settings = settings;
        this.dataDir = Path.of(dataDir);
    }

    /** Adds storage behind {@code maps} to the member's configuration; called once the maps' own configuration is in it. */
    public void configure(Config config, StoredMaps maps) {
        if (!settings.enabled()) {
            Log.warn("tandem.storage.enabled=false: sessions live in memory only and do not survive a restart");
            return;
        }
        storage = Storages.open(settings, dataDir);
        var join = config.getNetworkConfig().getJoin();
        boolean clustered = join.getTcpIpConfig().getMembers().size() > 1 || join.getKubernetesConfig().isEnabled();
        boolean embedded = settings.url().filter(u -> !u.isBlank()).isEmpty();
        if (clustered && embedded) {
            // Each member would write the documents it owns to its own file, and after a restart of the cluster a
            // document may be owned by a member whose file does not have it.
            Log.warn("storage: this node is one of a cluster but stores in its own embedded H2 file; sessions will not"
                    + " reliably survive a restart of the cluster: set TANDEM_STORAGE_URL to a PostgreSQL database");
        }
        log = new DocumentLog(storage, settings.durability(), settings.flushMs(), settings.snapshotEveryUpdates(),
                settings.maxUnsavedUpdates());
        config.getUserContext().put(DocumentLog.CONTEXT_KEY, log);
        if (settings.durability() == StorageConfig.Durability.DISK) moreWaitingPartitionThreads(config, settings.diskPartitionThreads());

        MapConfig documents = config.getMapConfig(maps.documents());
        // Not offloaded: with a store behind a map Hazelcast by default runs every operation on it as steps that
        // hop from the partition thread to its cached pool and back (for a load that might block), which cost each
        // push two more thread wake-ups (docs/benchmarks.md, "The push's thread hops"). A document is loaded once, on first use
        // after a start or an eviction, and the partition thread may wait for that read.
        documents.setMapStoreConfig(new MapStoreConfig().setEnabled(true).setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY)
                .setOffload(false)
                .setImplementation(new DocumentLoader(log, maps.historyUpdates(), maps.historyChars())));
        bound(documents, settings.maxResidentDocuments(), settings.maxIdleSeconds());
        for (String name : maps.writeThrough()) {
            MapConfig map = config.getMapConfig(name);
            map.setMapStoreConfig(new MapStoreConfig().setEnabled(true).setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY)
                    .setWriteDelaySeconds(0).setImplementation(storeFor(name, maps)));
            // Entries of a few hundred bytes to some KiB (a run with its output, a submission with its source and
            // verdicts): a generous bound, still far from what a node can hold.
            int maxIdle = maps.expiring().contains(name) ? jobMaxIdleSeconds(settings.maxIdleSeconds(), maps.jobsMinIdleMs())
                    : settings.maxIdleSeconds();
            bound(map, settings.maxResidentDocuments() * 4, maxIdle);
        }
        // No map is written behind: Hazelcast's write-behind stored a record a second after its first change, so a
        // node killed in that second lost a run or a submission the user had seen finish, or brought it back still
        // running (DurableRestartIT); and each write-behind map cost every member a walk of all its partitions every
        // second, busy or not, the largest part of an idle node's CPU (docs/benchmarks.md, "Idle CPU of a single node").
        expiring = maps.expiring();
        retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tandem-storage-retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(this::deleteOldJobs, 1, 60, TimeUnit.MINUTES);
        Log.infof("storage: %s, durability %s (flush within %d ms)", storage.describe(),
                settings.durability().name().toLowerCase(), settings.flushMs());
    }

    /**
     * In {@code disk} mode a push holds its partition thread until its group is committed; with the default one
     * thread per core, every other document's pushes queue behind that commit (p50 over half a second at 2,000
     * edits/s on 2 cores). An operator's own setting of the property wins.
     */
    static void moreWaitingPartitionThreads(Config config, int wanted) {
        if (config.getProperty(PARTITION_THREADS) != null || System.getProperty(PARTITION_THREADS) != null) return;
        int threads = Math.max(Runtime.getRuntime().availableProcessors(), wanted);
        config.setProperty(PARTITION_THREADS, String.valueOf(threads));
    }

    /**
     * Each change written before it is answered; a running job's record, which changes with every batch of its output
     * and line of its input, coalesced for up to flush-ms in {@code memory} durability (four writes per line cost
     * an interactive program's echo a third more: docs/benchmarks.md, "Fourth step"), every change in {@code disk}.
     */
    private com.hazelcast.map.MapStore<String, Object> storeFor(String name, StoredMaps maps) {
        EntryMapStore store = new EntryMapStore(storage);
        var settled = maps.coalesced().get(name);
        if (settled == null || settings.durability() == StorageConfig.Durability.DISK) return store;
        CoalescingMapStore coalesced = new CoalescingMapStore(store, settled, settings.flushMs());
        coalescing.add(coalesced);
        return coalesced;
    }

    /** The max idle of a job map: the configured one, unless a queued job would leave memory before its reaper comes. */
    static int jobMaxIdleSeconds(int configured, long jobsMinIdleMs) {
        if (configured <= 0) return configured; // 0: entries never leave memory for being idle
        long least = (jobsMinIdleMs + 999) / 1000;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(configured, least));
    }

    private static void bound(MapConfig map, int perNode, int maxIdleSeconds) {
        map.setMaxIdleSeconds(maxIdleSeconds);
        map.getEvictionConfig().setEvictionPolicy(EvictionPolicy.LRU).setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(perNode);
    }

    private void deleteOldJobs() {
        try {
            long cutoff = System.currentTimeMillis() - TimeUnit.DAYS.toMillis(settings.jobRetentionDays());
            int deleted = storage.deleteOlderThan(expiring, cutoff);
            if (deleted > 0) Log.infof("storage: deleted %d runs and submissions older than %d days", deleted, settings.jobRetentionDays());
        } catch (RuntimeException e) {
            Log.warnf(e, "storage: deleting old runs and submissions failed; trying again in an hour");
        }
    }

    /** Null when storage is off. */
    public DocumentLog log() {
        return log;
    }

    public boolean enabled() {
        return storage != null;
    }

    /** Graceful shutdown, before the member leaves: every queued update is stored (the maps are written through). */
    public void flush() {
        if (storage == null) return;
        for (CoalescingMapStore store : coalescing) store.flush();
        log.close();
        Log.infof("storage: flushed (%s)", log.lag());
    }

    /** After the member left. */
    public void close() {
        if (storage == null) return;
        retention.shutdownNow();
        storage.close();
    }
}
