package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import dev.tandem.client.TandemClient;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.RandomChanges;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * v1.1 "Editing without WebSockets" on one real node: SSE, long and short polling and POSTed client messages,
 * editing together with WebSocket clients (docs/protocol.md, "Editing without WebSockets"). The cluster side
 * (a stream on one node, its POSTs on another), idle close and 410 are in HttpTransportClusterIT.
 */
@QuarkusTest
class HttpTransportTest {
    private static URI base() {
        return URI.create("http://127.0.0.1:" + RestAssured.port);
    }

    @Test
    void sseLongPollAndSocketClientsTypeConcurrentlyAndConverge() throws Exception {
        String session = Sessions.create("def main():\n    print('héllo 😀')\n");
        TandemClient socket = TandemClient.builder(session).servers(List.of(base())).name("ws").connect();
        try (HttpEditor sse = new HttpEditor(base(), session, "sse", HttpEditor.Mode.SSE);
             HttpEditor poll = new HttpEditor(base(), session, "poll", HttpEditor.Mode.LONG_POLL)) {
            assertThat(socket.awaitConnected(Duration.ofSeconds(10))).isTrue();
            Random random = new Random(18);
            List<CompletableFuture<Void>> typing = new ArrayList<>();
            typing.add(CompletableFuture.runAsync(() -> {
                Random r = new Random(1);
                for (int i = 0; i < 60; i++) socket.change(text -> RandomChanges.changes(r, text).changes());
            }));
            for (HttpEditor editor : List.of(sse, poll)) {
                long seed = random.nextLong();
                typing.add(CompletableFuture.runAsync(() -> {
                    Random r = new Random(seed);
                    try {
                        for (int i = 0; i < 60; i++) editor.change(text -> RandomChanges.changes(r, text).changes());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            CompletableFuture.allOf(typing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(socket.awaitSynced(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(30)).alias("all three synced at the server's version").until(() -> sse.failure() != null || poll.failure() != null
                    || (sse.synced() && poll.synced() && sse.version() == Sessions.version(session)
                    && poll.version() == sse.version() && socket.version() == sse.version()));
            assertThat(sse.failure()).isNull();
            assertThat(poll.failure()).isNull();
            String server = Sessions.content(session);
            assertThat(sse.text()).isEqualTo(server);
            assertThat(poll.text()).isEqualTo(server);
            assertThat(socket.text()).isEqualTo(server);
            assertThat(Sessions.version(session)).as("every edit of the three became a version").isGreaterThan(100);
        } finally {
            socket.close();
        }
    }

    @Test
    void resumeByLastEventIdGivesExactlyTheMissedMessages() throws Exception {
        String session = Sessions.create("");
        HttpTransportClient reader = HttpTransportClient.open(base(), session, "reader");
        try (RawSocket writer = RawSocket.join(RestAssured.port, session, "writer")) {
            List<HttpTransportClient.Event> seen = new ArrayList<>();
            try (HttpTransportClient.Stream first = reader.stream(null)) {
                assertThat(first.status).isEqualTo(200);
                HttpTransportClient.Event joined = first.next();
                assertThat(joined.id()).as("a stream without Last-Event-ID starts at message 1").isEqualTo(1);
                assertThat(joined.message().path("type").asText()).isEqualTo("joined");
                seen.add(joined);
                insert(writer, 0, 0, "a", 1);
                seen.add(first.next("updates"));
            }
            // Missed while no stream was open: three more updates and a presence.
            insert(writer, 1, 1, "b", 2);
            insert(writer, 2, 2, "c", 3);
            writer.send("{\"type\":\"presence\",\"selection\":{\"anchor\":0,\"head\":1},\"version\":3}");
            insert(writer, 3, 3, "d", 4);
            long lastSeen = seen.get(seen.size() - 1).id();
            JsonNode polled = await().atMost(Duration.ofSeconds(10)).until(() -> reader.poll(lastSeen, 0).body(),
                    body -> body.path("messages").size() == 4);
            try (HttpTransportClient.Stream resumed = reader.stream(lastSeen)) {
                List<HttpTransportClient.Event> missed = new ArrayList<>();
                for (int i = 0; i < 4; i++) missed.add(resumed.next());
                for (int i = 0; i < 4; i++) {
                    assertThat(missed.get(i).id()).as("no gap, no duplicate").isEqualTo(lastSeen + 1 + i);
                    assertThat(missed.get(i).message()).isEqualTo(polled.path("messages").get(i));
                }
                assertThat(missed.stream().map(e -> e.message().path("type").asText()).toList())
                        .containsExactly("updates", "updates", "presence", "updates");
                assertThat(resumed.events.poll(300, TimeUnit.MILLISECONDS)).as("nothing more").isNull();
            }
            // Asking again with an older `after` gives the same messages again.
            assertThat(reader.poll(lastSeen, 0).body().path("messages")).isEqualTo(polled.path("messages"));
            assertThat(reader.poll(lastSeen, 0).body().path("last").asLong()).isEqualTo(lastSeen + 4);
        }
    }

    private static void insert(RawSocket writer, int version, int at, String text, int seq) throws Exception {
        writer.send("{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"writer\",\"seq\":" + seq
                + ",\"changes\":" + ChangeSet.of(version, at, at, text).toJson() + "}]}");
        writer.await("ack");
    }

    @Test
    void longPollAnswersWithinItsWaitAndAtOnceWhenAMessageIsPending() throws Exception {
        String session = Sessions.create("x");
        HttpTransportClient client = HttpTransportClient.open(base(), session, "poller");
        JsonNode none = client.poll(0, 0).body();
        assertThat(none.path("messages").size()).as("short poll, nothing yet").isZero();
        assertThat(none.path("last").asLong()).isZero();

        long started = System.nanoTime();
        HttpTransportClient.Answer empty = client.poll(0, 700);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.body().path("messages").size()).isZero();
        assertThat(empty.body().path("last").asLong()).isZero();
        assertThat(waited).as("it waited, then answered with none").isGreaterThanOrEqualTo(650).isLessThan(10_000);

        // A poll that is waiting answers as soon as a message comes, long before its wait is over.
        CompletableFuture<HttpTransportClient.Answer> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return client.poll(0, 30_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (RawSocket other = RawSocket.join(RestAssured.port, session, "other")) {
            HttpTransportClient.Answer woke = waiting.get(20, TimeUnit.SECONDS);
            assertThat(woke.body().path("messages").get(0).path("type").asText()).isEqualTo("joined");
            assertThat(woke.body().path("last").asLong()).isEqualTo(1);
            // With a message pending, even a 30 s poll answers at once.
            HttpTransportClient.Answer pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.poll(0, 30_000);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(pending.body().path("messages").size()).isEqualTo(1);
        }
    }

    @Test
    void aLongPollOnlyConnectionEdits() throws Exception {
        String session = Sessions.create("ab");
        HttpTransportClient client = HttpTransportClient.open(base(), session, "lp");
        int version = client.welcome.path("version").asInt();
        client.send("[{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"lp\",\"seq\":1,\"changes\":"
                + ChangeSet.of(2, 2, 2, "c").toJson() + "}]},{\"type\":\"presence\",\"selection\":{\"anchor\":1,\"head\":1},\"version\":1}]");
        long after = 0;
        List<String> types = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!types.contains("ack") && System.nanoTime() < deadline) {
            JsonNode page = client.poll(after, 5_000).body();
            page.path("messages").forEach(m -> types.add(m.path("type").asText()));
            after = page.path("last").asLong();
        }
        assertThat(types).containsSubsequence("updates", "ack");
        assertThat(Sessions.content(session)).isEqualTo("abc");
    }

    @Test
    void aViewLinksPostedPushIsRefusedAndChangesNothing() throws Exception {
        JsonPath created = given().contentType(ContentType.JSON).body("{\"content\":\"read me\"}").post("/api/sessions")
                .then().statusCode(201).extract().jsonPath();
        HttpTransportClient viewer = HttpTransportClient.open(base(), created.getString("viewLink"), "viv");
        HttpTransportClient.Answer push = viewer.post("{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"viv\",\"seq\":1,\"changes\":"
                + ChangeSet.of(7, 0, 0, "x").toJson() + "}]}");
        assertThat(push.status()).isEqualTo(403);
        assertThat(push.body().path("error").asText()).isEqualTo("FORBIDDEN");
        // A presence in the same body does not get through either: nothing of a refused body is queued.
        HttpTransportClient.Answer mixed = viewer.post("[{\"type\":\"presence\",\"selection\":null,\"version\":0},{\"type\":\"run\"}]");
        assertThat(mixed.status()).isEqualTo(403);
        assertThat(viewer.poll(0, 300).body().path("messages").size()).isZero();
        assertThat(viewer.post("{\"type\":\"presence\",\"selection\":null,\"version\":0}").status()).isEqualTo(202);
        assertThat(Sessions.content(created.getString("id"))).isEqualTo("read me");
        assertThat(Sessions.version(created.getString("id"))).isZero();
    }

    @Test
    void unknownConnectionsAndBadBodiesAreRefused() throws Exception {
        String unknown = "AAAAAAAAAAAAAAAAAAAAAAAA";
        given().get("/api/connections/" + unknown + "/messages").then().statusCode(404).body("error", org.hamcrest.Matchers.equalTo("NO_SUCH_CONNECTION"));
        given().get("/api/connections/" + unknown + "/stream").then().statusCode(404);
        given().contentType(ContentType.JSON).body("[]").post("/api/connections/" + unknown + "/messages").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions/nosuchsession0000000000/connections").then()
                .statusCode(404).body("error", org.hamcrest.Matchers.equalTo("UNKNOWN_SESSION"));

        String session = Sessions.create("");
        HttpTransportClient client = HttpTransportClient.open(base(), session, "bad");
        assertThat(client.post("not json").status()).isEqualTo(400);
        assertThat(client.post("42").status()).isEqualTo(400);
        assertThat(client.post("{\"type\":\"push\",\"version\":0}").body().path("error").asText()).isEqualTo("BAD_MESSAGE");
        String big = "x".repeat(1_100_000);
        HttpTransportClient.Answer tooLarge = client.post("{\"type\":\"presence\",\"selection\":null,\"version\":0,\"pad\":\"" + big + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.body().path("error").asText()).isEqualTo("TOO_LARGE");
        assertThat(client.poll(0, 0).body().path("messages").size()).as("nothing was queued").isZero();
    }

    @Test
    void aTakenClientIdIs409AndAResumeEndsTheOldConnection() throws Exception {
        String session = Sessions.create("");
        HttpTransportClient first = HttpTransportClient.open(base(), session, "ada");
        HttpTransportClient.Answer taken = HttpTransportClient.openRaw(base(), session, "{\"clientId\":\"ada\",\"name\":\"Eve\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().path("error").asText()).isEqualTo("CLIENT_ID_TAKEN");

        try (HttpTransportClient.Stream stream = first.stream(null)) {
            HttpTransportClient.Answer resumed = HttpTransportClient.openRaw(base(), session, "{\"clientId\":\"ada\",\"name\":\"Ada\",\"resumeToken\":\""
                    + first.welcome.path("resumeToken").asText() + "\"}");
            assertThat(resumed.status()).isEqualTo(201);
            stream.ended.get(10, TimeUnit.SECONDS); // the old connection's stream ends
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.poll(0, 0).status() == 404);
        assertThat(first.post("{\"type\":\"pull\",\"version\":0}").body().path("error").asText()).isEqualTo("NO_SUCH_CONNECTION");
    }
}
