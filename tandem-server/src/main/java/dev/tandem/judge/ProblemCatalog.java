package dev.tandem.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The problems: read from the classpath at start-up (docs/problems.md) and put into the cluster map
 * {@code tandem.problems} (slug → JSON), which every node reads through a local cache.
 */
@ApplicationScoped
public class ProblemCatalog {
    public static final String MAP = "tandem.problems";
    private final IMap<String, String> map;
    private final Map<String, Problem> cache = new ConcurrentHashMap<>();

    public ProblemCatalog(HazelcastInstance hazelcast) {
        this.map = hazelcast.getMap(MAP);
    }

    void load(@Observes StartupEvent event) {
        long t0 = System.nanoTime();
        List<Problem> all = ProblemFiles.loadAll();
        Map<String, String> published = new HashMap<>();
        for (Problem p : all) {
            cache.put(p.slug(), p);
            try {
                published.put(p.slug(), SubmissionEvents.MAPPER.writeValueAsString(p));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        // Published to the cluster without holding up the start: this node answers from its cache, filled above
        // from the same files, and a member still joining made a synchronous put wait for its migrations
        // (2-3 s of every clustered start).
        map.setAllAsync(published).whenComplete((ok, failure) -> {
            if (failure != null) Log.warnf(failure, "problems not published to the cluster map %s; nodes answer from their own files", MAP);
        });
        Log.infof("%d problems loaded in %d ms", all.size(), (System.nanoTime() - t0) / 1_000_000);
    }

    public Optional<Problem> find(String slug) {
        if (slug == null) return Optional.empty();
        Problem p = cache.get(slug);
        if (p != null) return Optional.of(p);
        String json = map.get(slug);
        if (json == null) return Optional.empty();
        try {
            p = SubmissionEvents.MAPPER.readValue(json, Problem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        cache.put(slug, p);
        return Optional.of(p);
    }

    public List<ProblemView.Summary> list() {
        return map.keySet().stream().map(this::find).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Problem::slug))
                .map(p -> new ProblemView.Summary(p.slug(), p.title(), p.difficulty())).toList();
    }
}
