package dev.tandem.run;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a run is in its life; serialised lower case, as the run record of the wire contract has it. */
public enum RunStatus {
    QUEUED, RUNNING, FINISHED;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
