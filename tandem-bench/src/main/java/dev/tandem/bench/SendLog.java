package dev.tandem.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each of one client's updates was made, indexed by its seq. The client's seq counts 1, 2, 3... for every
 * local change (the load tool makes no other kind), so the n-th change is seq n. Written by the editing
 * thread, read by the other clients' socket threads, hence the atomic array.
 */
final class SendLog {
    private final AtomicLongArray sentAt;

    SendLog(int capacity) {
        this.sentAt = new AtomicLongArray(capacity + 1);
    }

    void sent(int seq, long nanos) {
        if (seq < sentAt.length()) sentAt.set(seq, nanos);
    }

    /** The nanoTime the update was made, or 0 if unknown. */
    long sentAt(int seq) {
        return seq > 0 && seq < sentAt.length() ? sentAt.get(seq) : 0;
    }
}
