package dev.tandem.judge;

/**
 * One entry of {@code GET /api/sessions/{id}/submissions}: who submitted what, when, and how it went, with the
 * code that was judged ({@code source}). No test data: hidden tests stay hidden, visible ones are in the record.
 */
public record SubmissionSummary(String submissionId, String mode, String language, int version, String by,
                                String status, Verdict verdict, int passed, int total, long timeMs, Long memoryKb,
                                long createdAt, String source) {
    public static SubmissionSummary of(SubmissionRecord r) {
        return new SubmissionSummary(r.submissionId, r.mode, r.language, r.version, r.by, r.status, r.verdict, r.passed,
                r.total, r.timeMs, r.memoryKb, r.createdAt, r.source);
    }
}
