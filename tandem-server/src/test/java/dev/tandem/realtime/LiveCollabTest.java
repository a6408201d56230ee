package dev.tandem.realtime;

import dev.tandem.api.Sessions;
import dev.tandem.client.TandemClient;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.RandomChanges;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Several real clients editing one session at once over real sockets end with the server's text. */
@QuarkusTest
class LiveCollabTest {
    private final List<TandemClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(TandemClient::close);
    }

    private TandemClient join(String sessionId, String name) throws InterruptedException {
        TandemClient client = TandemClient.builder(sessionId)
                .servers(List.of(URI.create("http://127.0.0.1:" + RestAssured.port)))
                .name(name).connect();
        clients.add(client);
        assertThat(client.awaitConnected(Duration.ofSeconds(10))).as("%s connected", name).isTrue();
        return client;
    }

    @Test
    void sixClientsMakingThreeHundredRandomEditsEachConverge() throws Exception {
        String sessionId = Sessions.create("def main():\n    print('héllo 😀 世界')\n");
        List<TandemClient> editors = new ArrayList<>();
        for (int i = 0; i < 6; i++) editors.add(join(sessionId, "editor-" + i));

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < editors.size(); i++) {
                TandemClient client = editors.get(i);
                Random random = new Random(1000 + i); // seeded: the edits of each client are reproducible
                done.add(pool.submit(() -> {
                    for (int edit = 0; edit < 300; edit++) {
                        // Inserts, deletes, replacements and multi-range changes with non-ASCII and emoji text;
                        // keep the document from growing without bound by deleting more when it is long.
                        client.change(text -> text.length() > 4000
                                ? ChangeSet.of(text.length(), 0, random.nextInt(text.length() / 2), "")
                                : RandomChanges.changes(random, text).changes());
                        if (random.nextInt(10) == 0) Thread.sleep(random.nextInt(5));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        for (TandemClient client : editors) {
            assertThat(client.awaitSynced(Duration.ofSeconds(60))).as("client synced").isTrue();
        }
        String server = Sessions.content(sessionId);
        int version = Sessions.version(sessionId);
        for (TandemClient client : editors) {
            assertThat(client.version()).isEqualTo(version);
            assertThat(client.text()).isEqualTo(server);
        }
        assertThat(version).as("every non-empty edit became one version").isGreaterThan(1000);
    }

    @Test
    void aClientThatDropsWithUnconfirmedEditsResumesWithoutDuplicates() throws Exception {
        String sessionId = Sessions.create("");
        TandemClient ada = join(sessionId, "ada");
        TandemClient bob = join(sessionId, "bob");
        for (int round = 0; round < 20; round++) {
            ada.pauseReconnect();
            // Edits made right before the drop: some may reach the server, some may not; none may be lost or doubled.
            for (int i = 0; i < 3; i++) {
                String marker = "<a" + round + "." + i + ">";
                ada.change(text -> ChangeSet.of(text.length(), text.length(), text.length(), marker));
            }
            ada.disconnect();
            // Meanwhile, bob keeps editing, so ada has to rebase over his edits when she returns.
            String bobMarker = "<b" + round + ">";
            bob.change(text -> ChangeSet.of(text.length(), 0, 0, bobMarker));
            for (int i = 3; i < 5; i++) {
                String marker = "<a" + round + "." + i + ">";
                ada.change(text -> ChangeSet.of(text.length(), text.length(), text.length(), marker)); // offline
            }
            ada.resumeReconnect();
        }
        assertThat(ada.awaitSynced(Duration.ofSeconds(30))).isTrue();
        assertThat(bob.awaitSynced(Duration.ofSeconds(30))).isTrue();
        String server = Sessions.content(sessionId);
        assertThat(ada.text()).isEqualTo(server);
        assertThat(bob.text()).isEqualTo(server);
        for (int round = 0; round < 20; round++) {
            assertThat(occurrences(server, "<b" + round + ">")).isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                assertThat(occurrences(server, "<a" + round + "." + i + ">")).as("marker a%d.%d", round, i).isEqualTo(1);
            }
        }
    }

    @Test
    void presenceOfOneClientReachesTheOther() throws Exception {
        String sessionId = Sessions.create("0123456789");
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        TandemClient ada = join(sessionId, "ada");
        TandemClient bob = TandemClient.builder(sessionId)
                .servers(List.of(URI.create("http://127.0.0.1:" + RestAssured.port)))
                .name("bob")
                .listener(new dev.tandem.client.TandemListener() {
                    @Override
                    public void onPresence(dev.tandem.client.Incoming.Presence presence) {
                        seen.add(presence.clientId() + ":" + presence.selection().anchor() + "-" + presence.selection().head());
                    }
                }).connect();
        clients.add(bob);
        assertThat(bob.awaitConnected(Duration.ofSeconds(10))).isTrue();
        ada.sendPresence(2, 5);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
        assertThat(seen).containsExactly(ada.clientId() + ":2-5");
    }

    private static int occurrences(String text, String marker) {
        int count = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) count++;
        return count;
    }
}
