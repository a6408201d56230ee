package dev.tandem.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.realtime.RawSocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * A socket's view of one run, for the tests of interactive runs (one node or several): every run event of that
 * run in the order received, the errors beside them, and the console as a transcript of input and output.
 */
public final class RunConsole {
    private static final Duration WAIT = RunEventsCollector.RUN_DEADLINE;

    public final RawSocket socket;
    public final String runId;
    public final List<JsonNode> events = new ArrayList<>();
    public final List<JsonNode> errors = new ArrayList<>();

    public RunConsole(RawSocket socket, String runId) {
        this.socket = socket;
        this.runId = runId;
    }

    /** Reads until an event of this run matches (bounded by WAIT). */
    public JsonNode until(Predicate<JsonNode> wanted) throws InterruptedException {
        for (JsonNode e : events) if (wanted.test(e)) return e;
        JsonNode m = read(wanted, e -> false);
        return m != null ? m : fail("not seen within " + WAIT + "; events " + events + ", errors " + errors);
    }

    public JsonNode until(String type) throws InterruptedException {
        return until(e -> e.path("type").asText().equals(type));
    }

    public JsonNode untilOutput(String text) throws InterruptedException {
        return until(e -> e.path("type").asText().equals("run.output") && output().contains(text));
    }

    public JsonNode untilError(String code) throws InterruptedException {
        Predicate<JsonNode> wanted = e -> e.path("code").asText().equals(code);
        for (JsonNode e : errors) if (wanted.test(e)) return e;
        JsonNode m = read(e -> false, wanted);
        return m != null ? m : fail("no error " + code + " within " + WAIT + "; errors " + errors);
    }

    /** Reads, keeping this run's events and every error, until one matches its predicate; null after WAIT. */
    private JsonNode read(Predicate<JsonNode> event, Predicate<JsonNode> error) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode m = socket.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) return null;
            String type = m.path("type").asText();
            if (type.equals("error")) {
                errors.add(m);
                if (error.test(m)) return m;
            } else if (type.startsWith("run.") && m.path("runId").asText().equals(runId)) {
                events.add(m);
                if (event.test(m)) return m;
            }
        }
        return null;
    }

    public String output() {
        StringBuilder s = new StringBuilder();
        for (JsonNode e : events) if (e.path("type").asText().equals("run.output")) s.append(e.path("data").asText());
        return s.toString();
    }

    /** The run.input and run.output events, as "in:<by>:<data>" and "out:<data>" (consecutive output joined), in seq order. */
    public static List<String> transcript(List<JsonNode> events) {
        List<String> lines = new ArrayList<>();
        for (JsonNode e : events) {
            String type = e.path("type").asText();
            if (type.equals("run.input")) lines.add("in:" + e.path("by").asText() + ":" + e.path("data").asText());
            if (type.equals("run.output")) {
                // the program's writes may arrive in several chunks: consecutive output is one line of the transcript
                int last = lines.size() - 1;
                if (last >= 0 && lines.get(last).startsWith("out:")) lines.set(last, lines.get(last) + e.path("data").asText());
                else lines.add("out:" + e.path("data").asText());
            }
        }
        return lines;
    }
}
