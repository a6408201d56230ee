package dev.tandem.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.hazelcast.collection.IQueue;
import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import dev.tandem.collab.authority.DeferredMap;
import dev.tandem.run.RunConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Submissions in the cluster: records in {@code tandem.submissions} (JSON; every transition a compare-and-set,
 * so two workers never judge the same submission and only the lease holder writes results) and the job queue
 * {@code tandem.judge.queue}. TTL and limits are those of runs ({@code tandem.run.*}).
 */
@ApplicationScoped
public class SubmissionStore {
    public static final String MAP = "tandem.submissions";
    public static final String QUEUE = "tandem.judge.queue";

    public static final String LATEST = "tandem.submission.latest";
    /** The records' indexed attribute the reaper asks for: true until the submission has finished. */
    static final String UNFINISHED = "unfinished";
    /** sessionId → its submissions' ids, newest first, space-separated (the IDE's submission history). */
    public static final String HISTORY = "tandem.submission.history";
    /** How many submissions a session's history keeps. */
    public static final int HISTORY_KEPT = 50;

    /** Indexed, so made on first use (collab.authority.DeferredMap). */
    private final DeferredMap<String, String> records;
    /** sessionId → its latest submission's id (for the one-at-a-time rule and for late joiners). */
    private final IMap<String, String> latest;
    private final IQueue<String> queue;
    private final IMap<String, String> history;
    private final RunConfig config;
    /** A runner-only node is a lite member (it owns no partitions), so "its" records are all of them. */
    private final boolean lite;

    public SubmissionStore(HazelcastInstance hazelcast, RunConfig config) {
        this.records = new DeferredMap<>(hazelcast, MAP);
        this.queue = hazelcast.getQueue(QUEUE);
        this.latest = hazelcast.getMap(LATEST);
        this.history = hazelcast.getMap(HISTORY);
        this.config = config;
        this.lite = hazelcast.getCluster().getLocalMember().isLiteMember();
    }

    /**
     * The judge queue is bounded like the run queue ({@code tandem.run.queue-capacity}): past it a submission is
     * refused with QUEUE_FULL instead of growing the cluster's memory. Called while the member's configuration is built.
     */
    public static void configure(Config config, int backupCount, RunConfig run) {
        config.addQueueConfig(new QueueConfig(QUEUE).setBackupCount(backupCount).setMaxSize(run.queueCapacity()));
        // The reaper asks the index for the submissions in flight instead of reading and parsing every record of
        // the last hour every few seconds.
        config.getMapConfig(MAP).addAttributeConfig(new AttributeConfig(UNFINISHED, UnfinishedSubmission.class.getName()))
                .addIndexConfig(new IndexConfig(IndexType.HASH, UNFINISHED));
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public void create(SubmissionRecord r) {
        records.map().set(r.submissionId, SubmissionEvents.write(r), config.recordTtlSeconds(), TimeUnit.SECONDS);
    }

    public SubmissionRecord find(String id) {
        return id == null ? null : SubmissionEvents.read(records.map().get(id));
    }

    public CompletionStage<SubmissionRecord> findAsync(String id) {
        return records.map().getAsync(id).thenApply(SubmissionEvents::read);
    }

    /**
     * Applies {@code change} to a copy of the record and writes it if nobody wrote in between (else retries);
     * {@code change} answers null to leave the record as it is. Returns the written record, or null.
     */
    public SubmissionRecord update(String id, UnaryOperator<SubmissionRecord> change) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String old = records.map().get(id);
            if (old == null) return null;
            SubmissionRecord next = change.apply(SubmissionEvents.read(old));
            if (next == null) return null;
            String json = SubmissionEvents.write(next);
            if (records.map().replace(id, old, json)) {
                records.map().setTtl(id, config.recordTtlSeconds(), TimeUnit.SECONDS);
                return next;
            }
        }
        throw new IllegalStateException("submission " + id + ": too much contention");
    }

    public void setLatest(String sessionId, String id) {
        latest.set(sessionId, id, config.recordTtlSeconds(), TimeUnit.SECONDS);
    }

    public String latest(String sessionId) {
        return latest.get(sessionId);
    }

    /** The session's latest submission, running or finished, or none (what a joining client is replayed). */
    public List<SubmissionRecord> latestRecord(String sessionId) {
        SubmissionRecord r = find(latest(sessionId));
        return r == null ? List.of() : List.of(r);
    }

    /** Puts a new submission at the head of its session's history (compare-and-set, so none is lost). */
    public void addToHistory(String sessionId, String id) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String old = history.get(sessionId);
            List<String> ids = new ArrayList<>(List.of(id));
            if (old != null) ids.addAll(List.of(old.split(" ")));
            String next = String.join(" ", ids.subList(0, Math.min(HISTORY_KEPT, ids.size())));
            boolean written = old == null ? history.putIfAbsent(sessionId, next) == null : history.replace(sessionId, old, next);
            if (written) {
                history.setTtl(sessionId, config.recordTtlSeconds(), TimeUnit.SECONDS);
                return;
            }
        }
        throw new IllegalStateException("submission history of " + sessionId + ": too much contention");
    }

    /** The session's submissions, newest first (those whose records expired are left out). */
    public List<SubmissionRecord> history(String sessionId) {
        String ids = history.get(sessionId);
        if (ids == null) return List.of();
        List<String> keys = List.of(ids.split(" "));
        Map<String, String> found = records.map().getAll(new java.util.HashSet<>(keys));
        List<SubmissionRecord> out = new ArrayList<>();
        for (String key : keys) {
            String json = found.get(key);
            if (json != null) out.add(SubmissionEvents.read(json));
        }
        return out;
    }

    public boolean enqueue(String id) {
        return queue.offer(id);
    }

    public String take(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /**
     * Ids of the unfinished records held by this member (for the reaper); on a lite member, which holds none,
     * every unfinished id (the reaper's update is atomic and skips finished records, so several reapers never
     * finish one twice).
     */
    public Set<String> unfinishedLocalIds() {
        Predicate<String, String> unfinished = Predicates.equal(UNFINISHED, true);
        return lite ? records.map().keySet(unfinished) : records.map().localKeySet(unfinished);
    }

    /** The {@value #UNFINISHED} attribute of a stored record, which Hazelcast indexes as the record changes. */
    public static final class UnfinishedSubmission implements ValueExtractor<String, Object> {
        @Override
        public void extract(String json, Object argument, ValueCollector collector) {
            collector.addObject(json != null && !"finished".equals(status(json)));
        }
    }

    /** The record's top-level {@code status}, read without building the record (null when it has none). */
    static String status(String json) {
        try (JsonParser p = SubmissionEvents.MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("status".equals(field)) return value == JsonToken.VALUE_STRING ? p.getText() : null;
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // not a record: indexed as unfinished, and the reaper's read reports it
        }
    }
}
