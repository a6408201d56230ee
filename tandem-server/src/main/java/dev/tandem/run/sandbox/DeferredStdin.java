package dev.tandem.run.sandbox;

import java.io.IOException;
import java.io.InputStream;

/**
 * The stdin of a container attached before anyone knows what it will run (a {@link WarmPool} container): docker-java's
 * copy thread reads it from the attach on, and blocks until a run {@link #bind binds} the real stream (the run's
 * payload: nonce, source, stdin), then reads that one to its end. Closed unbound (the container is retired), it
 * ends at once, so the copy thread ends too.
 */
final class DeferredStdin extends InputStream {
    private InputStream target; // guarded by this
    private boolean closed;     // guarded by this

    /** Hands the run's stream to the copy thread; false if this one was closed first. */
    synchronized boolean bind(InputStream stream) {
        if (closed || target != null) return false;
        target = stream;
        notifyAll();
        return true;
    }

    private InputStream await() throws IOException {
        synchronized (this) {
            while (target == null && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for a run", e);
                }
            }
            return target;
        }
    }

    @Override
    public int read() throws IOException {
        InputStream in = await();
        return in == null ? -1 : in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        InputStream in = await();
        return in == null ? -1 : in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
        InputStream in;
        synchronized (this) {
            closed = true;
            in = target;
            notifyAll();
        }
        if (in != null) in.close();
    }
}
