package dev.tandem.realtime;

import com.hazelcast.ringbuffer.OverflowPolicy;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.quarkus.logging.Log;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Outbound} of an HTTP-transport connection: its server messages are appended to the connection's
 * numbered log in the cluster ({@link HttpMessageLog}), where a stream or a poll on any node reads them.
 *
 * <p>Order: the connection writes on its event loop, and at most one append is on its way at a time (what
 * arrives meanwhile goes with the next, in one call), so the log's numbering is exactly the order of the
 * writes even if Hazelcast retried or reordered calls.
 */
final class HttpOutbound implements Outbound {
    private static final int BATCH = 256;

    private record Pending(String json, Handler<AsyncResult<Void>> done) {}

    private final String id;
    private final Ringbuffer<String> log;
    private final Runnable ended;
    private final CompletableFuture<String> first = new CompletableFuture<>();
    /** Guarded by this. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** Guarded by this. */
    private boolean appending;
    private boolean closed;

    /** @param ended called once the end of the log is written (after every message before it) */
    HttpOutbound(String id, Ringbuffer<String> log, Runnable ended) {
        this.id = id;
        this.log = log;
        this.ended = ended;
    }

    @Override
    public String id() {
        return id;
    }

    /** The first message written: the welcome (message 0), or the error that refused the hello. */
    CompletableFuture<String> first() {
        return first;
    }

    @Override
    public void write(String json, Handler<AsyncResult<Void>> done) {
        first.complete(json);
        enqueue(new Pending(json, done));
    }

    @Override
    public void close(int code, String reason) {
        if (closed) return;
        closed = true;
        first.complete(null);
        enqueue(new Pending(HttpMessageLog.END, done -> ended.run()));
    }

    private void enqueue(Pending pending) {
        synchronized (this) {
            queue.add(pending);
            if (appending) return;
            appending = true;
        }
        appendNext();
    }

    private void appendNext() {
        List<Pending> batch = new ArrayList<>();
        synchronized (this) {
            while (!queue.isEmpty() && batch.size() < BATCH) batch.add(queue.poll());
            if (batch.isEmpty()) {
                appending = false;
                return;
            }
        }
        List<String> items = new ArrayList<>(batch.size());
        for (Pending p : batch) items.add(p.json());
        java.util.concurrent.CompletionStage<Long> appended;
        try {
            appended = log.addAllAsync(items, OverflowPolicy.OVERWRITE);
        } catch (RuntimeException e) { // the member is shutting down
            appended = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        appended.whenComplete((sequence, failure) -> {
            if (failure != null) Log.debugf("an HTTP-transport connection lost %d messages: %s", batch.size(), failure.toString());
            AsyncResult<Void> result = failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
            for (Pending p : batch) p.done().handle(result);
            appendNext();
        });
    }
}
