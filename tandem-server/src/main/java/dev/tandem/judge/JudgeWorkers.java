package dev.tandem.judge;

import com.hazelcast.core.HazelcastInstance;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.NodeRoles;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.SandboxImages;
import dev.tandem.run.queue.WorkerThreads;
import dev.tandem.run.sandbox.DockerSandbox;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judge workers on nodes with the worker role: {@code tandem.judge.concurrency} threads take submission ids
 * from {@code tandem.judge.queue}, claim the record under a lease (as runs do; renewed every third of
 * {@code tandem.run.lease-ms}), judge, and publish each test's result and the final verdict. Every
 * {@code tandem.run.reap-interval-ms} the reaper finishes, as internal_error, submissions whose lease expired
 * (their node died) or that stayed queued past {@code tandem.run.max-queued-ms}.
 */
@ApplicationScoped
public class JudgeWorkers {
    private final SubmissionStore store;
    private final ProblemCatalog problems;
    private final RunPublisher publisher;
    private final SandboxImages images;
    private final RunConfig config;
    private final NodeRoles roles;
    private final int concurrency;
    private final String nodeId;
    private final HazelcastInstance hazelcast;
    private final WorkerThreads workers = new WorkerThreads("judge", 1);
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<JudgedSubmission> judged;

    public JudgeWorkers(SubmissionStore store, ProblemCatalog problems, RunPublisher publisher, SandboxImages images,
                        RunConfig config, NodeRoles roles, HazelcastInstance hazelcast,
                        @ConfigProperty(name = "tandem.judge.concurrency", defaultValue = "1") int concurrency) {
        this.store = store;
        this.problems = problems;
        this.publisher = publisher;
        this.images = images;
        this.config = config;
        this.roles = roles;
        this.concurrency = concurrency;
        this.nodeId = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.hazelcast = hazelcast;
    }

    void start(@Observes StartupEvent event) {
        if (!roles.worker()) return;
        workers.start(concurrency, "submission", images, workers.taker(hazelcast, SubmissionStore.QUEUE), this::execute,
                (id, e) -> {
                    Log.errorf(e, "submission %s failed in the worker", id);
                    finish(id, null, "the judge failed (the server log has the cause)");
                });
        workers.scheduleLeases(config, this::renew, this::reap);
        Log.infof("judge worker started: %d at once", concurrency);
    }

    void stop(@Observes ShutdownEvent event) {
        workers.stop();
    }

    private void execute(String id) {
        SubmissionRecord claimed = store.update(id, r -> {
            if (!"queued".equals(r.status)) return null;
            r.status = "running";
            r.leaseOwner = nodeId;
            r.leaseUntil = System.currentTimeMillis() + config.leaseMs();
            r.attempts++;
            return r;
        });
        if (claimed == null) return;
        running.add(id);
        try {
            Problem problem = problems.find(claimed.problem).orElse(null);
            Language language = Languages.find(claimed.language).orElse(null);
            DockerSandbox sandbox = images.sandbox();
            if (problem == null || language == null || sandbox == null || !images.check().contains(language.id())) {
                finish(id, null, "this worker cannot judge " + claimed.language + " for " + claimed.problem);
                return;
            }
            Judge judge = new Judge(new JudgeSandbox(sandbox));
            Judge.Result result = judge.judge(problem, language, claimed.program(language), claimed.mode, true, t -> {
                SubmissionRecord after = store.update(id, r -> {
                    if (!nodeId.equals(r.leaseOwner) || r.finished()) return null;
                    r.tests.add(t);
                    if (t.verdict() == Verdict.ACCEPTED) r.passed++;
                    r.leaseUntil = System.currentTimeMillis() + config.leaseMs();
                    SubmissionEvents.append(r, SubmissionEvents.test(r, t));
                    return r;
                });
                if (after != null) publisher.publish(after.sessionId, id, after.events.get(after.events.size() - 1));
            });
            finish(id, result, null);
        } finally {
            running.remove(id);
        }
    }

    /** Finishes the record (only while this node holds the lease) with a result, or as internal_error. */
    private void finish(String id, Judge.Result result, String error) {
        SubmissionRecord done = store.update(id, r -> {
            if (r.finished() || !nodeId.equals(r.leaseOwner)) return null;
            r.status = "finished";
            if (result == null) {
                r.verdict = Verdict.INTERNAL_ERROR;
                r.message = error;
            } else {
                r.verdict = result.verdict();
                r.passed = result.passed();
                r.total = result.total();
                r.timeMs = result.timeMs();
                r.memoryKb = result.memoryKb();
                r.failedTest = result.failedTest();
                r.compileOutput = result.compileOutput();
                r.message = result.message();
            }
            // the source stays: the session's submission history shows the code each verdict was for
            SubmissionEvents.append(r, SubmissionEvents.finished(r));
            return r;
        });
        if (done != null) {
            judged.fire(new JudgedSubmission(done.verdict));
            publisher.publish(done.sessionId, id, done.events.get(done.events.size() - 1));
            Log.infof("submission %s (%s, %s, %s): %s %d/%d", id, done.problem, done.language, done.mode, done.verdict.json(),
                    done.passed, done.total);
        }
    }

    private void renew() {
        for (String id : running) {
            try {
                store.update(id, r -> {
                    if (r.finished() || !nodeId.equals(r.leaseOwner)) return null;
                    r.leaseUntil = System.currentTimeMillis() + config.leaseMs();
                    return r;
                });
            } catch (RuntimeException e) {
                Log.debugf("renewing the lease of %s: %s", id, e);
            }
        }
    }

    private void reap() {
        long now = System.currentTimeMillis();
        for (String id : store.unfinishedLocalIds()) {
            SubmissionRecord done = store.update(id, r -> {
                if (r.finished()) return null;
                if ("running".equals(r.status) && r.leaseUntil < now) {
                    r.message = "the node judging it stopped (its lease expired)";
                } else if ("queued".equals(r.status) && now - r.createdAt > config.maxQueuedMs()) {
                    r.message = "it waited in the queue for too long";
                } else {
                    return null;
                }
                r.status = "finished";
                r.verdict = Verdict.INTERNAL_ERROR;
                SubmissionEvents.append(r, SubmissionEvents.finished(r));
                return r;
            });
            if (done != null) {
                Log.warnf("submission %s finished by the reaper: %s", id, done.message);
                publisher.publish(done.sessionId, id, done.events.get(done.events.size() - 1));
            }
        }
    }
}
