package dev.tandem.run.queue;

import dev.tandem.run.RunEvents;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.sandbox.RunControl;
import io.quarkus.logging.Log;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * On the worker that runs an interactive program: takes the input accepted in the run record (in the order it
 * was accepted, from any node) and writes it to the program's stdin. Each input gets its {@code seq} from the
 * run's {@link OutputBatcher}, in the same step as it is written, so input and output share one order: the
 * order in which the program received input and wrote output. Its own thread; woken by a signal, and looks
 * every second anyway (a lost signal only delays).
 */
final class InputFeeder implements Runnable {
    private static final long LOOK_MS = 1_000;

    private final String runId;
    private final String sessionId;
    private final RunStore store;
    private final RunPublisher publisher;
    private final RunControl control;
    private final OutputBatcher batcher;
    private final Semaphore wake = new Semaphore(1); // one permit: look at once for input sent while queued
    private volatile boolean stopped;
    private Thread thread;

    InputFeeder(String runId, String sessionId, RunStore store, RunPublisher publisher, RunControl control,
                OutputBatcher batcher) {
        this.runId = runId;
        this.sessionId = sessionId;
        this.store = store;
        this.publisher = publisher;
        this.control = control;
        this.batcher = batcher;
    }

    void start() {
        thread = new Thread(this, "run-stdin-" + runId);
        thread.setDaemon(true);
        thread.start();
    }

    /** New input is waiting (called from a Hazelcast event thread: never blocks). */
    void wake() {
        wake.release();
    }

    /** The run ended: no more input is taken (bounded wait for the thread). */
    void stop() throws InterruptedException {
        stopped = true;
        wake.release();
        if (thread != null) thread.join(5_000);
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                wake.tryAcquire(LOOK_MS, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (stopped) return;
                feed(store.takeInput(runId));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                Log.debugf("run %s: taking input failed (tried again): %s", runId, e.toString());
            }
        }
    }

    private void feed(List<RunRecord.PendingInput> inputs) {
        for (RunRecord.PendingInput input : inputs) {
            if (input.eof()) {
                control.eof();
                continue;
            }
            batcher.input(seq -> {
                if (!control.write(input.data())) return false; // the program has ended
                String json = RunJson.write(new RunEvents.Input(runId, input.data(), input.by(), input.clientId(), seq));
                if (store.appendInputEvent(runId, json)) publisher.publish(sessionId, runId, json);
                return true;
            });
        }
    }
}
