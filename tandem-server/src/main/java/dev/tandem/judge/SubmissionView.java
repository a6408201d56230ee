package dev.tandem.judge;

import java.util.List;

/** {@code GET /api/submissions/{id}}: the record without its internal fields. */
public record SubmissionView(String submissionId, String sessionId, String problem, String language, String mode,
                             int version, String by, String status, Verdict verdict, int passed, int total, long timeMs,
                             Long memoryKb, Integer failedTest, String compileOutput, String message, long createdAt,
                             List<Judge.TestResult> tests) {
    public static SubmissionView of(SubmissionRecord r) {
        return new SubmissionView(r.submissionId, r.sessionId, r.problem, r.language, r.mode, r.version, r.by, r.status,
                r.verdict, r.passed, r.total, r.timeMs, r.memoryKb, r.failedTest, r.compileOutput, r.message, r.createdAt,
                r.tests);
    }
}
