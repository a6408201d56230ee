package dev.tandem.cluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real network partition: three JVMs, each in a network namespace of its own, one of them cut off from the
 * other two by the firewall of its namespace while its clients keep typing. Without a quorum the cut-off
 * node promotes its backups, acknowledges its clients' edits on a document the majority also edits, and
 * when the network heals Hazelcast's merge keeps one side's entry: the other side's acknowledged edits are
 * gone. With {@code tandem.cluster.quorum=2} the minority acknowledges nothing, its clients keep their edits
 * and push them again after the heal, and every acknowledged token ends up in the text exactly once.
 */
class SplitBrainIT {

    @Test
    void aNodeCutOffFromTheMajorityAcknowledgesNothingAndNothingAcknowledgedIsLost() throws Exception {
        try (NetworkNamespaces hosts = new NetworkNamespaces(3);
             TandemNodes nodes = new TandemNodes(3, List.of("-Dtandem.cluster.quorum=2"), hosts)) {
            nodes.startAll();
            String sessionId = NodeSessions.createSession(nodes.uri(0));
            TokenEditor majorityA = new TokenEditor(sessionId, "a", List.of(nodes.uri(0), nodes.uri(1)), 1);
            TokenEditor majorityB = new TokenEditor(sessionId, "b", List.of(nodes.uri(1), nodes.uri(0)), 2);
            // Only ever on the node that will be cut off, so it cannot fail over to the majority.
            TokenEditor minority = new TokenEditor(sessionId, "c", List.of(nodes.uri(2)), 3);
            List<TokenEditor> editors = List.of(majorityA, majorityB, minority);
            try {
                for (TokenEditor e : editors) assertThat(e.client().awaitConnected(Duration.ofSeconds(30))).isTrue();
                type(editors, Duration.ofSeconds(2));

                hosts.isolate(2);
                await("both sides notice the split").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> {
                            type(editors, Duration.ofMillis(200));
                            assertThat(nodes.membersSeenBy(2)).isEqualTo(1);
                            assertThat(nodes.membersSeenBy(0)).isEqualTo(2);
                            assertThat(nodes.isReady(2)).as("the cut-off node asks the balancer for no traffic").isFalse();
                            assertThat(nodes.isReady(0)).as("the majority stays ready").isTrue();
                        });
                int minorityConfirmed = minority.confirmedTokens().size();
                int majorityConfirmed = majorityA.confirmedTokens().size();
                type(editors, Duration.ofSeconds(3));
                assertThat(minority.confirmedTokens()).as("the cut-off node acknowledges nothing").hasSize(minorityConfirmed);
                assertThat(minority.errors()).as("and says why").anyMatch(error -> error.startsWith("STORAGE_UNAVAILABLE"));
                assertThat(majorityA.confirmedTokens().size()).as("the majority goes on").isGreaterThan(majorityConfirmed);

                hosts.heal(2);
                await("the cluster is whole again").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> nodes.membersSeenBy(0) == 3 && nodes.membersSeenBy(1) == 3 && nodes.membersSeenBy(2) == 3
                                && nodes.isReady(2));
                type(editors, Duration.ofSeconds(1));
                settleAndCheck(editors, nodes.uri(0));
            } finally {
                editors.forEach(TokenEditor::close);
            }
        }
    }

    private static void type(List<TokenEditor> editors, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            for (TokenEditor e : editors) e.typeToken();
            Thread.sleep(50); // the pace of typing, not synchronisation
        }
    }

    /** Everyone converges on the server's text, and every token typed is in it exactly once. */
    private static void settleAndCheck(List<TokenEditor> editors, URI node) throws Exception {
        for (TokenEditor e : editors) {
            boolean synced = e.client().awaitSynced(Duration.ofSeconds(90));
            assertThat(synced).as("%s synced; errors %s; %s", e.client().clientId(), e.errors(), e.client().describeSync()).isTrue();
        }
        String server = NodeSessions.content(node, editors.get(0).sessionId());
        for (TokenEditor e : editors) {
            assertThat(e.client().text()).as("client %s equals the server", e.client().clientId()).isEqualTo(server);
            assertThat(e.confirmedTokens()).hasSameSizeAs(e.allTokens());
            // Every token that is not there exactly once, named together, with what the editor was told.
            List<String> wrong = e.allTokens().stream().filter(t -> NodeSessions.occurrences(server, t) != 1)
                    .map(t -> t + "x" + NodeSessions.occurrences(server, t)).toList();
            assertThat(wrong).as("tokens of %s not in the text exactly once (of %d); its errors %s; the text %s",
                    e.client().clientId(), e.allTokens().size(), e.errors(), server).isEmpty();
        }
    }


}
