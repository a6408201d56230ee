package dev.tandem.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** The run events of the wire contract, sent to every participant of the session (and over SSE). */
public final class RunEvents {
    private RunEvents() {
    }

    /**
     * {@code interactive} (added; v1.1 "Interactive runs") is true for an interactive run and absent otherwise;
     * {@code version} is null for a run without a session (v1.1 "execute"), as in its record. {@code files} (v1.1
     * "Several files") names the files that went in, the main file first, each with its version.
     */
    @JsonPropertyOrder({"type", "runId"})
    public record Queued(String runId, Integer version, String by,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean interactive,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<FileVersion> files) {
        public Queued(String runId, Integer version, String by) {
            this(runId, version, by, null, null);
        }

        @JsonProperty("type")
        public String type() { return "run.queued"; }
    }

    @JsonPropertyOrder({"type", "runId"})
    public record Started(String runId, int attempt) {
        @JsonProperty("type")
        public String type() { return "run.started"; }
    }

    /** @param seq counts this run's output events from 1, in the order the program wrote them */
    @JsonPropertyOrder({"type", "runId"})
    public record Output(String runId, String stream, String data, int seq) {
        @JsonProperty("type")
        public String type() { return "run.output"; }
    }

    /** {@code message} (added to the contract) explains internal_error and the limit outcomes. */
    @JsonPropertyOrder({"type", "runId"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Finished(String runId, RunOutcome outcome, Integer exitCode, long timeMs, Long memoryKb,
                           boolean truncated, String message) {
        @JsonProperty("type")
        public String type() { return "run.finished"; }

        public static Finished of(String runId, RunResult r) {
            return new Finished(runId, r.outcome(), r.exitCode(), r.timeMs(), r.memoryKb(), r.truncated(), r.message());
        }
    }

    /**
     * v1.1 "Interactive runs": what a participant typed into a run's stdin, as the program received it;
     * {@code seq} is on the same line as the run's output events.
     */
    @JsonPropertyOrder({"type", "runId"})
    public record Input(String runId, String data, String by, String clientId, int seq) {
        @JsonProperty("type")
        public String type() { return "run.input"; }
    }
}
