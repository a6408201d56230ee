package dev.tandem.storage;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which of the cluster's maps durable storage stands behind, as the node's wiring names them
 * ({@code cluster.HazelcastProducer}): storage lies below the authority, the sessions, the links and the jobs, so
 * it takes their map names instead of importing them (no {@code storage} ↔ {@code collab.authority} cycle;
 * LayeringTest checks it).
 *
 * @param documents      the documents map, loaded on demand from snapshots and the update log
 * @param historyUpdates how many recent updates a loaded document keeps (the authority's {@code tandem.collab.history-updates})
 * @param historyChars   how many inserted characters its history keeps at most
 * @param writeThrough   maps stored before a write is answered (sessions, links, runs, submissions and their
 *                       per-session indexes)
 * @param expiring       maps whose stored entries are deleted after the retention (runs, submissions, their indexes)
 * @param coalesced      of those, the maps whose records change many times a second while live (runs), each with
 *                       what tells a settled record (written at once) from a live one (written within
 *                       {@code tandem.storage.flush-ms} in {@code memory} durability; {@code disk} writes each change)
 * @param jobsMinIdleMs  the least time an entry of the expiring maps stays in memory untouched, whatever
 *                       {@code tandem.storage.max-idle-seconds} says: the reapers find queued and running jobs
 *                       through an in-memory index, so a job queued too long must still be in memory when its
 *                       reaper's deadline ({@code tandem.run.max-queued-ms}) comes, or it would stay queued for good
 */
public record StoredMaps(String documents, int historyUpdates, long historyChars, List<String> writeThrough,
                         List<String> expiring, Map<String, Predicate<Object>> coalesced, long jobsMinIdleMs) {
    public StoredMaps {
        writeThrough = List.copyOf(writeThrough);
        expiring = List.copyOf(expiring);
        coalesced = Map.copyOf(coalesced);
    }
}
