package dev.tandem.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a run ended; serialised with the wire names of the run record. */
public enum RunOutcome {
    OK("ok"),
    RUNTIME_ERROR("runtime_error"),
    COMPILE_ERROR("compile_error"),
    TIMEOUT("timeout"),
    MEMORY_LIMIT("memory_limit"),
    OUTPUT_LIMIT("output_limit"),
    CANCELLED("cancelled"),
    INTERNAL_ERROR("internal_error");

    private final String json;

    RunOutcome(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static RunOutcome fromJson(String s) {
        for (RunOutcome o : values()) if (o.json.equals(s)) return o;
        throw new IllegalArgumentException("unknown outcome " + s);
    }
}
