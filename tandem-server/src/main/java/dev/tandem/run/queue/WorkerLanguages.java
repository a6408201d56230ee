package dev.tandem.run.queue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Which languages the cluster can run, for every kind of job: each worker node announces the languages whose
 * sandbox image it has in {@code tandem.run.workers} (one entry per node, gone unless announced again), and a run,
 * a run without a session or a submission is refused up front when no live worker could take it.
 */
@ApplicationScoped
public class WorkerLanguages {
    public static final String MAP = "tandem.run.workers";

    private final IMap<String, List<String>> workers;
    private final String nodeId;

    public WorkerLanguages(HazelcastInstance hazelcast) {
        this.workers = hazelcast.getMap(MAP);
        this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    /** Announces the languages this worker node can run, for as long as it keeps announcing. */
    public void announce(List<String> languages, long ttlMs) {
        workers.set(nodeId, new ArrayList<>(languages), ttlMs, TimeUnit.MILLISECONDS);
    }

    public void withdraw() {
        workers.delete(nodeId);
    }

    /** Languages some live worker can run. */
    public Set<String> runnable() {
        Set<String> all = new TreeSet<>();
        for (List<String> l : workers.values()) all.addAll(l);
        return all;
    }
}
