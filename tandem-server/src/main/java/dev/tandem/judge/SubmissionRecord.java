package dev.tandem.judge;

import dev.tandem.run.Language;
import dev.tandem.run.RunRequest;
import dev.tandem.run.SourceFile;
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
    /** The main file's text (the session's submission history shows it). */
    public String source;
    /**
     * v1.1 "Several files": every file judged, the main file first (its content is {@link #source}'s); null in
     * records written before, which judged the main file alone.
     */
    public List<SourceFile> files;
    public String leaseOwner;
    public long leaseUntil;

    /** The program to judge: {@link #files}, or for a record written before them the main file alone. */
    public List<SourceFile> program(Language lang) {
        return files != null && !files.isEmpty() ? files : RunRequest.mainOnly(lang, source);
    }

    @Override
    public List<String> events() {
        return events;
    }

    @Override
    public boolean finished() {
        return "finished".equals(status);
    }
}
