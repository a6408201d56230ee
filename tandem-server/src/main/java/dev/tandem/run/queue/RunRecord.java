package dev.tandem.run.queue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunResult;
import dev.tandem.run.RunStatus;
import dev.tandem.run.SourceFile;
import dev.tandem.run.delivery.JobRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * A run as the cluster keeps it (map {@code tandem.runs}, key runId): what to run, where it is, who holds it,
 * and the run events so far (their wire JSON, for clients that arrive late). Only entry processors change a
 * stored record, so every transition is atomic on the partition that owns it; the transition methods here
 * say which changes are allowed. Not thread-safe: each instance is a copy owned by one thread.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RunRecord implements JobRecord {
    String runId;
    String sessionId;
    String language;
    int version;
    /** The main file's text, in records written before v1.1 "Several files" (null in newer ones: {@link #files}). */
    String source;
    /** Every file of the program, the main file first, at the versions current when the run was requested. */
    List<SourceFile> files;
    String stdin;
    String by;
    long createdAt;
    RunStatus status;
    /** How many times a worker claimed it (1 on the first run; more after a dead worker's lease expired). */
    int attempts;
    String leaseOwner;
    long leaseUntil;
    List<String> events = new ArrayList<>();
    StringBuilder stdout = new StringBuilder();
    StringBuilder stderr = new StringBuilder();
    String compileOutput = "";
    RunOutcome outcome;
    Integer exitCode;
    Long timeMs;
    Long memoryKb;
    boolean truncated;
    String message;
    /** Runs without a session (v1.1 "execute"): the limits asked for, clamped; null for session runs. */
    Limits limits;
    /** SHA-256 of the run token (never the token itself); null for session runs. */
    String runTokenHash;
    String callbackUrl;
    /** v1.1 "Interactive runs": stdin stays open after {@code stdin}; see {@link PendingInput}. */
    boolean interactive;
    /** run.eof was accepted: no more input. */
    boolean stdinClosed;
    /** Input accepted but not yet taken by the worker, in the order it was accepted (EOF last, as an entry). */
    List<PendingInput> pendingInput = new ArrayList<>();

    /** One accepted {@code run.input} (or, with {@code eof}, the accepted {@code run.eof}) on its way to the worker. */
    public record PendingInput(String data, String by, String clientId, boolean eof) implements java.io.Serializable {}

    RunRecord() {
    }

    static RunRecord queued(String runId, String sessionId, String language, int version, List<SourceFile> files,
                            String stdin, String by, long now) {
        RunRecord r = new RunRecord();
        r.runId = runId;
        r.sessionId = sessionId;
        r.language = language;
        r.version = version;
        r.files = List.copyOf(files);
        r.stdin = stdin;
        r.by = by;
        r.createdAt = now;
        r.status = RunStatus.QUEUED;
        return r;
    }

    static RunRecord interactive(RunRecord queued) {
        queued.interactive = true;
        return queued;
    }

    /** Why input (or EOF) cannot be accepted now, or null when it can; a finished run answers first. */
    String refuseInput() {
        if (finished()) return "RUN_FINISHED";
        if (!interactive) return "NOT_INTERACTIVE";
        if (stdinClosed) return "STDIN_CLOSED";
        return null;
    }

    void acceptInput(PendingInput input) {
        pendingInput.add(input);
        if (input.eof()) stdinClosed = true;
    }

    /** The accepted input not yet handed to the worker, removed from the record. */
    List<PendingInput> takeInput() {
        List<PendingInput> taken = List.copyOf(pendingInput);
        pendingInput.clear();
        return taken;
    }

    /** A detached copy (a processor's answer must not share state with the stored record). */
    RunRecord copy() {
        return RunJson.MAPPER.convertValue(this, RunRecord.class);
    }

    /** A worker takes the job: only a queued run can be claimed, so two nodes never both run it. */
    boolean claim(String node, long leaseUntil) {
        if (status != RunStatus.QUEUED) return false;
        status = RunStatus.RUNNING;
        attempts++;
        leaseOwner = node;
        this.leaseUntil = leaseUntil;
        return true;
    }

    boolean heldBy(String node) {
        return status == RunStatus.RUNNING && node.equals(leaseOwner);
    }

    boolean leaseExpired(long now) {
        return status == RunStatus.RUNNING && leaseUntil < now;
    }

    void appendEvent(String json) {
        events.add(json);
    }

    void appendOutput(String stream, String data) {
        (stream.equals("stderr") ? stderr : stdout).append(data);
    }

    /** Back to the queue after its worker vanished: the output of the lost attempt goes too. */
    void requeue() {
        status = RunStatus.QUEUED;
        leaseOwner = null;
        leaseUntil = 0;
        stdout.setLength(0);
        stderr.setLength(0);
        events.removeIf(e -> !e.contains("\"type\":\"run.queued\""));
    }

    void finish(RunResult result, String finishedJson) {
        status = RunStatus.FINISHED;
        leaseOwner = null;
        leaseUntil = 0;
        outcome = result.outcome();
        exitCode = result.exitCode();
        // the sandbox's result is the whole (capped) output; streamed chunks may lack a last partial batch
        if (!result.stdout().isEmpty() || stdout.isEmpty()) stdout = new StringBuilder(result.stdout());
        if (!result.stderr().isEmpty() || stderr.isEmpty()) stderr = new StringBuilder(result.stderr());
        compileOutput = result.compileOutput();
        timeMs = result.timeMs();
        memoryKb = result.memoryKb();
        truncated = result.truncated();
        message = result.message();
        events.add(finishedJson);
    }

    public String runId() { return runId; }
    public String sessionId() { return sessionId; }
    public String language() { return language; }
    public int version() { return version; }
    /**
     * The program's files, the main file first; a record stored before v1.1 "Several files" had the main file
     * alone ({@link #source}), named by its language.
     */
    public List<SourceFile> files() {
        if (files != null) return files;
        return List.of(new SourceFile(Languages.mainFileName(language), version, source));
    }

    /** The main file's text. */
    public String source() { return files().get(0).content(); }
    public String stdin() { return stdin; }
    public String by() { return by; }
    public long createdAt() { return createdAt; }
    public RunStatus status() { return status; }
    public int attempts() { return attempts; }
    public String leaseOwner() { return leaseOwner; }
    public long leaseUntil() { return leaseUntil; }
    @Override
    public List<String> events() { return List.copyOf(events); }
    public String stdout() { return stdout.toString(); }
    public String stderr() { return stderr.toString(); }
    public String compileOutput() { return compileOutput; }
    public RunOutcome outcome() { return outcome; }
    public Integer exitCode() { return exitCode; }
    public Long timeMs() { return timeMs; }
    public Long memoryKb() { return memoryKb; }
    public boolean truncated() { return truncated; }
    public String message() { return message; }
    public Limits limits() { return limits; }
    public String runTokenHash() { return runTokenHash; }
    public String callbackUrl() { return callbackUrl; }
    public boolean isInteractive() { return interactive; }
    public boolean stdinClosed() { return stdinClosed; }

    @Override
    public boolean finished() {
        return status == RunStatus.FINISHED;
    }
}
