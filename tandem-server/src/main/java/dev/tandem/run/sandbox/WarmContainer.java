package dev.tandem.run.sandbox;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.InputStream;

/**
 * One container of the {@link WarmPool}: created under {@link ContainerSpec} and attached, not started. The attach
 * stream's frames go to whichever run {@link #bind binds} it; until then there are none (nothing runs before the
 * start). Used by exactly one run, then removed like any other container.
 */
final class WarmContainer {
    final String id;
    final WarmPool.Key key;
    final long createdAtMs;
    final DeferredStdin stdin = new DeferredStdin();
    final Relay relay = new Relay();

    WarmContainer(String id, WarmPool.Key key, long createdAtMs) {
        this.id = id;
        this.key = key;
        this.createdAtMs = createdAtMs;
    }

    /** Whether the attach stream is still open (the engine or a timeout may have ended it while it waited). */
    boolean attached() {
        return relay.open();
    }

    /**
     * Gives the container to a run: its stdin and its output callback. Answers the attach handle to close at the end
     * of the run (it closes the attach stream), or null when the container can no longer be used.
     */
    ResultCallback.Adapter<Frame> bind(InputStream runStdin, ResultCallback<Frame> runCallback) {
        if (!relay.bind(runCallback)) return null;
        if (!stdin.bind(runStdin)) return null;
        return relay;
    }

    /** Forwards the attach stream's events to the bound run's callback. */
    static final class Relay extends ResultCallback.Adapter<Frame> {
        private ResultCallback<Frame> target; // guarded by this
        private boolean ended;                // guarded by this

        synchronized boolean open() {
            return !ended;
        }

        synchronized boolean bind(ResultCallback<Frame> callback) {
            if (ended || target != null) return false;
            target = callback;
            return true;
        }

        private synchronized ResultCallback<Frame> target() {
            return target;
        }

        @Override
        public void onNext(Frame frame) {
            ResultCallback<Frame> t = target();
            if (t != null) t.onNext(frame);
        }

        @Override
        public void onError(Throwable throwable) {
            ResultCallback<Frame> t;
            synchronized (this) {
                ended = true;
                t = target;
            }
            if (t != null) t.onError(throwable);
            super.onError(throwable);
        }

        @Override
        public void onComplete() {
            ResultCallback<Frame> t;
            synchronized (this) {
                ended = true;
                t = target;
            }
            if (t != null) t.onComplete();
            super.onComplete();
        }
    }
}
