package dev.tandem.api.openapi;

import java.util.List;
import java.util.Map;

/**
 * One example per REST operation, keyed {@code "METHOD path"} as in the OpenAPI document. Values are the
 * shapes docs/protocol.md documents; {@code ApiDocumentTest} fails when an operation has none, so a new
 * resource method needs its line here.
 */
final class ApiExamples {
    private ApiExamples() {}

    /** {@code mediaType} of the response: JSON unless it is an event stream. */
    record Example(String status, String description, Object request, Object response, String mediaType) {
        Example(String status, String description, Object request, Object response) {
            this(status, description, request, response, "application/json");
        }
    }

    private static final String ID = "Zq3pLw0cT6mBv2R8xYk1Aa";
    private static final String RUN = "r-5f0c2a";

    static final Map<String, Example> FOR = Map.ofEntries(
            Map.entry("GET /api/info", new Example("200", "the contract version and served v1.1 features", null,
                    Map.of("protocol", "1.1", "features", List.of("identity", "storage")))),
            Map.entry("GET /api/storage", new Example("200", "the kind of store and how far it lags behind (no paths or hosts)", null,
                    Map.of("enabled", true, "store", "h2", "durability", "memory", "documents",
                            Map.of("committedUpdates", 1200, "waitingUpdates", 3, "lagP50Ms", 180, "lagP95Ms", 420,
                                    "lagP99Ms", 610, "lagMaxMs", 700, "storageFailing", false)))),
            Map.entry("GET /api/languages", new Example("200", "every language", null,
                    List.of(Map.of("id", "python", "name", "Python", "version", "3.11", "fileName", "main.py", "available", true)))),
            Map.entry("POST /api/sessions", new Example("201", "the new session and its links",
                    Map.of("language", "python", "content", "print(1)", "title", "Warm-up"),
                    Map.of("id", ID, "language", "python", "title", "Warm-up", "version", 0, "content", "print(1)",
                            "wsPath", "/ws/sessions/" + ID, "editLink", ID, "viewLink", "Vw8kTq2nR5cXy0bLm3Zp9A",
                            "viewWsPath", "/ws/sessions/Vw8kTq2nR5cXy0bLm3Zp9A", "ownerToken", "o-2b7e..."))),
            Map.entry("GET /api/sessions/{id}", new Example("200", "the session as it is now", null,
                    Map.of("id", ID, "language", "python", "title", "Warm-up", "version", 3, "content", "print(123)",
                            "participants", List.of(Map.of("clientId", "ada", "name", "Ada", "color", "#e6194b"))))),
            Map.entry("GET /api/sessions/{id}/updates", new Example("200", "the updates after ?since=V", null,
                    Map.of("type", "updates", "fromVersion", 0,
                            "updates", List.of(Map.of("clientId", "ada", "seq", 1, "changes", List.of(6, List.of(1, "2"), 1)))))),
            Map.entry("GET /api/sessions/{id}/timeline", new Example("200",
                    "the session's events numbered n after ?from=N (default 0), at most ?limit=L (1000, at most 10000); next: the last n, or null at the end", null,
                    Map.of("events", List.of(
                            Map.of("n", 1, "kind", "update", "file", "main.py", "version", 1, "at", 1764590400000L,
                                    "clientId", "ada", "by", "Ada", "seq", 1, "changes", List.of(6, List.of(1, "2"), 1)),
                            Map.of("n", 2, "kind", "run.queued", "at", 1764590401000L, "runId", RUN, "version", 1, "by", "Ada")),
                            "next", 2))),
            Map.entry("GET /api/sessions/{id}/text", new Example("200", "the text of a file (?file=P, default the main file) at ?version=V", null,
                    Map.of("file", "main.py", "version", 1, "content", "print(12)"))),
            Map.entry("POST /api/sessions/{id}/runs", new Example("202", "the run is queued",
                    Map.of("stdin", ""), Map.of("runId", RUN, "status", "queued", "version", 3))),
            Map.entry("GET /api/runs/{runId}", new Example("200", "the run record (?waitMs=N waits until it finished)", null,
                    Map.of("runId", RUN, "sessionId", ID, "language", "python", "version", 3, "status", "finished",
                            "outcome", "ok", "exitCode", 0, "stdout", "123\n", "stderr", "", "timeMs", 41))),
            Map.entry("GET /api/runs/{id}/events", new Example("200", "the run's events as server-sent events", null,
                    "data: {\"type\":\"run.output\",\"runId\":\"" + RUN + "\",\"stream\":\"stdout\",\"data\":\"123\\n\",\"seq\":1}\n\n",
                    "text/event-stream")),
            Map.entry("GET /api/problems", new Example("200", "every problem", null,
                    List.of(Map.of("slug", "two-sum", "title", "Two Sum", "difficulty", "easy")))),
            Map.entry("GET /api/problems/{slug}", new Example("200", "one problem, without its hidden tests", null,
                    Map.of("slug", "two-sum", "title", "Two Sum", "difficulty", "easy", "statement", "..."))),
            Map.entry("POST /api/sessions/{id}/submissions", new Example("202", "the submission is queued",
                    Map.of("mode", "submit"), Map.of("submissionId", "s-81d4", "status", "queued", "version", 3))),
            Map.entry("GET /api/sessions/{id}/submissions", new Example("200", "the session's submissions, newest first, with their code", null,
                    List.of(Map.ofEntries(Map.entry("submissionId", "s-81d4"), Map.entry("mode", "submit"), Map.entry("language", "python"),
                            Map.entry("version", 3), Map.entry("by", "Ada"), Map.entry("status", "finished"), Map.entry("verdict", "accepted"),
                            Map.entry("passed", 12), Map.entry("total", 12), Map.entry("timeMs", 41), Map.entry("memoryKb", 9120),
                            Map.entry("createdAt", 1764590000000L), Map.entry("source", "print(sum(map(int, input().split())))\n"))))),
            Map.entry("GET /api/submissions/{id}", new Example("200", "the submission record (?waitMs=N waits)", null,
                    Map.of("submissionId", "s-81d4", "status", "finished", "verdict", "accepted", "passed", 12, "total", 12))),
            Map.entry("GET /api/submissions/{id}/events", new Example("200", "the submission's events as server-sent events", null,
                    "data: {\"type\":\"submission.finished\",\"submissionId\":\"s-81d4\",\"verdict\":\"accepted\"}\n\n",
                    "text/event-stream")),
            Map.entry("POST /api/sessions/{id}/links/rotate", new Example("200", "new links (owner only, X-Tandem-Owner)", null,
                    Map.of("id", ID, "editLink", "Nw1...", "viewLink", "Nv2...", "editWsPath", "/ws/sessions/Nw1...",
                            "viewWsPath", "/ws/sessions/Nv2..."))),
            Map.entry("DELETE /api/sessions/{id}/participants/{clientId}", new Example("204", "the participant is removed (owner only)", null, null)),
            Map.entry("DELETE /api/sessions/{id}", new Example("204", "the session is closed (owner only)", null, null)),
            Map.entry("POST /api/runs/{runId}/input", new Example("204",
                    "the input is accepted for the run's stdin (X-Tandem-Link: the session's edit link); everyone gets run.input",
                    Map.of("data", "42\n"), null)),
            Map.entry("POST /api/runs/{runId}/eof", new Example("204",
                    "the run's stdin is closed, as run.eof does (X-Tandem-Link: the session's edit link)", null, null)),
            Map.entry("POST /api/runs/{runId}/cancel", new Example("204",
                    "the run is stopped: it finishes as cancelled (X-Tandem-Link: the session's edit link)", null, null)),
            Map.entry("POST /api/runs", new Example("202", "a run without a session is queued (?wait=true: 200 and the finished record, "
                    + "or 202 and the record so far with runToken after tandem.run.wait-max-ms)",
                    Map.of("language", "python", "source", "print(input()[::-1])", "stdin", "tandem",
                            "limits", Map.of("timeMs", 2000, "memoryMb", 128), "callbackUrl", "https://grader.example.com/hook"),
                    Map.of("runId", RUN, "status", "queued", "runToken", "q7Vd0pKc2T9xWmB4yLh8Rz1eNs6fUaGo3Ji5XtE0cPw"))),
            Map.entry("POST /api/runs/batch", new Example("202", "up to 20 runs without a session, queued in order (any invalid: 400, nothing queued)",
                    Map.of("runs", List.of(Map.of("language", "python", "source", "print(1)"),
                            Map.of("language", "c", "files", List.of(Map.of("path", "main.c", "content", "int main(){return 0;}"))))),
                    Map.of("runs", List.of(Map.of("runId", RUN, "status", "queued", "runToken", "q7Vd0p..."),
                            Map.of("runId", "r-7a91d3", "status", "queued", "runToken", "Lm2xQe..."))))),
            // v1.1 "Editing without WebSockets" (docs/protocol.md)
            Map.entry("POST /api/sessions/{id}/connections", new Example("201", "the connection (a capability) and its welcome, message 0",
                    Map.of("clientId", "ada", "name", "Ada"),
                    Map.of("connection", "c8Yw2kQ7nR1xTb5mZp0LdA3f", "welcome", Map.of("type", "welcome", "sessionId", ID,
                            "clientId", "ada", "version", 3, "content", "print(123)", "language", "python", "protocol", "1.1")))),
            Map.entry("GET /api/connections/{connection}/stream", new Example("200", "the connection's server messages, id = message number", null,
                    "id: 4\ndata: {\"type\":\"ack\",\"clientId\":\"ada\",\"seq\":2,\"version\":5}\n\n", "text/event-stream")),
            Map.entry("GET /api/connections/{connection}/messages", new Example("200", "the messages after ?after=N (?waitMs=W: long poll)", null,
                    Map.of("messages", List.of(Map.of("type", "ack", "clientId", "ada", "seq", 2, "version", 5)), "last", 4))),
            Map.entry("POST /api/connections/{connection}/messages", new Example("202", "queued; answers come as numbered messages",
                    List.of(Map.of("type", "presence", "selection", Map.of("anchor", 1, "head", 1), "version", 5)), Map.of("queued", 1))));
}
