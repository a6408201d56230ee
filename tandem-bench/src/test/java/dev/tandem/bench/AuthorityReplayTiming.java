package dev.tandem.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Traces;
import dev.tandem.collab.Update;
import dev.tandem.collab.authority.CollabConfig;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.collab.authority.Snapshot;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Replays an editing trace through the document authority's entry-processor path, one edit per push, on an
 * embedded Hazelcast member configured as in production, next to its floor: the same pushes applied to a
 * {@link DocumentState} directly, in the same run.
 *
 * <p>Run: {@code mvn -B -Pbench test-compile exec:exec -Dbench.main=dev.tandem.bench.AuthorityReplayTiming -Djmh.args=}
 * (optional arguments: the trace name, default automerge-paper, and the number of runs, default 5).
 *
 * <p>Traces: the {@code editing-traces} data set by Joseph Gentle and contributors
 * (github.com/josephg/editing-traces), licensed CC BY 4.0.
 */
public final class AuthorityReplayTiming {
    /** Pushes in flight in the pipelined mode: many clients' pushes queue on the owner's partition thread. */
    private static final int PIPELINE = 64;

    private AuthorityReplayTiming() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "automerge-paper";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Traces.Trace trace = Traces.sequential(name);
        List<ChangeSet> edits = changes(trace);
        System.out.printf("%s: %,d edits, final length %,d%n", name, edits.size(), trace.endContent().length());

        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config());
        try {
            DocumentAuthority authority = new DocumentAuthority(hz, new Limits());
            for (int run = 0; run < runs; run++) {
                double direct = timeDirect(trace, edits, Long.MAX_VALUE);
                // the same with the document limit in JSON bytes, as the server's default pays it on every push
                double directBytes = timeDirect(trace, edits, new Limits().maxDocumentBytes());
                double sequential = timeSequential(authority, trace, edits, "seq-" + run);
                double pipelined = timePipelined(authority, trace, edits, "pipe-" + run);
                System.out.printf("run %d: DocumentState directly %.0f ms, with the JSON-bytes limit %.0f ms | authority, one push at a time %.0f ms (%.1f us/push)"
                                + " | authority, %d pushes in flight %.0f ms (%.1f us/push)%n",
                        run + 1, direct, directBytes, sequential, sequential * 1000 / edits.size(), PIPELINE, pipelined,
                        pipelined * 1000 / edits.size());
            }
        } finally {
            hz.shutdown();
        }
    }

    private static double timeDirect(Traces.Trace trace, List<ChangeSet> edits, long maxJsonBytes) {
        long start = System.nanoTime();
        DocumentState state = new DocumentState(trace.startContent(), 5000, 8 << 20);
        for (int i = 0; i < edits.size(); i++) {
            PushResult r = state.push(i, List.of(new Update("typist", i + 1, edits.get(i))), Integer.MAX_VALUE, maxJsonBytes);
            if (!(r instanceof PushResult.Accepted)) throw new AssertionError("edit " + i + ": " + r);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        check(trace, state.text());
        return ms;
    }

    private static double timeSequential(DocumentAuthority authority, Traces.Trace trace, List<ChangeSet> edits, String id) {
        authority.create(id, trace.startContent());
        long start = System.nanoTime();
        for (int i = 0; i < edits.size(); i++) {
            PushResult r = authority.push(id, i, List.of(new Update("typist", i + 1, edits.get(i)))).toCompletableFuture().join();
            if (!(r instanceof PushResult.Accepted)) throw new AssertionError("edit " + i + ": " + r);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        check(trace, authority.snapshot(id).toCompletableFuture().join());
        return ms;
    }

    private static double timePipelined(DocumentAuthority authority, Traces.Trace trace, List<ChangeSet> edits, String id) {
        authority.create(id, trace.startContent());
        ArrayDeque<CompletableFuture<PushResult>> inFlight = new ArrayDeque<>();
        long start = System.nanoTime();
        for (int i = 0; i < edits.size(); i++) {
            if (inFlight.size() == PIPELINE) expectAccepted(inFlight.poll().join());
            inFlight.add(authority.push(id, i, List.of(new Update("typist", i + 1, edits.get(i)))).toCompletableFuture());
        }
        while (!inFlight.isEmpty()) expectAccepted(inFlight.poll().join());
        double ms = (System.nanoTime() - start) / 1e6;
        check(trace, authority.snapshot(id).toCompletableFuture().join());
        return ms;
    }

    private static void expectAccepted(PushResult r) {
        if (!(r instanceof PushResult.Accepted)) throw new AssertionError("push refused: " + r);
    }

    private static void check(Traces.Trace trace, Snapshot snapshot) {
        check(trace, snapshot.content());
    }

    private static void check(Traces.Trace trace, String text) {
        if (!text.equals(trace.endContent())) throw new AssertionError("replay did not give the trace's endContent");
    }

    private static List<ChangeSet> changes(Traces.Trace trace) {
        int length = trace.startContent().length();
        List<ChangeSet> result = new java.util.ArrayList<>(trace.patches().size());
        for (Traces.Patch p : trace.patches()) {
            ChangeSet c = ChangeSet.of(length, p.pos(), p.pos() + p.deleted(), p.inserted());
            result.add(c);
            length = c.newLength();
        }
        return result;
    }

    private static Config config() {
        Config config = new Config();
        config.setClusterName("tandem-bench-" + ProcessHandle.current().pid());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "none");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.getNetworkConfig().setPort(5901).setPortAutoIncrement(true);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        DocumentAuthority.configure(config, 1);
        return config;
    }

    /** The production defaults, except that the document may grow without limit. */
    private static final class Limits implements CollabConfig {
        public int maxDocumentChars() { return Integer.MAX_VALUE; }
        public int historyUpdates() { return 5000; }
        public long historyChars() { return 8 << 20; }
        // finite, so that every push takes the JSON-bytes path that the server's default limit takes
        public long maxDocumentBytes() { return 1L << 40; }
        public long pageBytes() { return 1 << 20; }
    }
}
