package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.run.Language;
import dev.tandem.run.Languages;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Execute mode: the run mode's N runs of the echoing hello world, K in flight, but as a grader sends them: one
 * {@code POST /api/runs?wait=true} each (no session, no socket), timed from the request until the answer with the
 * finished record; with {@code --baseline docker} the same N runs through bare {@code docker run} right after
 * (as in {@link RunLoad}). One unmeasured run of each path first.
 */
final class ExecuteLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadOptions o;
    private final String invocation = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ExecuteLoad(LoadOptions options) {
        this.o = options;
    }

    RunReport run() throws IOException, InterruptedException {
        String loadAtStart = ServerProbe.loadAverage();
        RunProgram program = RunProgram.echo(o.language());
        requireSuccess("Tandem", execute(0, program, token("warm-up")));
        RunSeries tandem = RunSeries.of("Tandem POST /api/runs?wait=true", ClosedLoop.run(o.runs(), o.concurrency(),
                RunLoad.RUN_DEADLINE, (number, lane) -> execute(lane, program, token("t" + number))), false);
        RunSeries bare = null;
        RunReport.Ratios ratios = null;
        if (o.baseline().equals("docker")) {
            Language language = Languages.byId(o.language());
            requireSuccess("bare docker run", RunLoad.bare(language, program, token("bare-warm-up")));
            bare = RunSeries.of("bare docker run", ClosedLoop.run(o.runs(), o.concurrency(), RunLoad.RUN_DEADLINE,
                    (number, lane) -> RunLoad.bare(language, program, token("b" + number))), false);
            ratios = RunReport.Ratios.of(tandem, bare);
        }
        return new RunReport("execute", o.language(), o.runs(), o.concurrency(), tandem, bare, ratios, loadAtStart,
                ServerProbe.loadAverage());
    }

    private String token(String run) {
        return "tandem-" + invocation + "-" + run;
    }

    /** One run; never throws for a failed run. Lanes spread over the servers given. */
    private RunSample execute(int lane, RunProgram program, String token) {
        URI server = o.serversFrom(lane).get(0);
        long start = System.nanoTime();
        try {
            String body = JSON.writeValueAsString(Map.of("language", program.language(), "source", program.source(),
                    "stdin", RunProgram.stdinFor(token)));
            HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/runs?wait=true"))
                    .timeout(RunLoad.RUN_DEADLINE).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long finished = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                return new RunSample(RunSample.NONE, RunSample.NONE, RunSample.NONE, new RunFailure(RunFailure.Kind.ERROR,
                        "POST /api/runs?wait=true answered " + answer.statusCode() + ": " + answer.body()));
            }
            JsonNode record = JSON.readTree(answer.body());
            Integer exitCode = record.path("exitCode").isNumber() ? record.path("exitCode").asInt() : null;
            RunFailure failure = RunProgram.verify(token, record.path("outcome").asText(null), exitCode,
                    record.path("stdout").asText(""));
            return new RunSample(RunSample.NONE, RunSample.NONE, finished, failure);
        } catch (IOException e) {
            return RunSample.failed(RunFailure.Kind.ERROR, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunSample.failed(RunFailure.Kind.ERROR, "interrupted");
        }
    }

    private static void requireSuccess(String path, RunSample warmUp) throws IOException {
        if (warmUp.failure() != null) throw new IOException(path + ": the warm-up run failed: " + warmUp.failure());
    }
}
