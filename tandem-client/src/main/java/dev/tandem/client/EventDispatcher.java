package dev.tandem.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Runs listener callbacks one at a time, in the order they were queued, on whichever thread calls
 * {@link #drain()}. Events are queued while the client holds its lock and drained after it lets go, so a
 * listener never runs under the lock and may call back into the client.
 */
final class EventDispatcher {
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final BiConsumer<Runnable, RuntimeException> onFailure;

    EventDispatcher(BiConsumer<Runnable, RuntimeException> onFailure) {
        this.onFailure = onFailure;
    }

    void queue(Runnable event) {
        queue.add(event);
    }

    void drain() {
        // The re-check after releasing the flag catches an event queued by another thread in between.
        while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Runnable event;
                while ((event = queue.poll()) != null) {
                    try {
                        event.run();
                    } catch (RuntimeException e) {
                        onFailure.accept(event, e);
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
