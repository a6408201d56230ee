package dev.tandem.judge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.Map;

/** The submission.* events (docs/protocol.md) and the JSON of records. */
public final class SubmissionEvents {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SubmissionEvents() {
    }

    static Map<String, Object> queued(SubmissionRecord r) {
        Map<String, Object> m = base("submission.queued", r);
        m.put("version", r.version);
        m.put("by", r.by);
        m.put("mode", r.mode);
        m.put("problem", r.problem);
        m.put("language", r.language);
        m.put("total", r.total);
        return m;
    }

    static Map<String, Object> test(SubmissionRecord r, Judge.TestResult t) {
        Map<String, Object> m = base("submission.test", r);
        m.put("index", t.index());
        m.put("verdict", t.verdict());
        m.put("timeMs", t.timeMs());
        m.put("memoryKb", t.memoryKb());
        m.put("hidden", t.hidden());
        m.put("exitCode", t.exitCode());
        m.put("signal", t.signal());
        m.put("message", t.message());
        if (!t.hidden()) {
            m.put("input", t.input());
            m.put("expected", t.expected());
            m.put("actual", t.actual());
        }
        return m;
    }

    static Map<String, Object> finished(SubmissionRecord r) {
        Map<String, Object> m = base("submission.finished", r);
        m.put("verdict", r.verdict);
        m.put("passed", r.passed);
        m.put("total", r.total);
        m.put("timeMs", r.timeMs);
        m.put("memoryKb", r.memoryKb);
        m.put("failedTest", r.failedTest);
        m.put("compileOutput", r.compileOutput == null || r.compileOutput.isEmpty() ? null : r.compileOutput);
        m.put("message", r.message);
        return m;
    }

    private static Map<String, Object> base(String type, SubmissionRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("submissionId", r.submissionId);
        m.put("seq", r.events.size() + 1);
        return m;
    }

    /** Appends the event to the record and answers its JSON. */
    static String append(SubmissionRecord r, Map<String, Object> event) {
        String json = write(event);
        r.events.add(json);
        return json;
    }

    public static boolean isFinished(String json) {
        return json.contains("\"type\":\"submission.finished\"");
    }

    static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SubmissionRecord read(String json) {
        try {
            return json == null ? null : MAPPER.readValue(json, SubmissionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
