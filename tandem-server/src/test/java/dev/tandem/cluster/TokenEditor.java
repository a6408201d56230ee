package dev.tandem.cluster;

import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemListener;
import dev.tandem.collab.ChangeSet;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that types unique tokens ({@code [name.n]}) at token boundaries, so that the final text shows
 * exactly which of its edits survived: every token the server acknowledged must be there exactly once.
 */
final class TokenEditor implements TandemListener, AutoCloseable {
    private final String name;
    private final String sessionId;
    private final Random random;
    private final TandemClient client;
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger confirmed = new AtomicInteger();
    /** When the connection was last lost (nanoTime), and how long the longest outage lasted. */
    private final AtomicLong lostAt = new AtomicLong(-1);
    private final AtomicLong longestOutageNanos = new AtomicLong();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    /** When the server last confirmed an update (nanoTime), and the longest wait between two confirmations. */
    private final AtomicLong lastConfirmedAt = new AtomicLong(-1);
    private final AtomicLong longestAckGapNanos = new AtomicLong();

    TokenEditor(String sessionId, String name, List<URI> servers, long seed) {
        this.name = name;
        this.sessionId = sessionId;
        this.random = new Random(seed);
        this.client = TandemClient.builder(sessionId).servers(servers).name(name).listener(this)
                .backoff(Duration.ofMillis(50), Duration.ofSeconds(1)).connect();
    }

    String sessionId() {
        return sessionId;
    }

    TandemClient client() {
        return client;
    }

    /** Types the next token at a random token boundary of the local text. */
    void typeToken() {
        String token = "[" + name + "." + tokens.size() + "]";
        client.change(text -> {
            List<Integer> boundaries = new ArrayList<>();
            boundaries.add(0);
            for (int i = text.indexOf(']'); i >= 0; i = text.indexOf(']', i + 1)) boundaries.add(i + 1);
            int at = boundaries.get(random.nextInt(boundaries.size()));
            return ChangeSet.of(text.length(), at, at, token);
        });
        tokens.add(token);
    }

    /** The tokens the server has acknowledged so far (a client's updates are confirmed in order). */
    List<String> confirmedTokens() {
        return tokens.subList(0, Math.min(confirmed.get(), tokens.size()));
    }

    List<String> allTokens() {
        return tokens;
    }

    Duration longestOutage() {
        long open = lostAt.get();
        long current = open < 0 ? 0 : System.nanoTime() - open;
        return Duration.ofNanos(Math.max(current, longestOutageNanos.get()));
    }

    /** The longest time this editor's typing went unconfirmed (between two acks), e.g. across a failover. */
    Duration longestAckGap() {
        return Duration.ofNanos(longestAckGapNanos.get());
    }

    List<String> errors() {
        return errors;
    }

    @Override
    public void onConfirmed(int count, int version) {
        confirmed.addAndGet(count);
        long now = System.nanoTime();
        long before = lastConfirmedAt.getAndSet(now);
        if (before >= 0) longestAckGapNanos.accumulateAndGet(now - before, Math::max);
    }

    @Override
    public void onConnectionState(boolean connected) {
        if (!connected) {
            lostAt.compareAndSet(-1, System.nanoTime());
        } else {
            long since = lostAt.getAndSet(-1);
            if (since >= 0) longestOutageNanos.accumulateAndGet(System.nanoTime() - since, Math::max);
        }
    }

    /** The client started again from the server's document (it could not rebase): each time, the version it restarted at. */
    @Override
    public void onReloaded(List<dev.tandem.collab.Update> lostEdits, String newText, int version) {
        errors.add("RELOADED at version " + version + ", " + lostEdits.size() + " unconfirmed edits dropped");
    }

    @Override
    public void onError(String code, String message) {
        errors.add(code + ": " + message);
    }

    @Override
    public void close() {
        client.close();
    }
}
