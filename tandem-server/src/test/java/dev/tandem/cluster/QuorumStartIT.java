package dev.tandem.cluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first node of a cluster with a quorum comes up before the others have joined. It must start (alive,
 * not ready, refusing what needs the quorum with a clear error) and serve once they join. Making the indexed
 * run and submission maps at start-up was a write the missing quorum refused, and that stopped such a node
 * from starting at all: a cluster booted node by node never came up.
 */
class QuorumStartIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aNodeStartedBeforeTheQuorumWaitsForItAndThenServes() throws Exception {
        try (TandemNodes nodes = new TandemNodes(2, List.of("-Dtandem.cluster.quorum=2"))) {
            nodes.start(0);
            await("node 0 answers on its own").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        assertThat(nodes.isAlive(0)).as("node 0 is running; see %s", nodes.log(0)).isTrue();
                        return nodes.membersSeenBy(0) == 1;
                    });
            assertThat(nodes.isReady(0)).as("without its quorum the node asks the balancer for no traffic").isFalse();
            HttpResponse<String> refused = getRun(nodes.uri(0));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.body()).contains("STORAGE_UNAVAILABLE");

            nodes.start(1);
            nodes.awaitReady(0);
            nodes.awaitReady(1);
            for (int node = 0; node < nodes.size(); node++) {
                HttpResponse<String> unknown = getRun(nodes.uri(node));
                assertThat(unknown.statusCode()).as("node %d: %s", node, unknown.body()).isEqualTo(404);
                String session = NodeSessions.createSession(nodes.uri(node));
                HttpResponse<String> submissions = get(nodes.uri(node), "/api/sessions/" + session + "/submissions");
                assertThat(submissions.statusCode()).as("node %d: %s", node, submissions.body()).isEqualTo(200);
                assertThat(submissions.body()).isEqualTo("[]");
            }
        }
    }

    private static HttpResponse<String> getRun(URI node) throws Exception {
        return get(node, "/api/runs/" + UUID.randomUUID());
    }

    private static HttpResponse<String> get(URI node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
