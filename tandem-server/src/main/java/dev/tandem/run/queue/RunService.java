package dev.tandem.run.queue;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.RunRefused;
import dev.tandem.run.SourceFile;
import dev.tandem.run.sandbox.DockerSandbox;
import dev.tandem.session.SessionInfo;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pressing Run (socket {@code run} or {@code POST /api/sessions/{id}/runs}): takes every file of the
 * session at its current version (the run's version is the main file's), checks the limits, writes the run
 * record, tells the session and queues the job. Blocking (cluster calls); callers run it off the event loop.
 */
@ApplicationScoped
public class RunService {

    /** The answer to a queued run: {@code 202 {"runId","status":"queued","version"}}. */
    public record Submitted(String runId, String status, int version) {}

    private final JobIntake intake;
    private final RunQueueing queueing;

    public RunService(JobIntake intake, RunStore store, RunPublisher publisher, RunConfig config) {
        this.intake = intake;
        this.queueing = RunQueueing.of(store, publisher, config);
    }

    /**
     * @param by who pressed Run (a participant's name or clientId; "api" for REST)
     * @throws RunRefused when the run cannot be queued
     */
    public Submitted submit(String sessionId, String stdin, String by) {
        return submit(sessionId, stdin, by, false);
    }

    /**
     * @param interactive v1.1 "Interactive runs": the program's stdin stays open after {@code stdin}
     * @throws RunRefused when the run cannot be queued
     */
    public Submitted submit(String sessionId, String stdin, String by, boolean interactive) {
        SessionInfo session = intake.session(sessionId);
        Language language = runnable(session.language());
        String input = stdin == null ? "" : stdin;
        if (input.getBytes(StandardCharsets.UTF_8).length > DockerSandbox.MAX_STDIN_BYTES) {
            throw new RunRefused(ErrorCode.TOO_LARGE, 413, "stdin is limited to " + DockerSandbox.MAX_STDIN_BYTES + " bytes");
        }
        List<SourceFile> files = intake.sources(sessionId, language);

        String runId = RunStore.newRunId();
        admit(sessionId, runId);
        RunRecord record = RunStore.newRecord(runId, sessionId, language.id(), files, input, by, interactive);
        // Tell the session before a worker can take it, so run.queued always comes before run.started.
        queueing.create(record);
        if (!queueing.enqueue(record, done -> {})) throw queueing.queueFull();
        return new Submitted(runId, "queued", record.version());
    }

    private Language runnable(String languageId) {
        Language language = Languages.find(languageId).orElseThrow(() -> new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503,
                "Tandem cannot run " + languageId));
        Set<String> runnable = queueing.runnableLanguages(
                " (start Docker, e.g. .ci/docker-up.sh, or a node with tandem.node.roles=worker)");
        if (!runnable.contains(language.id())) {
            throw new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503, "no worker has the image " + language.image()
                    + " for " + language.name() + "; build it with: bash sandbox-images/build.sh " + language.id());
        }
        return language;
    }

    /** The per-session limit; runs that finished but were never released (a lost release) are pruned first. */
    private void admit(String sessionId, String runId) {
        RunStore store = queueing.store;
        int max = queueing.config.maxPerSession();
        if (store.admit(sessionId, runId, max)) return;
        List<String> active = store.activeRuns(sessionId);
        Map<String, RunRecord> records = store.findAll(new HashSet<>(active));
        List<String> gone = active.stream().filter(id -> !records.containsKey(id) || records.get(id).finished()).toList();
        if (!gone.isEmpty()) {
            store.release(sessionId, gone);
            if (store.admit(sessionId, runId, max)) return;
        }
        throw new RunRefused(ErrorCode.RATE_LIMITED, 429, "this session already has " + max
                + " runs queued or running; wait for one to finish");
    }
}
