package dev.tandem.storage;

import java.util.List;

/**
 * Which of the cluster's maps durable storage stands behind, as the node's wiring names them
 * ({@code cluster.HazelcastProducer}): storage lies below the authority, the sessions, the links and the jobs, so
 * it takes their map names instead of importing them (no {@code storage} ↔ {@code collab.authority} cycle;
 * LayeringTest checks it).
 *
 * @param documents      the documents map, loaded on demand from snapshots and the update log
 * @param historyUpdates how many recent updates a loaded document keeps (the authority's {@code tandem.collab.history-updates})
 * @param historyChars   how many inserted characters its history keeps at most
 * @param writeThrough   maps stored before a write is answered (sessions, links, the submissions' per-session indexes)
 * @param writeBehind    maps stored within a second (runs and submissions, written many times while they run)
 * @param expiring       maps whose stored entries are deleted after the retention (runs, submissions, their indexes)
 */
public record StoredMaps(String documents, int historyUpdates, long historyChars, List<String> writeThrough,
                         List<String> writeBehind, List<String> expiring) {
    public StoredMaps {
        writeThrough = List.copyOf(writeThrough);
        writeBehind = List.copyOf(writeBehind);
        expiring = List.copyOf(expiring);
    }
}
