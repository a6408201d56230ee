package dev.tandem.bench;

import dev.tandem.client.TandemClient;
import dev.tandem.collab.Traces;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Trace mode: one typist replays a trace through a live server, a few keystrokes per update (as a typist's
 * client batches what was typed while its previous push was in flight), while N watchers follow. The time
 * runs from the first keystroke until the typist is confirmed and every watcher has the last version.
 */
final class TraceLoad {
    private static final Duration DEADLINE = Duration.ofSeconds(300);
    private final LoadOptions o;

    TraceLoad(LoadOptions options) {
        this.o = options;
    }

    TraceReport run() throws IOException, InterruptedException {
        Traces.Trace trace = Traces.load(o.tracesDir().resolve("sequential").resolve(o.trace() + ".json.gz"));
        SessionsApi api = new SessionsApi(o.server());
        String sessionId = api.create(trace.startContent());
        TandemClient typist = TandemClient.builder(sessionId).servers(o.servers()).name("typist").connect();
        List<TandemClient> watchers = new ArrayList<>();
        for (int i = 0; i < o.watchers(); i++) watchers.add(TandemClient.builder(sessionId).servers(o.servers()).name("watcher" + i).connect());
        try {
            requireConnected(typist);
            for (TandemClient w : watchers) requireConnected(w);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            long start = System.nanoTime();
            List<Traces.Patch> patches = trace.patches();
            for (int from = 0; from < patches.size(); from += o.burst()) {
                List<Traces.Patch> burst = patches.subList(from, Math.min(patches.size(), from + o.burst()));
                typist.change(text -> Traces.compose(text.length(), burst));
            }
            boolean synced = typist.awaitSynced(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            int version = api.get(sessionId).version();
            for (TandemClient w : watchers) {
                while (w.version() < version && System.nanoTime() < deadline) Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean converged = synced && typist.text().equals(trace.endContent())
                    && api.get(sessionId).content().equals(trace.endContent())
                    && watchers.stream().allMatch(w -> w.text().equals(trace.endContent()));
            return new TraceReport("trace", trace.name(), patches.size(), o.burst(), version, o.watchers(), seconds,
                    patches.size() / seconds, version / seconds, converged, ServerProbe.loadAverage());
        } finally {
            typist.close();
            watchers.forEach(TandemClient::close);
        }
    }

    private static void requireConnected(TandemClient c) throws IOException, InterruptedException {
        if (!c.awaitConnected(Duration.ofSeconds(30))) throw new IOException("could not connect");
    }
}
