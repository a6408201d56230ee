package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.client.Incoming;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemListener;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One lane of the run mode: a session holding the program, and a participant's socket in it, which receives
 * the session's run events as an IDE would. Runs are submitted over REST (the answer is the queued answer
 * the mode times) and followed on the socket; one at a time, so the per-session run limit never binds.
 */
final class RunSlot implements TandemListener, AutoCloseable {
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(30);

    private final SessionsApi api;
    private final String link;
    /**
     * By run id. A run's first events can arrive before the submit's answer names it, so whichever side comes
     * first creates the entry. A duplicate event after the run was done leaves a small stale entry; there
     * are at most a few per lane.
     */
    private final Map<String, RunTrace> traces = new ConcurrentHashMap<>();
    private TandemClient socket;

    private RunSlot(SessionsApi api, String link) {
        this.api = api;
        this.link = link;
    }

    /** Creates the session on the first of {@code servers} and joins it (the others are the socket's fallbacks). */
    static RunSlot open(List<URI> servers, RunProgram program, String name) throws IOException, InterruptedException {
        SessionsApi api = new SessionsApi(servers.get(0));
        RunSlot slot = new RunSlot(api, api.create(program.language(), program.source()));
        slot.socket = TandemClient.builder(slot.link).servers(servers).name(name).listener(slot).connect();
        if (!slot.socket.awaitConnected(CONNECT_DEADLINE)) {
            slot.close();
            throw new IOException("the socket of session " + slot.link + " did not connect in " + CONNECT_DEADLINE);
        }
        return slot;
    }

    /** Runs the program with {@code token} as its input and waits for its end; never throws for a failed run. */
    RunSample run(String token, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        String runId;
        try {
            runId = api.startRun(link, RunProgram.stdinFor(token));
        } catch (IOException e) {
            return RunSample.failed(RunFailure.Kind.ERROR, e.getMessage());
        }
        long queued = System.nanoTime() - start;
        RunTrace trace = traces.computeIfAbsent(runId, id -> new RunTrace());
        try {
            boolean ended = trace.awaitFinished(deadline.minusNanos(System.nanoTime() - start));
            RunTrace.Seen seen = trace.seen();
            long firstOutput = seen.firstOutputAt() == 0 ? RunSample.NONE : seen.firstOutputAt() - start;
            if (!ended) {
                return new RunSample(queued, firstOutput, RunSample.NONE,
                        new RunFailure(RunFailure.Kind.TIMEOUT, "run " + runId + " did not finish in " + deadline));
            }
            JsonNode end = seen.finishedEvent();
            Integer exitCode = end.path("exitCode").isNumber() ? end.path("exitCode").asInt() : null;
            RunFailure failure = RunProgram.verify(token, end.path("outcome").asText(null), exitCode, seen.stdout());
            if (failure != null && end.path("message").isTextual()) {
                failure = new RunFailure(failure.kind(), failure.detail() + " (" + end.path("message").asText() + ")");
            }
            return new RunSample(queued, firstOutput, seen.finishedAt() - start, failure);
        } finally {
            traces.remove(runId);
        }
    }

    @Override
    public void onOther(Incoming.Other message) {
        // When the client hands the event to its listener: after its parse and dispatch queue, microseconds
        // after the socket read, against runs of hundreds of milliseconds.
        long received = System.nanoTime();
        String runId = message.json().path("runId").asText(null);
        if (!message.type().startsWith("run.") || runId == null) return;
        traces.computeIfAbsent(runId, id -> new RunTrace()).accept(message.type(), message.json(), received);
    }

    @Override
    public void close() {
        if (socket != null) socket.close();
    }
}
