package dev.tandem.run.queue;

import dev.tandem.run.OutputListener;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns the sandbox's output chunks (as small as one byte) into run.output events: chunks of one stream that
 * arrive within {@code batchMs} of the first go out together, a switch of stream or a large batch goes out at
 * once, and nothing waits for the end of the run. Events are numbered from 1 and handed to the sink one at a
 * time, in order.
 */
final class OutputBatcher implements OutputListener {
    static final int MAX_BATCH_CHARS = 16 * 1024;

    interface Sink {
        void output(String stream, String data, int seq);
    }

    private final Sink sink;
    private final ScheduledExecutorService timer;
    private final long batchMs;
    private final StringBuilder pending = new StringBuilder();
    private String stream;
    private int seq;
    private ScheduledFuture<?> scheduled;

    OutputBatcher(Sink sink, ScheduledExecutorService timer, long batchMs) {
        this.sink = sink;
        this.timer = timer;
        this.batchMs = batchMs;
    }

    @Override
    public synchronized void onOutput(String stream, String chunk) {
        if (chunk.isEmpty()) return;
        if (pending.length() > 0 && !stream.equals(this.stream)) flushLocked();
        this.stream = stream;
        pending.append(chunk);
        if (pending.length() >= MAX_BATCH_CHARS) flushLocked();
        else if (scheduled == null) scheduled = timer.schedule(this::flush, batchMs, TimeUnit.MILLISECONDS);
    }

    /** What an interactive run's input does with the {@code seq} it is given; false when it was not used. */
    interface SeqUser {
        boolean use(int seq);
    }

    /**
     * An input of an interactive run, in order with the output: what is pending goes out first, then the input
     * takes the next seq (and is written to the program under the same lock, so later output comes after it).
     */
    synchronized void input(SeqUser input) {
        flushLocked();
        if (input.use(seq + 1)) seq++;
    }

    /** Sends what is pending now (also at the end of the run, before run.finished). */
    synchronized void flush() {
        flushLocked();
    }

    private void flushLocked() {
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        if (pending.length() == 0) return;
        String data = pending.toString();
        pending.setLength(0);
        sink.output(stream, data, ++seq);
    }
}
