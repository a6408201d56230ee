package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.api.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The document limit counts what a client receives, and long histories go page by page. The attacks they stand
 * for (issue 13 item 7, docs/security.md 7d): a document of control characters, each of which JSON escapes to six
 * bytes ({@code \u0001}), stayed under the limit in characters but made every {@code welcome} larger than a
 * connection's outbound budget (8 MiB), so every joiner was closed (4008) and nobody could open the session any
 * more; and a {@code pull} from an old version built one {@code updates} frame of the whole history (megabytes),
 * which closed the puller the same way.
 */
@QuarkusTest
class DocumentBytesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Control characters per push: 900,000 bytes of JSON, within the 1 MiB message limit. */
    private static final int CHUNK = 150_000;
    private static final String CONTROL = "\\u0001".repeat(CHUNK);
    /** tandem.collab.max-document-bytes and page-bytes (defaults). */
    private static final long MAX_DOCUMENT_BYTES = 3_670_016;
    private static final long PAGE_BYTES = 1 << 20;

    private static String push(int version, int seq, String changes) {
        return "{\"type\":\"push\",\"version\":" + version + ",\"updates\":[{\"clientId\":\"ada\",\"seq\":" + seq
                + ",\"changes\":" + changes + "}]}";
    }

    /** Sends a push and returns its ack, or the error that refused it. */
    private static JsonNode pushed(RawSocket socket, String push) throws InterruptedException {
        socket.send(push);
        return answer(socket);
    }

    /** The next ack or error (the pusher's own updates on the way are skipped). */
    private static JsonNode answer(RawSocket socket) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode message = socket.next(Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            if (message == null) break;
            String type = message.path("type").asText();
            if (type.equals("ack") || type.equals("error")) return message;
        }
        return fail("no ack or error for a push");
    }

    @Test
    void aDocumentOfControlCharactersStaysOpenToJoiners() throws Exception {
        String id = Sessions.create("");
        int version = 0;
        int length = 0;
        JsonNode refusal = null;
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            // Bounded: 12 pushes of 150,000 characters would pass the 1,500,000-character limit of the test profile.
            for (int seq = 1; seq <= 12 && refusal == null; seq++) {
                JsonNode answer = pushed(ada, push(version, seq, "[" + (length == 0 ? "" : length + ",") + "[0,\"" + CONTROL + "\"]]"));
                if (answer.path("type").asText().equals("ack")) {
                    version = answer.path("version").asInt();
                    length += CHUNK;
                } else {
                    refusal = answer;
                }
            }
        }
        // What the attack was about: somebody else can still join, and receives the whole document.
        try (RawSocket grace = RawSocket.join(RestAssured.port, id, "grace")) {
            assertThat(grace.welcome().path("version").asInt()).isEqualTo(version);
            assertThat(grace.welcome().path("content").asText()).hasSize(length);
        }
        assertThat(refusal).as("a push past the limit in JSON bytes is refused").isNotNull();
        assertThat(refusal.path("code").asText()).isEqualTo("TOO_LARGE");
        assertThat(6L * length).as("what the accepted text takes as JSON").isLessThanOrEqualTo(MAX_DOCUMENT_BYTES);
        assertThat(Sessions.version(id)).isEqualTo(version);
    }

    @Test
    void aNewSessionIsLimitedInJsonBytesToo() throws Exception {
        String content = "\u0001".repeat(1_400_000); // 1.4 M characters (within the characters' limit), 8.4 MB as JSON
        given().contentType("application/json").body("{\"language\":\"python\",\"content\":" + MAPPER.writeValueAsString(content) + "}")
                .post("/api/sessions")
                .then().statusCode(413).body("error", org.hamcrest.Matchers.equalTo("TOO_LARGE"));
    }

    @Test
    void aPullOfALongHistoryArrivesPageByPage() throws Exception {
        String id = Sessions.create("");
        int rounds = 10; // insert 150,000 control characters, delete them: about 9 MB of history as JSON
        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            int seq = 0;
            for (int i = 0; i < rounds; i++) {
                assertThat(pushed(ada, push(2 * i, ++seq, "[[0,\"" + CONTROL + "\"]]")).path("type").asText()).isEqualTo("ack");
                assertThat(pushed(ada, push(2 * i + 1, ++seq, "[[" + CHUNK + "]]")).path("type").asText()).isEqualTo("ack");
            }
        }
        int current = 2 * rounds;
        try (RawSocket bob = RawSocket.join(RestAssured.port, id, "bob")) {
            bob.send("{\"type\":\"pull\",\"version\":0}");
            List<JsonNode> pages = new ArrayList<>();
            int at = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (at < current && System.nanoTime() < deadline) {
                JsonNode message = bob.next(Duration.ofSeconds(10));
                if (message == null) break;
                if (!message.path("type").asText().equals("updates")) continue;
                assertThat(message.path("fromVersion").asInt()).as("pages follow each other").isEqualTo(at);
                at += message.path("updates").size();
                pages.add(message);
            }
            assertThat(at).as("the pull brought every version").isEqualTo(current);
            assertThat(pages.size()).as("in several frames").isGreaterThan(1);
            for (JsonNode page : pages) {
                // a page is cut once it passes page-bytes, so it holds at most one update more than fits
                assertThat(MAPPER.writeValueAsString(page).length()).isLessThan((int) (PAGE_BYTES + 1_000_000));
            }
            // still connected: it can go on editing
            bob.send("{\"type\":\"push\",\"version\":" + current + ",\"updates\":[{\"clientId\":\"bob\",\"seq\":1,\"changes\":[[0,\"ok\"]]}]}");
            assertThat(answer(bob).path("type").asText()).isEqualTo("ack");
        }
        assertThat(Sessions.content(id)).isEqualTo("ok");
    }

    /**
     * Attack (issue 13 item 7, docs/security.md 7d): the byte limit held per file only, so a session of several files
     * of control characters, each under the limit, made the welcome (which carries every file) larger than the
     * outbound budget, and nobody could join. Now it holds for all files together, as the character limit does:
     * creating such a session, a push and a new file that would pass it are TOO_LARGE and change nothing, and a
     * late joiner gets every file.
     */
    @Test
    void theByteLimitHoldsForAllFilesTogether() throws Exception {
        // Three files of 200,000 control characters: 3.6 MB as JSON together (under 3,670,016), 600,000 characters.
        String control = "\u0001".repeat(200_000);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("main.py", control);
        files.put("a.py", control);
        files.put("b.py", control);
        Map<String, String> tooMany = new LinkedHashMap<>(files);
        tooMany.put("c.py", control); // 4.8 MB together, each file far under the limit
        given().contentType("application/json").body(newSession(tooMany)).post("/api/sessions")
                .then().statusCode(413).body("error", org.hamcrest.Matchers.equalTo("TOO_LARGE"));
        String id = given().contentType("application/json").body(newSession(files)).post("/api/sessions")
                .then().statusCode(201).extract().path("id");

        try (RawSocket ada = RawSocket.join(RestAssured.port, id, "ada")) {
            assertThat(ada.welcome().path("files")).hasSize(3);
            // 20,000 more control characters (120 KB) in any file would pass the limit of all files together.
            String more = "\\u0001".repeat(20_000);
            JsonNode push = pushed(ada, "{\"type\":\"push\",\"file\":\"a.py\",\"version\":0,\"updates\":[{\"clientId\":\"ada\","
                    + "\"seq\":1,\"changes\":[200000,[0,\"" + more + "\"]]}]}");
            assertThat(push.path("code").asText()).as("push %s", push).isEqualTo("TOO_LARGE");
            ada.send("{\"type\":\"file.create\",\"path\":\"c.py\",\"content\":\"" + more + "\"}");
            JsonNode create = ada.await("error", Duration.ofSeconds(20));
            assertThat(create.path("code").asText()).as("file.create %s", create).isEqualTo("TOO_LARGE");
            // What fits is still accepted: 1,000 control characters (6 KB).
            JsonNode fits = pushed(ada, "{\"type\":\"push\",\"file\":\"b.py\",\"version\":0,\"updates\":[{\"clientId\":\"ada\","
                    + "\"seq\":1,\"changes\":[[0,\"" + "\\u0001".repeat(1_000) + "\"],200000]}]}");
            assertThat(fits.path("type").asText()).as("push %s", fits).isEqualTo("ack");
        }

        JsonNode session = MAPPER.readTree(given().get("/api/sessions/" + id).then().statusCode(200).extract().asString());
        assertThat(session.path("files")).as("no file was added").hasSize(3);
        for (JsonNode f : session.path("files")) {
            int expected = f.path("path").asText().equals("b.py") ? 201_000 : 200_000;
            assertThat(f.path("content").asText()).as(f.path("path").asText()).hasSize(expected);
            assertThat(f.path("version").asInt()).isEqualTo(f.path("path").asText().equals("b.py") ? 1 : 0);
        }
        // The late joiner receives every file whole.
        try (RawSocket grace = RawSocket.join(RestAssured.port, id, "grace")) {
            JsonNode welcome = grace.welcome();
            assertThat(welcome.path("content").asText()).hasSize(200_000);
            List<String> paths = new ArrayList<>();
            for (JsonNode f : welcome.path("files")) {
                paths.add(f.path("path").asText());
                assertThat(f.path("content").asText()).hasSize(f.path("path").asText().equals("b.py") ? 201_000 : 200_000);
            }
            assertThat(paths).containsExactly("main.py", "a.py", "b.py");
        }
    }

    private static String newSession(Map<String, String> files) throws Exception {
        List<Map<String, String>> entries = new ArrayList<>();
        files.forEach((path, content) -> entries.add(Map.of("path", path, "content", content)));
        return MAPPER.writeValueAsString(Map.of("language", "python", "files", entries));
    }
}
