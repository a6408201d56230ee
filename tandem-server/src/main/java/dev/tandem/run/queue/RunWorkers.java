package dev.tandem.run.queue;

import com.hazelcast.core.HazelcastInstance;
import dev.tandem.run.FinishedRun;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.NodeRoles;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunEvents;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.RunRequest;
import dev.tandem.run.RunResult;
import dev.tandem.run.SandboxImages;
import dev.tandem.run.execute.RunCallbacks;
import dev.tandem.run.sandbox.DockerSandbox;
import dev.tandem.run.sandbox.RunControl;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker role: {@code tandem.run.concurrency} threads that each take a run id from the cluster queue,
 * claim the run under a lease, run it in the sandbox while streaming its output, and finish its record.
 * A timer renews the leases of the runs here, announces which languages this node can run, and reaps runs
 * whose worker died. On shutdown the threads are interrupted: the sandbox removes the container and the
 * run finishes as cancelled.
 */
@ApplicationScoped
public class RunWorkers {
    @Inject RunStore store;
    @Inject RunPublisher publisher;
    @Inject SandboxImages images;
    @Inject RunConfig config;
    @Inject NodeRoles roles;
    @Inject RunSignals signals;
    @Inject HazelcastInstance hazelcast;
    @Inject RunCallbacks callbacks;
    @Inject Event<FinishedRun> finishedRuns;
    /** The output batching window of interactive runs (at most tandem.run.output-batch-ms). */
    static final long INTERACTIVE_BATCH_MS = 5;
    private final WorkerThreads workers = new WorkerThreads("run", 2);
    /** Runs being executed here (each interrupted when its lease is lost). */
    private final Map<String, Execution> running = new ConcurrentHashMap<>();

    /**
     * One run on one worker thread. Interrupting and ending share a lock, so an interrupt meant for a run
     * that has just ended never reaches the thread's next run.
     */
    private static final class Execution {
        private final Thread thread = Thread.currentThread();
        private final RunControl control;
        private volatile InputFeeder feeder;
        private boolean ended;

        Execution(RunControl control) {
            this.control = control;
        }

        synchronized boolean interrupt() {
            if (ended) return false;
            thread.interrupt();
            return true;
        }

        synchronized void end() {
            ended = true;
            Thread.interrupted();
        }
    }

    void start(@Observes StartupEvent event) {
        if (!roles.worker()) {
            Log.infof("node roles %s: this node runs no code", roles.roles());
            return;
        }
        announce();
        signals.listen(this::signalled);
        workers.start(config.concurrency(), "run", images, workers.taker(hazelcast, RunStore.QUEUE), this::execute,
                (runId, e) -> Log.errorf(e, "run %s failed in the worker", runId));
        workers.scheduleLeases(config, this::renewLeases, this::tick);
        Log.infof("run worker started: %d at once", config.concurrency());
    }

    void stop(@Observes ShutdownEvent event) {
        workers.stop();
        try {
            if (roles.worker()) store.withdrawWorker();
        } catch (RuntimeException e) {
            Log.debugf("withdraw worker: %s", e);
        }
    }

    private void execute(String runId) {
        RunRecord run = store.claim(runId, System.currentTimeMillis() + config.leaseMs());
        if (run == null) return; // finished or re-queued meanwhile, or its record expired
        RunControl control = run.isInteractive()
                ? RunControl.interactive(run.stdin(), config.interactiveWallMs(), config.interactiveIdleMs())
                : RunControl.batch();
        Execution execution = new Execution(control);
        running.put(runId, execution);
        String sessionId = run.sessionId();
        try {
            List<String> events = run.events();
            publisher.publish(sessionId, runId, events.get(events.size() - 1)); // run.started
            RunResult result = runInSandbox(run, execution);
            // From here on a refused renewal only means the run is finishing: no interrupt may reach the
            // cluster calls below (an interrupted publish is silently lost) or the thread's next run.
            running.remove(runId);
            execution.end();
            finish(run, result);
        } finally {
            running.remove(runId);
            execution.end();
        }
    }

    /** A signal from the cluster for a run this node may hold (on a Hazelcast event thread: never blocks). */
    private void signalled(String runId, RunSignals.Kind kind) {
        Execution execution = running.get(runId);
        if (execution == null) return;
        if (kind == RunSignals.Kind.CANCEL) execution.control.cancel();
        else if (execution.feeder != null) execution.feeder.wake();
    }

    private RunResult runInSandbox(RunRecord run, Execution execution) {
        Language language = Languages.find(run.language()).orElse(null);
        DockerSandbox sandbox = images.sandbox();
        if (language == null || sandbox == null || !images.check().contains(language.id())) {
            return RunResult.internalError("this worker cannot run " + run.language() + " (no image or no Docker)");
        }
        String runId = run.runId();
        RunControl control = execution.control;
        // someone waits for each answer of an interactive program: a shorter batching window (docs/benchmarks.md)
        long batchMs = control.interactive() ? Math.min(config.outputBatchMs(), INTERACTIVE_BATCH_MS) : config.outputBatchMs();
        OutputBatcher batcher = new OutputBatcher((stream, data, seq) -> {
            String json = RunJson.write(new RunEvents.Output(runId, stream, data, seq));
            if (store.appendOutput(runId, stream, data, json)) publisher.publish(run.sessionId(), runId, json);
        }, workers.timer(), batchMs);
        InputFeeder feeder = null;
        if (control.interactive()) {
            feeder = new InputFeeder(runId, run.sessionId(), store, publisher, control, batcher);
            execution.feeder = feeder;
            feeder.start();
        }
        RunResult result = sandbox.run(new RunRequest(language, run.files(), run.stdin(), limits(run, sandbox.limitsOf(language))),
                batcher, control);
        boolean interrupted = Thread.interrupted();
        if (feeder != null) {
            try {
                feeder.stop();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        batcher.flush();
        // interrupted for a lost lease (not shutdown): finishHeld below is refused, the result is dropped
        if (interrupted && workers.stopping()) {
            return new RunResult(RunOutcome.CANCELLED, null, result.stdout(), result.stderr(), result.compileOutput(),
                    result.timeMs(), result.memoryKb(), result.truncated(), "Tandem stopped during the run");
        }
        return result;
    }

    /** A run without a session asked for its own limits: within this node's limits of the language, never above. */
    private static Limits limits(RunRecord run, Limits node) {
        Limits asked = run.limits();
        if (asked == null) return node;
        return node.withTimeMs(Math.min(asked.timeMs(), node.timeMs())).withMemoryMb(Math.min(asked.memoryMb(), node.memoryMb()));
    }

    private void finish(RunRecord run, RunResult result) {
        RunRecord done = store.finishHeld(run.runId(), result);
        if (done == null) {
            RunRecord now = store.find(run.runId());
            if (now != null && now.outcome() == RunOutcome.CANCELLED) Log.infof("run %s: cancelled", run.runId());
            else Log.infof("run %s: lease lost before it finished; its result is dropped", run.runId());
            return;
        }
        publishFinished(done);
        finishedRuns.fire(new dev.tandem.run.FinishedRun(result.outcome(), result.timeMs()));
    }

    private void publishFinished(RunRecord done) {
        List<String> events = done.events();
        publisher.publish(done.sessionId(), done.runId(), events.get(events.size() - 1));
        store.release(done.sessionId(), List.of(done.runId()));
        callbacks.finished(done); // only the one caller whose transition finished the record gets here
    }

    private void renewLeases() {
        long until = System.currentTimeMillis() + config.leaseMs();
        for (Map.Entry<String, Execution> e : running.entrySet()) {
            try {
                if (!store.renew(e.getKey(), until) && e.getValue().interrupt()) {
                    Log.warnf("run %s: lease lost (re-queued or finished elsewhere); stopping it here", e.getKey());
                }
            } catch (RuntimeException failure) {
                Log.debugf("renewing lease of %s: %s", e.getKey(), failure);
            }
        }
    }

    private void tick() {
        announce();
        reap();
    }

    private void announce() {
        List<String> languages = images.check();
        if (languages.isEmpty()) store.withdrawWorker();
        else store.announceWorker(languages, config.reapIntervalMs() * 3);
    }

    /** Runs whose worker stopped renewing its lease: back to the queue once, else finished as internal_error. */
    private void reap() {
        store.reap(System.currentTimeMillis(), config.maxRequeues(), config.maxQueuedMs()).forEach((runId, what) -> {
            RunRecord r = store.find(runId);
            if (r == null) return;
            if (what == RunProcessors.Reaped.REQUEUED) {
                Log.warnf("run %s: its worker stopped renewing its lease; queued again", runId);
                publisher.publish(r.sessionId(), runId, RunJson.write(RunStore.queuedEvent(r)));
                if (!store.enqueue(runId)) {
                    RunRecord done = store.finishAny(runId, RunResult.internalError(
                            "the node running it stopped and the queue is full"));
                    if (done != null) publishFinished(done);
                }
            } else {
                Log.warnf("run %s finished by the reaper: %s", runId, r.message());
                publishFinished(r);
            }
        });
    }
}
