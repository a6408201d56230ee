package dev.tandem.bench;

import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemListener;
import dev.tandem.collab.Update;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated participant of the edit mode: a {@link TandemClient} that types with a {@link TypingModel},
 * logs when each of its updates was made, and records how long the others' updates took to reach it.
 */
final class LoadClient implements TandemListener {
    private final String sessionId;
    private final String clientId;
    private final TypingModel typing;
    private final SendLog sendLog;
    /** Every participant's send log by client id, shared by all clients of the run. */
    private final Map<String, SendLog> sendLogs;
    /** Only updates made at or after this nanoTime count (the warm-up is left out). */
    private volatile long measureFrom = Long.MAX_VALUE;
    private final LongSamples latencies = new LongSamples();
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger measuredEdits = new AtomicInteger();
    private final AtomicLong batchesReceived = new AtomicLong();
    private final AtomicLong updatesReceived = new AtomicLong();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger disconnects = new AtomicInteger();
    private volatile boolean stopping;
    private volatile String lastError;
    private TandemClient client;

    LoadClient(String sessionId, String clientId, long seed, int capacity, Map<String, SendLog> sendLogs) {
        this.sessionId = sessionId;
        this.clientId = clientId;
        this.typing = new TypingModel(new SplittableRandom(seed));
        this.sendLog = new SendLog(capacity);
        this.sendLogs = sendLogs;
        sendLogs.put(clientId, sendLog);
    }

    LoadClient connect(List<URI> servers, HttpClient http) {
        client = TandemClient.builder(sessionId).servers(servers).clientId(clientId).name(clientId)
                .httpClient(http).listener(this).connect();
        return this;
    }

    /** One keystroke. Called by the run's scheduler; never throws (a failed edit counts as an error). */
    void tick() {
        try {
            long now = System.nanoTime();
            client.change(typing::next);
            int mySeq = seq.incrementAndGet();
            sendLog.sent(mySeq, now);
            if (now >= measureFrom) measuredEdits.incrementAndGet();
        } catch (RuntimeException e) {
            error("edit failed: " + e);
        }
    }

    @Override
    public void onUpdatesApplied(List<Update> updates, long receivedNanos) {
        batchesReceived.incrementAndGet();
        updatesReceived.addAndGet(updates.size());
        long from = measureFrom;
        for (Update u : updates) {
            if (u.clientId().equals(clientId)) continue;
            SendLog log = sendLogs.get(u.clientId());
            long sent = log == null ? 0 : log.sentAt(u.seq());
            if (sent != 0 && sent >= from) latencies.add(receivedNanos - sent);
        }
    }

    @Override
    public void onError(String code, String message) {
        error(code + ": " + message);
    }

    @Override
    public void onConnectionState(boolean connected) {
        if (!connected && !stopping) {
            disconnects.incrementAndGet();
            error("disconnected");
        }
    }

    private void error(String what) {
        errors.incrementAndGet();
        lastError = what;
    }

    void measureFrom(long nanos) {
        measureFrom = nanos;
    }

    void stopping() {
        stopping = true;
    }

    TandemClient client() {
        return client;
    }

    String sessionId() {
        return sessionId;
    }

    int editsMade() {
        return seq.get();
    }

    int measuredEdits() {
        return measuredEdits.get();
    }

    long batchesReceived() {
        return batchesReceived.get();
    }

    long updatesReceived() {
        return updatesReceived.get();
    }

    int errors() {
        return errors.get();
    }

    String lastError() {
        return lastError;
    }

    LongSamples latencies() {
        return latencies;
    }
}
