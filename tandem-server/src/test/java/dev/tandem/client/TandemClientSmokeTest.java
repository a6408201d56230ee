package dev.tandem.client;

import dev.tandem.ConfigProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two real {@link TandemClient}s against a running server: concurrent edits and a dropped connection converge. */
@QuarkusTest
@TestProfile(TandemClientSmokeTest.RandomPort.class)
class TandemClientSmokeTest {

    /**
     * A port of its own (other test runs on this machine may hold the default test port) and a short history,
     * so that a client away for {@link #HISTORY} updates meets VERSION_GONE.
     */
    public static class RandomPort extends ConfigProfile {
        public RandomPort() {
            super(Map.of("quarkus.http.test-port", "0", "tandem.collab.history-updates", String.valueOf(HISTORY)));
        }
    }

    private static final int HISTORY = 300;

    @TestHTTPResource("/")
    URL base;

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<String> reloads = new CopyOnWriteArrayList<>();
    private final List<String> presences = new CopyOnWriteArrayList<>();
    private TandemClient ada;
    private TandemClient bob;

    @AfterEach
    void closeClients() {
        if (ada != null) ada.close();
        if (bob != null) bob.close();
    }

    /** A new session with Ada and Bob connected to it. */
    private String adaAndBobConnected() throws Exception {
        String sessionId = createSession();
        ada = client(sessionId, "Ada");
        bob = client(sessionId, "Bob");
        assertThat(ada.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(bob.awaitConnected(Duration.ofSeconds(10))).isTrue();
        return sessionId;
    }

    @Test
    void twoClientsConvergeThroughConcurrentEditsAndAReconnect() throws Exception {
        String sessionId = adaAndBobConnected();
        assertThat(ada.text()).isEqualTo("hello");

        for (int i = 0; i < 5; i++) {
            ada.edit(ada.text().length(), ada.text().length(), " a" + i);
            bob.edit(0, 0, "b" + i + " ");
            bob.edit(1, 2, "😀");
        }
        awaitConvergence(sessionId);

        bob.sendPresence(1, 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> presences.contains("Ada sees Bob 1..3"));

        bob.pauseReconnect();
        bob.disconnect();
        assertThat(bob.isConnected()).isFalse();
        bob.edit(0, 0, "offline ");
        ada.edit(0, 3, "");
        bob.edit(bob.text().length(), bob.text().length(), "\nend");
        bob.resumeReconnect();
        awaitConvergence(sessionId);

        assertThat(serverText(sessionId)).contains("offline ").endsWith("\nend");

        // A message far larger than one WebSocket frame part: the receiver must join the parts.
        String large = "line 😀 é\n".repeat(30_000);
        ada.edit(0, 0, large);
        awaitConvergence(sessionId);
        assertThat(bob.text()).startsWith(large);
        assertThat(errors).isEmpty();
    }

    @Test
    void aClientAwayLongerThanTheHistoryReloadsAndReportsItsLostEdits() throws Exception {
        String sessionId = adaAndBobConnected();

        bob.pauseReconnect();
        bob.disconnect();
        bob.edit(0, 0, "lost ");
        for (int i = 0; i < HISTORY + 5; i++) ada.edit(ada.text().length(), ada.text().length(), ".");
        assertThat(ada.awaitSynced(Duration.ofSeconds(10))).isTrue();
        bob.resumeReconnect();

        awaitConvergence(sessionId);
        assertThat(reloads).containsExactly("Bob lost 1");
        assertThat(errors).singleElement().asString().startsWith("Bob: VERSION_GONE");
        assertThat(bob.text()).doesNotContain("lost");
        // Bob's seqs keep rising after the reload, so the server takes his next edit (it remembers #1).
        bob.edit(0, 0, "kept ");
        awaitConvergence(sessionId);
        assertThat(serverText(sessionId)).startsWith("kept hello");
    }

    @Test
    void threeClientsEditingFromThreadsWithRandomDropsConverge() throws Exception {
        String sessionId = createSession();
        List<TandemClient> clients = List.of(client(sessionId, "C0"), client(sessionId, "C1"), client(sessionId, "C2"));
        try {
            for (TandemClient c : clients) assertThat(c.awaitConnected(Duration.ofSeconds(10))).isTrue();
            List<Thread> editors = new java.util.ArrayList<>();
            for (int n = 0; n < clients.size(); n++) {
                TandemClient c = clients.get(n);
                java.util.Random random = new java.util.Random(n);
                Thread editor = new Thread(() -> {
                    for (int i = 0; i < 60; i++) {
                        randomEdit(c, random);
                        if (random.nextInt(25) == 0) c.disconnect(); // reconnects by itself
                        sleepQuietly(random.nextInt(8));
                    }
                });
                editor.start();
                editors.add(editor);
            }
            for (Thread t : editors) t.join();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                // Edits split emoji, so texts hold lone surrogates: compare their escaped forms, which print.
                String server = visible(serverText(sessionId));
                for (TandemClient c : clients) {
                    assertThat(c.awaitSynced(Duration.ZERO)).as("%s synced", c.clientId()).isTrue();
                    assertThat(visible(c.text())).as("text of %s", c.clientId()).isEqualTo(server);
                }
            });
            assertThat(errors).isEmpty();
        } finally {
            clients.forEach(TandemClient::close);
        }
    }

    private static String visible(String text) {
        return dev.tandem.protocol.JsonText.escapeLoneSurrogates(text);
    }

    /** Random positions in UTF-16 units: they split emoji on purpose, as a JavaScript client may. */
    private static void randomEdit(TandemClient c, java.util.Random random) {
        String[] inserts = {"x", "yz", "\n", "😀", ""};
        // The text can change between reading it and editing (remote updates): retry on a stale range.
        for (int attempt = 0; attempt < 5; attempt++) {
            int length = c.text().length();
            int from = random.nextInt(length + 1);
            int to = Math.min(length, from + random.nextInt(3));
            try {
                c.edit(from, to, inserts[random.nextInt(inserts.length)]);
                return;
            } catch (dev.tandem.collab.InvalidChangesException stale) {
                // try again with the new length
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUnknownSessionIsReportedAndNotRetried() throws Exception {
        ada = client("no-such-session", "Ada");
        await().atMost(Duration.ofSeconds(5)).until(() -> errors.stream().anyMatch(e -> e.startsWith("Ada: UNKNOWN_SESSION")));
        Thread.sleep(500); // several backoff periods: no new attempt may report again
        assertThat(errors).hasSize(1);
        assertThat(ada.isConnected()).isFalse();
    }

    private String createSession() {
        return given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body("{\"language\":\"python\",\"content\":\"hello\"}")
                .when().post("/api/sessions")
                .then().statusCode(201).extract().path("id");
    }

    private TandemClient client(String sessionId, String name) {
        return TandemClient.builder(sessionId).servers(List.of(URI.create(base.toString()))).name(name)
                .listener(new TandemListener() {
                    @Override
                    public void onError(String code, String message) {
                        errors.add(name + ": " + code + " " + message);
                    }

                    @Override
                    public void onPresence(Incoming.Presence p) {
                        if (p.selection() != null) {
                            presences.add(name + " sees " + p.name() + " " + p.selection().anchor() + ".." + p.selection().head());
                        }
                    }

                    @Override
                    public void onReloaded(List<dev.tandem.collab.Update> lostEdits, String newText, int version) {
                        reloads.add(name + " lost " + lostEdits.size());
                    }
                }).connect();
    }

    private void awaitConvergence(String sessionId) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(ada.awaitSynced(Duration.ZERO)).as("ada synced").isTrue();
            assertThat(bob.awaitSynced(Duration.ZERO)).as("bob synced").isTrue();
            String server = serverText(sessionId);
            assertThat(ada.text()).isEqualTo(server);
            assertThat(bob.text()).isEqualTo(server);
        });
    }

    private String serverText(String sessionId) {
        return given().baseUri(base.toString()).when().get("/api/sessions/" + sessionId)
                .then().statusCode(200).extract().path("content");
    }
}
