package dev.tandem.cluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three JVMs of the packaged application on loopback, one session edited by clients spread over all three
 * nodes. Nodes are killed or restarted mid-edit; nothing any client saw acknowledged may be lost, and
 * everyone must converge.
 */
class ClusterIT {
    /** Edits per second per client while the nodes come and go. */
    private static final int EDIT_INTERVAL_MS = 40;

    @Test
    void aKilledNodeLosesNoAcknowledgedEdit() throws Exception {
        try (TandemNodes nodes = new TandemNodes(3)) {
            nodes.startAll();
            String sessionId = NodeSessions.createSession(nodes.uri(0));
            List<TokenEditor> editors = editors(nodes, sessionId);
            try {
                type(editors, Duration.ofSeconds(2));
                nodes.kill(1);
                long killedAt = System.nanoTime();
                type(editors, Duration.ofSeconds(4));
                settleAndCheck(editors, nodes.uri(0));
                // The clients of the killed node (1 and 4) are back on another node. How long that took is a
                // measurement, not an assertion (a loaded machine stretches it): printed for docs/benchmarks.md
                // ("Failover after a killed node").
                for (int i : new int[] {1, 4}) {
                    assertThat(editors.get(i).client().isConnected()).as("editor %d reconnected", i).isTrue();
                }
                System.out.printf("ClusterIT failover: outage of the killed node's editors %d ms and %d ms,"
                                + " longest outage of the others %d ms, longest wait for an ack of anyone %d ms (killed %d ms before the check)%n",
                        editors.get(1).longestOutage().toMillis(), editors.get(4).longestOutage().toMillis(),
                        longestOutage(editors, 0, 2, 3, 5).toMillis(),
                        editors.stream().map(TokenEditor::longestAckGap).max(Duration::compareTo).orElseThrow().toMillis(), (System.nanoTime() - killedAt) / 1_000_000);
            } finally {
                editors.forEach(TokenEditor::close);
            }
        }
    }

    @Test
    void aRollingRestartUnderContinuousEditingLosesNothing() throws Exception {
        try (TandemNodes nodes = new TandemNodes(3)) {
            nodes.startAll();
            String sessionId = NodeSessions.createSession(nodes.uri(0));
            List<TokenEditor> editors = editors(nodes, sessionId);
            try {
                Thread typing = new Thread(() -> type(editors, Duration.ofSeconds(90)), "typing");
                Typing.running = true;
                typing.start();
                for (int node = 0; node < nodes.size(); node++) {
                    nodes.stop(node);   // SIGTERM: drain, hand over partitions
                    nodes.start(node);
                    nodes.awaitReady(node);
                }
                Typing.running = false;
                typing.join(10_000);
                settleAndCheck(editors, nodes.uri(2));
            } finally {
                Typing.running = false;
                editors.forEach(TokenEditor::close);
            }
        }
    }

    @Test
    void aStoppingNodeDrainsItsSocketsWithGoingAway() throws Exception {
        try (TandemNodes nodes = new TandemNodes(2)) {
            nodes.startAll();
            String sessionId = NodeSessions.createSession(nodes.uri(0));
            try (dev.tandem.realtime.RawSocket socket = dev.tandem.realtime.RawSocket.join(nodes.uri(1).getPort(), sessionId, "ada")) {
                nodes.stop(1);
                assertThat(socket.awaitCloseCode()).isEqualTo(1001);
            }
        }
    }

    /** Lets the rolling-restart test stop the typing thread early. */
    private static final class Typing {
        static volatile boolean running = true;
    }

    private static List<TokenEditor> editors(TandemNodes nodes, String sessionId) throws InterruptedException {
        List<TokenEditor> editors = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Editor i starts on node i % 3 and fails over along the others.
            editors.add(new TokenEditor(sessionId, "e" + i, nodes.urisFrom(i % 3), 42 + i));
        }
        for (TokenEditor e : editors) assertThat(e.client().awaitConnected(Duration.ofSeconds(20))).isTrue();
        return editors;
    }

    private static void type(List<TokenEditor> editors, Duration duration) {
        Typing.running = true;
        long end = System.nanoTime() + duration.toNanos();
        try {
            while (System.nanoTime() < end && Typing.running) {
                for (TokenEditor e : editors) e.typeToken();
                Thread.sleep(EDIT_INTERVAL_MS); // the pace of typing, not synchronisation
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void settleAndCheck(List<TokenEditor> editors, URI survivor) throws Exception {
        for (TokenEditor e : editors) {
            assertThat(e.client().awaitSynced(Duration.ofSeconds(60))).as("%s synced; errors %s", e.client().clientId(), e.errors()).isTrue();
        }
        String server = NodeSessions.content(survivor, sessionOf(editors));
        Set<String> seen = new HashSet<>();
        for (TokenEditor e : editors) {
            assertThat(e.client().text()).as("client %s equals the server", e.client().clientId()).isEqualTo(server);
            for (String token : e.allTokens()) {
                assertThat(NodeSessions.occurrences(server, token)).as("token %s", token).isEqualTo(1);
                seen.add(token);
            }
            assertThat(e.confirmedTokens()).hasSameSizeAs(e.allTokens());
        }
        assertThat(seen).isNotEmpty();
    }

    private static Duration longestOutage(List<TokenEditor> editors, int... which) {
        Duration longest = Duration.ZERO;
        for (int i : which) longest = longest.compareTo(editors.get(i).longestOutage()) < 0 ? editors.get(i).longestOutage() : longest;
        return longest;
    }

    private static String sessionOf(List<TokenEditor> editors) {
        return editors.get(0).sessionId();
    }


}
