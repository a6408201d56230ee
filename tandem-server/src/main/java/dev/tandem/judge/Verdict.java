package dev.tandem.judge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The verdict of a test and of a submission (its first failing test's, or accepted). */
public enum Verdict {
    ACCEPTED, WRONG_ANSWER, TIME_LIMIT_EXCEEDED, MEMORY_LIMIT_EXCEEDED, RUNTIME_ERROR, COMPILE_ERROR,
    OUTPUT_LIMIT_EXCEEDED, INTERNAL_ERROR;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Verdict fromJson(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
