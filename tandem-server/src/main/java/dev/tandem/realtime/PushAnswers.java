package dev.tandem.realtime;

import dev.tandem.collab.PushResult;

/**
 * Told of every push this node answers, on the pusher's event loop: the edit path's meters
 * ({@code metrics.EditMeters}) implement it, so the socket layer does not depend on the metrics that watch it
 * (no {@code realtime} ↔ {@code metrics} cycle). On the hot path: an implementation adds to counters and returns.
 */
public interface PushAnswers {
    /** A push was answered (accepted, conflict or rejected); {@code startedNanos} is {@link System#nanoTime()} when it arrived. */
    void answered(long startedNanos, PushResult result);
}
