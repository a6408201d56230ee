package dev.tandem.judge;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.RunPublisher;
import dev.tandem.run.RunRefused;
import dev.tandem.run.SourceFile;
import dev.tandem.run.queue.JobIntake;
import dev.tandem.run.queue.WorkerLanguages;
import dev.tandem.session.SessionInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/**
 * Pressing Submit or Run examples (socket {@code submit} or {@code POST /api/sessions/{id}/submissions}): takes
 * every file of the session at its current version, writes the record, tells the session and queues the job. Blocking.
 */
@ApplicationScoped
public class SubmissionService {

    /** {@code 202 {"submissionId","status":"queued","version"}}. */
    public record Submitted(String submissionId, String status, int version) {}

    @Inject JobIntake intake;
    @Inject SubmissionStore store;
    @Inject WorkerLanguages workers;
    @Inject ProblemCatalog problems;
    @Inject RunPublisher publisher;

    /**
     * @param mode "submit" (every test; default) or "examples" (the visible ones)
     * @throws RunRefused when it cannot be queued
     */
    public Submitted submit(String sessionId, String mode, String by) {
        String m = mode == null || mode.isBlank() ? "submit" : mode;
        if (!m.equals("submit") && !m.equals("examples")) {
            throw new RunRefused(ErrorCode.BAD_MESSAGE, 400, "mode must be \"submit\" or \"examples\"");
        }
        SessionInfo session = intake.session(sessionId);
        if (session.problem() == null) {
            throw new RunRefused(ErrorCode.BAD_MESSAGE, 400, "this session has no problem to submit to");
        }
        Problem problem = problems.find(session.problem()).orElseThrow(() ->
                new RunRefused(ErrorCode.BAD_MESSAGE, 400, "unknown problem '" + session.problem() + "'"));
        Language language = Languages.find(session.language()).orElseThrow(() ->
                new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503, "Tandem cannot run " + session.language()));
        Set<String> runnable = workers.runnable();
        if (!runnable.contains(language.id())) {
            throw new RunRefused(ErrorCode.RUN_UNAVAILABLE, 503, "no worker can run " + language.name()
                    + " (Docker or the image " + language.image() + " is missing)");
        }
        List<SourceFile> files = intake.sources(sessionId, language);
        SourceFile main = files.get(0);

        String previous = store.latest(sessionId);
        SubmissionRecord prev = previous == null ? null : store.find(previous);
        if (prev != null && !prev.finished()) {
            throw new RunRefused(ErrorCode.RATE_LIMITED, 429, "a submission of this session is still being judged; "
                    + "wait for its verdict");
        }
        SubmissionRecord r = new SubmissionRecord();
        r.submissionId = SubmissionStore.newId();
        r.sessionId = sessionId;
        r.problem = problem.slug();
        r.language = language.id();
        r.mode = m;
        r.version = main.version();
        r.by = by;
        r.status = "queued";
        r.total = problem.tests(m).size();
        r.createdAt = System.currentTimeMillis();
        r.source = main.content();
        r.files = files;
        String queued = SubmissionEvents.append(r, SubmissionEvents.queued(r));
        store.create(r);
        store.setLatest(sessionId, r.submissionId);
        store.addToHistory(sessionId, r.submissionId);
        publisher.publish(sessionId, r.submissionId, queued);
        if (!store.enqueue(r.submissionId)) {
            SubmissionRecord done = store.update(r.submissionId, x -> {
                if (x.finished()) return null;
                x.status = "finished";
                x.verdict = Verdict.INTERNAL_ERROR;
                x.message = "the judge queue is full";
                SubmissionEvents.append(x, SubmissionEvents.finished(x));
                return x;
            });
            if (done != null) publisher.publish(sessionId, r.submissionId, done.events.get(done.events.size() - 1));
            throw new RunRefused(ErrorCode.QUEUE_FULL, 429, "the judge queue is full; try again in a moment");
        }
        return new Submitted(r.submissionId, "queued", r.version);
    }
}
