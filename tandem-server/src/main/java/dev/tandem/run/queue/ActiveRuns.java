package dev.tandem.run.queue;

import com.hazelcast.map.EntryProcessor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The runs of one session that are queued or running (map {@code tandem.run.active}, key sessionId): the
 * per-session limit counts them, and a client that joins is sent their events.
 */
public record ActiveRuns(List<String> runIds) {

    public ActiveRuns {
        runIds = List.copyOf(runIds);
    }

    /** Adds a run unless the session already has {@code max} in flight; answers whether it was added. */
    record Admit(String runId, int max) implements EntryProcessor<String, ActiveRuns, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, ActiveRuns> entry) {
            List<String> ids = entry.getValue() == null ? new ArrayList<>() : new ArrayList<>(entry.getValue().runIds());
            if (ids.size() >= max) return false;
            ids.add(runId);
            entry.setValue(new ActiveRuns(ids));
            return true;
        }
    }

    /** Drops finished (or vanished) runs; removes the entry when none is left. */
    record Release(Collection<String> finished) implements EntryProcessor<String, ActiveRuns, Void> {
        @Override
        public Void process(Map.Entry<String, ActiveRuns> entry) {
            if (entry.getValue() == null) return null;
            List<String> ids = new ArrayList<>(entry.getValue().runIds());
            ids.removeAll(finished);
            entry.setValue(ids.isEmpty() ? null : new ActiveRuns(ids));
            return null;
        }
    }
}
