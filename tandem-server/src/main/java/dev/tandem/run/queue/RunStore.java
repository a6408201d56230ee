package dev.tandem.run.queue;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import dev.tandem.collab.authority.DeferredMap;
import dev.tandem.run.FileVersion;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunEvents;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunResult;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunStatus;
import dev.tandem.run.SourceFile;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's run data: records ({@code tandem.runs}), the job queue of run ids ({@code tandem.run.queue}),
 * the runs in flight per session ({@code tandem.run.active}), and this worker's side of {@link WorkerLanguages}.
 * Every change of a record goes through an entry processor.
 */
@ApplicationScoped
public class RunStore {
    public static final String RUNS_MAP = "tandem.runs";
    public static final String QUEUE = "tandem.run.queue";
    public static final String ACTIVE_MAP = "tandem.run.active";
    /** The records' indexed attribute the reaper asks for: true until the run has finished. */
    static final String UNFINISHED = "unfinished";

    /** Indexed, so made on first use (collab.authority.DeferredMap). */
    private final DeferredMap<String, RunRecord> runs;
    private final IMap<String, ActiveRuns> active;
    private final WorkerLanguages workers;
    private final IQueue<String> queue;
    private final String nodeId;

    public RunStore(HazelcastInstance hazelcast) {
        this.runs = new DeferredMap<>(hazelcast, RUNS_MAP);
        this.active = hazelcast.getMap(ACTIVE_MAP);
        this.workers = new WorkerLanguages(hazelcast);
        this.queue = hazelcast.getQueue(QUEUE);
        this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    /** How the run structures must be configured; called while the member's configuration is built. */
    public static void configure(Config config, int backupCount, RunConfig run) {
        // OBJECT: output is appended many times per run; no (de)serialisation of the record for each append
        // The index: the reaper finds the few runs in flight among an hour of finished records without an operation
        // on every partition every few seconds (which was most of what an idle node's run timer cost).
        config.addMapConfig(new MapConfig(RUNS_MAP).setBackupCount(backupCount)
                .setInMemoryFormat(InMemoryFormat.OBJECT).setTimeToLiveSeconds(run.recordTtlSeconds())
                .addAttributeConfig(new AttributeConfig(UNFINISHED, UnfinishedRun.class.getName()))
                .addIndexConfig(new IndexConfig(IndexType.HASH, UNFINISHED)));
        config.addMapConfig(new MapConfig(ACTIVE_MAP).setBackupCount(backupCount)
                .setTimeToLiveSeconds(run.recordTtlSeconds()));
        config.addQueueConfig(new QueueConfig(QUEUE).setBackupCount(backupCount).setMaxSize(run.queueCapacity()));
        RunSerializers.register(config.getSerializationConfig());
    }

    public String nodeId() {
        return nodeId;
    }

    /**
     * Whether storage writes this record of {@link #RUNS_MAP} at once: a run queued or finished (what its user was
     * told exists, or is over), not one running, which changes with every batch of its output (storage.StoredMaps).
     */
    public static boolean settled(Object record) {
        return !(record instanceof RunRecord r) || r.status() != RunStatus.RUNNING;
    }

    public static String newRunId() {
        return UUID.randomUUID().toString();
    }

    /**
     * The run's place in the queue: 1 for the next one a worker takes, 0 when it is not there (taken, or never
     * queued). Walks the queue, which is bounded ({@code tandem.run.queue-capacity}); blocking.
     */
    public int queuePosition(String runId) {
        int place = 0;
        for (String queued : queue) {
            place++;
            if (queued.equals(runId)) return place;
        }
        return 0;
    }

    public RunRecord find(String runId) {
        return runId == null ? null : runs.map().get(runId);
    }

    public CompletionStage<RunRecord> findAsync(String runId) {
        return runs.map().getAsync(runId);
    }

    public void create(RunRecord record) {
        runs.map().set(record.runId(), record);
    }

    /** A run of the main file alone, {@code source} (tests, tools). */
    public static RunRecord newRecord(String runId, String sessionId, String language, int version, String source,
                                      String stdin, String by) {
        List<SourceFile> main = RunRequest.mainOnly(Languages.byId(language), source).stream()
                .map(f -> new SourceFile(f.path(), version, f.content())).toList();
        return newRecord(runId, sessionId, language, main, stdin, by, false);
    }

    /**
     * @param files       every file, the main file first; the run's version is the main file's
     * @param interactive v1.1 "Interactive runs": stdin stays open after {@code stdin}
     */
    public static RunRecord newRecord(String runId, String sessionId, String language, List<SourceFile> files,
                                      String stdin, String by, boolean interactive) {
        int version = files.get(0).version();
        RunRecord r = RunRecord.queued(runId, sessionId, language, version, files, stdin, by, System.currentTimeMillis());
        if (interactive) RunRecord.interactive(r);
        r.appendEvent(RunJson.write(queuedEvent(r)));
        return r;
    }

    /** A run without a session (v1.1 "execute"): its own limits, the hash of its run token, its callback. */
    public static RunRecord newExecuteRecord(String runId, String language, List<SourceFile> files, String stdin,
                                             Limits limits, String runTokenHash, String callbackUrl) {
        RunRecord r = RunRecord.queued(runId, null, language, 0, files, stdin, "api", System.currentTimeMillis());
        r.appendEvent(RunJson.write(queuedEvent(r)));
        r.limits = limits;
        r.runTokenHash = runTokenHash;
        r.callbackUrl = callbackUrl;
        return r;
    }

    /** The record's {@code run.queued}: also sent again when a run goes back to the queue. */
    public static RunEvents.Queued queuedEvent(RunRecord r) {
        boolean session = r.sessionId() != null;
        return new RunEvents.Queued(r.runId(), session ? r.version() : null, r.by(), r.isInteractive() ? Boolean.TRUE : null,
                FileVersion.of(r.files(), session));
    }

    /** Puts a run id on the queue; false when the queue is at its capacity. */
    public boolean enqueue(String runId) {
        return queue.offer(runId);
    }

    /** The next run id, waiting at most the given time; null when none came. */
    public String take(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    public int queued() {
        return queue.size();
    }

    public RunRecord claim(String runId, long leaseUntil) {
        return runs.map().executeOnKey(runId, new RunProcessors.Claim(nodeId, leaseUntil));
    }

    public boolean renew(String runId, long leaseUntil) {
        return Boolean.TRUE.equals(runs.map().executeOnKey(runId, new RunProcessors.Renew(nodeId, leaseUntil)));
    }

    public boolean appendOutput(String runId, String stream, String data, String eventJson) {
        return Boolean.TRUE.equals(runs.map().executeOnKey(runId, new RunProcessors.Output(nodeId, stream, data, eventJson)));
    }

    /** Finishes a run this node holds; null when it does not hold it any more. */
    public RunRecord finishHeld(String runId, RunResult result) {
        return runs.map().executeOnKey(runId, RunProcessors.Finish.of(nodeId, result));
    }

    /** Finishes a run whoever holds it, unless already finished; null then. */
    public RunRecord finishAny(String runId, RunResult result) {
        return runs.map().executeOnKey(runId, RunProcessors.Finish.of(null, result));
    }

    /** v1.1 "Interactive runs": null when accepted, else the ErrorCode name of the refusal. */
    public String acceptInput(String sessionId, String runId, RunRecord.PendingInput input, String invalid) {
        return runs.map().executeOnKey(runId, new RunProcessors.AcceptInput(sessionId, input, invalid));
    }

    /** The input accepted for a run this node holds, in order (removed from the record). */
    public List<RunRecord.PendingInput> takeInput(String runId) {
        List<RunRecord.PendingInput> taken = runs.map().executeOnKey(runId, new RunProcessors.TakeInput(nodeId));
        return taken == null ? List.of() : taken;
    }

    /** Keeps a run.input event for late joiners; false when this node does not hold the run any more. */
    public boolean appendInputEvent(String runId, String eventJson) {
        return Boolean.TRUE.equals(runs.map().executeOnKey(runId, new RunProcessors.InputEvent(nodeId, eventJson)));
    }

    /** Takes a run id off the queue (a cancelled queued run); false when a worker already took it. */
    public boolean dequeue(String runId) {
        return queue.remove(runId);
    }

    /** Runs the reaper's transition on every unfinished record; answers those it re-queued or finished. */
    public Map<String, RunProcessors.Reaped> reap(long now, int maxRequeues, long maxQueuedMs) {
        Set<String> unfinished = unfinishedIds();
        if (unfinished.isEmpty()) return new HashMap<>();
        // A run that finished since the query is left alone by the processor.
        Map<String, RunProcessors.Reaped> all = new HashMap<>(runs.map().executeOnKeys(unfinished,
                new RunProcessors.Reap(now, maxRequeues, maxQueuedMs)));
        all.values().removeIf(r -> r == RunProcessors.Reaped.NOTHING);
        return all;
    }

    /** Ids of the records not finished yet, anywhere in the cluster (from the index). */
    Set<String> unfinishedIds() {
        return runs.map().keySet(Predicates.equal(UNFINISHED, true));
    }

    /** Makes a run's lease look expired, as if its worker had died (tests, operators). */
    public boolean expireLease(String runId) {
        return Boolean.TRUE.equals(runs.map().executeOnKey(runId, new RunProcessors.ExpireLease(0)));
    }

    public boolean admit(String sessionId, String runId, int max) {
        return Boolean.TRUE.equals(active.executeOnKey(sessionId, new ActiveRuns.Admit(runId, max)));
    }

    public void release(String sessionId, Collection<String> runIds) {
        if (sessionId == null) return; // runs without a session are not counted per session
        active.executeOnKey(sessionId, new ActiveRuns.Release(List.copyOf(runIds)));
    }

    public List<String> activeRuns(String sessionId) {
        ActiveRuns a = active.get(sessionId);
        return a == null ? List.of() : a.runIds();
    }

    public Map<String, RunRecord> findAll(Set<String> runIds) {
        return runs.map().getAll(runIds);
    }

    /** The session's runs in flight, oldest first (what a client joining mid-run is replayed). */
    public List<RunRecord> activeRecords(String sessionId) {
        List<String> ids = activeRuns(sessionId);
        if (ids.isEmpty()) return List.of();
        return findAll(new java.util.HashSet<>(ids)).values().stream()
                .sorted(java.util.Comparator.comparingLong(RunRecord::createdAt)).toList();
    }

    /** Announces the languages this worker node can run ({@link WorkerLanguages#announce}). */
    public void announceWorker(List<String> languages, long ttlMs) {
        workers.announce(languages, ttlMs);
    }

    public void withdrawWorker() {
        workers.withdraw();
    }

    /** Languages some live worker can run. */
    public Set<String> runnableLanguages() {
        return workers.runnable();
    }

    /** The {@value #UNFINISHED} attribute of a record, which Hazelcast indexes as the record changes (named in the map's configuration). */
    public static final class UnfinishedRun implements ValueExtractor<RunRecord, Object> {
        @Override
        public void extract(RunRecord record, Object argument, ValueCollector collector) {
            collector.addObject(record != null && !record.finished());
        }
    }

}
