package dev.tandem.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The run events of the wire contract, sent to every participant of the session (and over SSE). */
public final class RunEvents {
    private RunEvents() {
    }

    /** {@code version} is null for a run without a session (v1.1 "execute"), as in its record. */
    @JsonPropertyOrder({"type", "runId"})
    public record Queued(String runId, Integer version, String by) {
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
}
