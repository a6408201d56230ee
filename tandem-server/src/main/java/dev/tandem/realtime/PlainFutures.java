package dev.tandem.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Hazelcast's futures handed on as plain ones, for code that keeps them or reads them on an event loop. */
final class PlainFutures {
    private PlainFutures() {
    }

    /**
     * A plain future completed by Hazelcast's. Why: Hazelcast's own future runs every dependent on its callback
     * pool, also one added after it completed, so a message read on an event loop would continue on another thread
     * and could overtake or be overtaken by the connection's next one (FileIndexes); and it holds a remote answer
     * undecoded that only its CompletionStage callbacks decode, so {@code copy()} or {@code orTimeout()} on it would
     * see a raw packet (HttpConnections). A plain future runs late dependents at once, on the caller.
     */
    static <T> CompletableFuture<T> of(CompletionStage<T> hazelcastFuture) {
        CompletableFuture<T> plain = new CompletableFuture<>();
        hazelcastFuture.whenComplete((value, failure) -> {
            if (failure != null) plain.completeExceptionally(failure);
            else plain.complete(value);
        });
        return plain;
    }
}
