package dev.tandem.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.realtime.RawSocket;
import dev.tandem.run.RunConsole;
import dev.tandem.run.RunEventsCollector;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * v1.1 "Interactive runs" across two JVMs of the packaged application (real Hazelcast, real Docker): node 0
 * serves sockets only (roles {@code gateway}), node 1 is the only worker, so every program runs on node 1. Ada
 * types on node 0, Bob on node 1; both see the same input→output pairs in the same order, and Ada's cancel on
 * node 0 stops an endless loop running on node 1.
 */
class InteractiveClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void typistsOnEitherNodeFeedAProgramRunningOnTheOtherAndCancelReachesIt() throws Exception {
        try (TandemNodes nodes = new TandemNodes(2).withNodeOptions(0, List.of("-Dtandem.node.roles=gateway"))) {
            nodes.startAll();
            String echo = "import sys\nfor line in sys.stdin:\n    print('echo:', line.strip().upper())\nprint('bye')\n";
            String id = createSession(nodes.uri(0), echo);
            try (RawSocket ada = RawSocket.join(nodes.uri(0).getPort(), id, "ada");
                 RawSocket bob = RawSocket.join(nodes.uri(1).getPort(), id, "bob")) {
                awaitWorker(nodes.uri(0));
                ada.send("{\"type\":\"run\",\"interactive\":true}");
                String runId = RunEventsCollector.awaitQueued(ada).path("runId").asText();
                RunConsole toAda = new RunConsole(ada, runId);
                RunConsole toBob = new RunConsole(bob, runId);
                toAda.until("run.started");
                toBob.until("run.started");
                String[] words = {"north", "south", "east", "west"};
                for (int i = 0; i < words.length; i++) {
                    RawSocket typist = i % 2 == 0 ? ada : bob;
                    typist.send("{\"type\":\"run.input\",\"runId\":\"" + runId + "\",\"data\":\"" + words[i] + "\\n\"}");
                    String answer = "echo: " + words[i].toUpperCase() + "\n";
                    toAda.untilOutput(answer);
                    toBob.untilOutput(answer);
                }
                ada.send("{\"type\":\"run.eof\",\"runId\":\"" + runId + "\"}");
                toAda.until("run.finished");
                toBob.until("run.finished");

                List<String> expected = List.of("in:ada:north\n", "out:echo: NORTH\n", "in:bob:south\n",
                        "out:echo: SOUTH\n", "in:ada:east\n", "out:echo: EAST\n", "in:bob:west\n", "out:echo: WEST\nbye\n");
                assertThat(toAda.errors).isEmpty();
                assertThat(toBob.errors).isEmpty();
                assertThat(RunConsole.transcript(toAda.events)).containsExactlyElementsOf(expected);
                assertThat(toBob.events.subList(toBob.events.size() - toAda.events.size(), toBob.events.size())).isEqualTo(toAda.events);
                assertThat(toAda.events.get(toAda.events.size() - 1).path("outcome").asText()).isEqualTo("ok");
                List<Integer> seqs = toAda.events.stream().filter(e -> e.has("seq")).map(e -> e.path("seq").asInt()).toList();
                for (int i = 0; i < seqs.size(); i++) assertThat(seqs.get(i)).isEqualTo(i + 1);
            }
            // cancel from the gateway-only node stops an endless loop on the worker node
            String loop = createSession(nodes.uri(0), "while True:\n    pass\n");
            try (RawSocket ada = RawSocket.join(nodes.uri(0).getPort(), loop, "ada");
                 RawSocket bob = RawSocket.join(nodes.uri(1).getPort(), loop, "bob")) {
                ada.send("{\"type\":\"run\"}");
                String runId = RunEventsCollector.awaitQueued(ada).path("runId").asText();
                RunConsole toBob = new RunConsole(bob, runId);
                toBob.until("run.started");
                long t0 = System.nanoTime();
                ada.send("{\"type\":\"run.cancel\",\"runId\":\"" + runId + "\"}");
                JsonNode finished = toBob.until("run.finished");
                System.out.printf("InteractiveClusterIT: run.cancel on node 0 -> run.finished on node 1 in %d ms%n",
                        (System.nanoTime() - t0) / 1_000_000);
                assertThat(finished.path("outcome").asText()).isEqualTo("cancelled");
            }
        }
    }

    private static String createSession(URI node, String content) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("language", "python", "content", content));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(node.resolve("/api/sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        return JSON.readTree(r.body()).path("id").asText();
    }

    /** Until the worker node has announced that it can run Python (it checks its images after start). */
    private static void awaitWorker(URI node) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(node.resolve("/api/languages")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode l : JSON.readTree(r.body())) {
                if (l.path("id").asText().equals("python") && l.path("available").asBoolean()) return;
            }
            Thread.sleep(200); // polling another process's announcement; bounded by the deadline
        }
        fail("no worker announced python within " + WAIT);
    }
}
