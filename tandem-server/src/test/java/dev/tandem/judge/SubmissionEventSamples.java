package dev.tandem.judge;

import java.util.List;

/** Test helper: one JSON of each submission.* event, every optional field filled (for the AsyncAPI check). */
public final class SubmissionEventSamples {
    private SubmissionEventSamples() {}

    public static List<String> all() {
        SubmissionRecord r = new SubmissionRecord();
        r.submissionId = "s1";
        r.sessionId = "x";
        r.problem = "two-sum";
        r.language = "python";
        r.mode = "submit";
        r.by = "ada";
        r.verdict = Verdict.WRONG_ANSWER;
        r.memoryKb = 1L;
        r.failedTest = 2;
        r.compileOutput = "warning";
        r.message = "m";
        Judge.TestResult t = new Judge.TestResult(1, Verdict.ACCEPTED, 1, 1L, false, 0, 0, "in", "out", "out", "m");
        return List.of(SubmissionEvents.write(SubmissionEvents.queued(r)), SubmissionEvents.write(SubmissionEvents.test(r, t)),
                SubmissionEvents.write(SubmissionEvents.finished(r)));
    }
}
