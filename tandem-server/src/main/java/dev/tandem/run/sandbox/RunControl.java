package dev.tandem.run.sandbox;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The live side of one run, shared between the thread that supervises it in the sandbox and everyone else:
 * cancel it from any thread, and for an interactive run (v1.1 "Interactive runs") feed the program's stdin
 * while it runs. Thread-safe.
 *
 * <p>Input travels over the container's attach stream as frames, {@code "<bytes>\n" + bytes}, and EOF as the
 * frame {@code "0\n"}: docker-java cannot half-close an attach stream, so the end of stdin has to be said in
 * band. The bootstrap's relay (see {@link Bootstrap#interactiveScript}) copies each frame to the program's
 * stdin as it arrives and closes it at the EOF frame.
 */
public final class RunControl {
    private final boolean interactive;
    private final long wallMs;
    private final long idleMs;
    // guarded by this
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current;
    private int offset;
    private boolean stdinEnded;
    private boolean closed;
    private volatile boolean cancelled;
    private volatile long lastInputNanos;
    private volatile Runnable wake = () -> { };

    private RunControl(boolean interactive, long wallMs, long idleMs) {
        this.interactive = interactive;
        this.wallMs = wallMs;
        this.idleMs = idleMs;
        this.lastInputNanos = System.nanoTime();
    }

    /** A run whose stdin is given up front: it can only be cancelled. */
    public static RunControl batch() {
        return new RunControl(false, 0, 0);
    }

    /**
     * An interactive run: {@code initialStdin} first, then whatever {@link #write} adds, until {@link #eof};
     * it ends at {@code wallMs} after the program starts, or after {@code idleMs} without input or output.
     */
    public static RunControl interactive(String initialStdin, long wallMs, long idleMs) {
        RunControl control = new RunControl(true, wallMs, idleMs);
        if (initialStdin != null && !initialStdin.isEmpty()) control.write(initialStdin);
        return control;
    }

    public boolean interactive() {
        return interactive;
    }

    long wallMs() {
        return wallMs;
    }

    long idleMs() {
        return idleMs;
    }

    /** Stops the run: the sandbox kills the container at once and the run ends as cancelled. */
    public void cancel() {
        cancelled = true;
        wake.run();
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Appends data to the program's stdin; false when stdin is closed (after {@link #eof}) or not interactive. */
    public boolean write(String data) {
        if (!interactive) return false;
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (stdinEnded || closed) return false;
            if (bytes.length > 0) {
                chunks.add((bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
                chunks.add(bytes);
                notifyAll();
            }
        }
        lastInputNanos = System.nanoTime();
        wake.run();
        return true;
    }

    /** Closes the program's stdin (it reads EOF after what was written before). */
    public void eof() {
        if (!interactive) return;
        synchronized (this) {
            if (stdinEnded || closed) return;
            stdinEnded = true;
            chunks.add("0\n".getBytes(StandardCharsets.US_ASCII));
            notifyAll();
        }
        lastInputNanos = System.nanoTime();
        wake.run();
    }

    /** When input was last written (System.nanoTime), or when the control was made. */
    long lastInputNanos() {
        return lastInputNanos;
    }

    /** Called by the sandbox: how to wake its supervisor when something changes. */
    void onWake(Runnable wake) {
        this.wake = wake;
    }

    /**
     * The attach stream's stdin: {@code payload} (the bootstrap's header and source), then the frames as they
     * are written; it blocks while there is nothing to send and ends at {@link #close}. docker-java copies it
     * on its own thread and flushes after every read, so each input goes out as it is written.
     */
    InputStream stdin(byte[] payload) {
        synchronized (this) {
            chunks.addFirst(payload);
        }
        return new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) return 0;
                synchronized (RunControl.this) {
                    while (current == null) {
                        if (closed) return -1;
                        current = chunks.poll();
                        offset = 0;
                        if (current == null) {
                            try {
                                RunControl.this.wait();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return -1;
                            }
                        }
                    }
                    int n = Math.min(len, current.length - offset);
                    System.arraycopy(current, offset, b, off, n);
                    offset += n;
                    if (offset == current.length) current = null;
                    return n;
                }
            }
        };
    }

    /** The run is over: the stdin stream ends, later writes are refused. */
    synchronized void close() {
        closed = true;
        chunks.clear();
        current = null;
        notifyAll();
    }
}
