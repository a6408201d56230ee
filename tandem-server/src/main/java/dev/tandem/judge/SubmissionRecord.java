package dev.tandem.judge;

import dev.tandem.run.delivery.JobRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A submission in {@code tandem.submissions} (stored as JSON). {@code source}, {@code leaseOwner} and
 * {@code leaseUntil} are internal; {@link SubmissionView} is what REST answers ({@code source}, the code judged,
 * is kept until the record expires: {@link SubmissionSummary}, the session's history, shows it). Tests and events carry only
 * what may be shown: hidden tests' data is never in a record.
 */
public final class SubmissionRecord implements JobRecord {
    public String submissionId;
    public String sessionId;
    public String problem;
    public String language;
    public String mode;
    public int version;
    public String by;
    /** queued | running | finished */
    public String status;
    public Verdict verdict;
    public int passed;
    public int total;
    public long timeMs;
    public Long memoryKb;
    public Integer failedTest;
    public String compileOutput;
    public String message;
    public long createdAt;
    public int attempts;
    public List<Judge.TestResult> tests = new ArrayList<>();
    /** The wire JSON of its events so far (each with seq from 1). */
    public List<String> events = new ArrayList<>();
    // internal
    public String source;
    public String leaseOwner;
    public long leaseUntil;

    @Override
    public List<String> events() {
        return events;
    }

    @Override
    public boolean finished() {
        return "finished".equals(status);
    }
}
