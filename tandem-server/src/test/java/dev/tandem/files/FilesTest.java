package dev.tandem.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.api.Sessions;
import dev.tandem.collab.ChangeSet;
import dev.tandem.realtime.RawSocket;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** v1.1 "Several files" over real sockets and REST against a running server. */
@QuarkusTest
class FilesTest {
    @jakarta.inject.Inject
    com.hazelcast.core.HazelcastInstance hazelcast;
    @jakarta.inject.Inject
    dev.tandem.access.SessionAccess access;

    private static int port() {
        return RestAssured.port;
    }

    private static String session(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/sessions").then().statusCode(201)
                .extract().path("id");
    }

    private static Map<String, String> serverTexts(String id) {
        JsonPath json = given().get("/api/sessions/" + id).then().statusCode(200).extract().jsonPath();
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (Map<String, Object> f : json.<Map<String, Object>>getList("files")) texts.put((String) f.get("path"), (String) f.get("content"));
        return texts;
    }

    private static String create(String path, String content) {
        return "{\"type\":\"file.create\",\"path\":\"" + path + "\",\"content\":\"" + content + "\"}";
    }

    /** Sends {@code message} and waits for the error answering it, which must carry {@code code}. */
    private static void refused(RawSocket socket, String message, String code) throws InterruptedException {
        socket.send(message);
        assertThat(socket.await("error").path("code").asText()).as(message).isEqualTo(code);
    }

    @Test
    void aSessionMadeWithFilesListsThemAndALateJoinerIsWelcomedWithEveryFile() throws Exception {
        String id = session("{\"language\":\"python\",\"files\":[{\"path\":\"main.py\",\"content\":\"import util\"},"
                + "{\"path\":\"util.py\",\"content\":\"X = 1\"},{\"path\":\"lib/deep.py\",\"content\":\"\"}]}");
        assertThat(serverTexts(id)).containsExactly(Map.entry("main.py", "import util"), Map.entry("util.py", "X = 1"),
                Map.entry("lib/deep.py", ""));
        assertThat(Sessions.content(id)).isEqualTo("import util"); // v1's content is the main file's
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            ada.send("{\"type\":\"push\",\"file\":\"util.py\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,"
                    + "\"changes\":[5,[0,\"0\"]]}]}");
            JsonNode ack = ada.await("ack");
            assertThat(ack.path("file").asText()).isEqualTo("util.py");
            assertThat(ack.path("version").asInt()).isEqualTo(1);
            try (RawSocket late = RawSocket.join(port(), id, "late")) {
                JsonNode files = late.welcome().path("files");
                assertThat(files).hasSize(3);
                assertThat(files.get(0).path("path").asText()).isEqualTo("main.py");
                assertThat(files.get(0).path("version").asInt()).isZero();
                assertThat(files.get(1).path("path").asText()).isEqualTo("util.py");
                assertThat(files.get(1).path("version").asInt()).isEqualTo(1);
                assertThat(files.get(1).path("content").asText()).isEqualTo("X = 10");
                assertThat(late.welcome().path("version").asInt()).isZero(); // the main file's, for v1 clients
            }
        }
    }

    @Test
    void threeClientsOnTwoFilesAndAV1ClientOnTheMainFileConverge() throws Exception {
        String id = Sessions.create("print('main')\n");
        List<FileEditor> editors = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) editors.add(new FileEditor(port(), id, "files-" + i, false));
            FileEditor v1 = new FileEditor(port(), id, "v1", true);
            editors.add(v1);
            editors.get(0).send(create("util.py", "def f():\\n    return 1\\n"));
            for (FileEditor e : editors) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (e != v1 && !e.files.containsKey("util.py") && System.nanoTime() < deadline) e.pump(Duration.ofMillis(100));
            }
            Random random = new Random(42);
            for (int round = 0; round < 60; round++) {
                for (int i = 0; i < editors.size(); i++) {
                    FileEditor e = editors.get(i);
                    String path = e == v1 || random.nextBoolean() ? "main.py" : "util.py";
                    int pick = random.nextInt(1000);
                    e.edit(path, text -> {
                        int at = text.isEmpty() ? 0 : pick % (text.length() + 1);
                        int to = Math.min(text.length(), at + (pick % 3 == 0 ? 2 : 0));
                        return ChangeSet.of(text.length(), at, to, pick % 2 == 0 ? "é" + pick : "x");
                    });
                }
                for (FileEditor e : editors) e.pump(Duration.ofMillis(2));
            }
            // Everyone settles: every local update confirmed, every text equal to the server's.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean settled = false;
            while (!settled && System.nanoTime() < deadline) {
                for (FileEditor e : editors) e.pump(Duration.ofMillis(20));
                settled = editors.stream().allMatch(FileEditor::settled);
            }
            for (FileEditor e : editors) e.pump(Duration.ofMillis(300)); // the last broadcasts
            assertThat(settled).as("all pushes confirmed").isTrue();
            Map<String, String> server = serverTexts(id);
            assertThat(server.keySet()).containsExactly("main.py", "util.py");
            for (FileEditor e : editors) {
                assertThat(e.text("main.py")).as("%s main.py", e.clientId).isEqualTo(server.get("main.py"));
                if (e != v1) assertThat(e.text("util.py")).as("%s util.py", e.clientId).isEqualTo(server.get("util.py"));
                assertThat(e.errors).as("%s errors", e.clientId).isEmpty();
            }
            assertThat(editors.stream().mapToInt(e -> e.conflicts).sum()).as("concurrent pushes conflicted").isPositive();
        } finally {
            editors.forEach(FileEditor::close);
        }
    }

    @Test
    void renamesAndDeletesWhileSomeoneEditsGiveTheirPendingPushesAClearError() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(port(), id, "ada"); RawSocket bob = RawSocket.join(port(), id, "bob")) {
            ada.send(create("a.py", "A"));
            JsonNode created = bob.await("file.created");
            assertThat(created.path("path").asText()).isEqualTo("a.py");
            assertThat(created.path("version").asInt()).isZero();
            assertThat(created.path("by").asText()).isEqualTo("ada");
            ada.await("file.created"); // the sender too

            bob.send("{\"type\":\"file.rename\",\"path\":\"a.py\",\"to\":\"b.py\"}");
            JsonNode renamed = ada.await("file.renamed");
            assertThat(renamed.path("to").asText()).isEqualTo("b.py");
            // ada's push still names the old path: refused, naming it; nothing applied.
            ada.send("{\"type\":\"push\",\"file\":\"a.py\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[1,[0,\"!\"]]}]}");
            JsonNode refused = ada.await("error");
            assertThat(refused.path("code").asText()).isEqualTo("NO_SUCH_FILE");
            assertThat(refused.path("file").asText()).isEqualTo("a.py");
            // the same update under the new name is in: the file kept its version line
            ada.send("{\"type\":\"push\",\"file\":\"b.py\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[1,[0,\"!\"]]}]}");
            assertThat(ada.await("ack").path("file").asText()).isEqualTo("b.py");
            assertThat(serverTexts(id)).containsEntry("b.py", "A!").doesNotContainKey("a.py");

            bob.send("{\"type\":\"file.delete\",\"path\":\"b.py\"}");
            assertThat(ada.await("file.deleted").path("path").asText()).isEqualTo("b.py");
            refused(ada, "{\"type\":\"push\",\"file\":\"b.py\",\"version\":1,\"updates\":[{\"clientId\":\"ada\",\"seq\":2,\"changes\":[2,[0,\"?\"]]}]}", "NO_SUCH_FILE");
            refused(ada, "{\"type\":\"pull\",\"file\":\"b.py\",\"version\":0}", "NO_SUCH_FILE");
            // the main file is untouched and still editable
            ada.send("{\"type\":\"push\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[[0,\"ok\"]]}]}");
            JsonNode ack = ada.await("ack");
            assertThat(ack.path("file").asText()).isEqualTo("main.py");
            assertThat(serverTexts(id)).containsExactly(Map.entry("main.py", "ok"));
            // a path freed by a delete is a new file with a history of its own
            ada.send(create("b.py", ""));
            assertThat(ada.await("file.created").path("version").asInt()).isZero();
        }
    }

    @Test
    void badPathsExistingFilesTheMainFileAndLimitsAreRefusedAndChangeNothing() throws Exception {
        String id = Sessions.create("");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            for (String bad : List.of("../x.py", "/abs.py", "a//b.py", "a b.py", "./x", "x/", "é.py", "a".repeat(65))) {
                ada.send(create(bad, ""));
                JsonNode error = ada.await("error");
                assertThat(error.path("code").asText()).as(bad).isEqualTo("BAD_PATH");
                assertThat(error.path("ref").asText()).isEqualTo("file.create");
            }
            refused(ada, create("main.py", ""), "FILE_EXISTS");
            ada.send(create("u.py", ""));
            ada.await("file.created");
            refused(ada, create("u.py", ""), "FILE_EXISTS");
            refused(ada, create("u.py/x.py", ""), "FILE_EXISTS"); // u.py would be a file and a folder
            refused(ada, "{\"type\":\"file.rename\",\"path\":\"main.py\",\"to\":\"x.py\"}", "MAIN_FILE");
            refused(ada, "{\"type\":\"file.delete\",\"path\":\"main.py\"}", "MAIN_FILE");
            refused(ada, "{\"type\":\"file.rename\",\"path\":\"u.py\",\"to\":\"main.py\"}", "FILE_EXISTS");
            refused(ada, "{\"type\":\"file.rename\",\"path\":\"nope.py\",\"to\":\"x.py\"}", "NO_SUCH_FILE");
            refused(ada, "{\"type\":\"file.rename\",\"path\":\"u.py\",\"to\":\"../x.py\"}", "BAD_PATH");
            // 64 files at most, the main file included: u.py and 62 more fit, the 65th does not
            for (int i = 0; i < 62; i++) {
                ada.send(create("f" + i + ".py", ""));
                ada.await("file.created");
            }
            refused(ada, create("one-too-many.py", ""), "TOO_LARGE");
            assertThat(serverTexts(id)).hasSize(64).doesNotContainKey("one-too-many.py");
        }
        // the document limit counts all files together
        String big = "x".repeat(1_000_000);
        String id2 = session("{\"content\":\"" + big + "\"}");
        try (RawSocket ada = RawSocket.join(port(), id2, "ada")) {
            refused(ada, create("more.py", "y".repeat(600_000)), "TOO_LARGE");
            assertThat(serverTexts(id2)).hasSize(1);
        }
    }

    @Test
    void restRefusesBadFileListsWithTheContractsStatuses() {
        given().contentType(ContentType.JSON).body("{\"files\":[{\"path\":\"../x\",\"content\":\"\"}]}").post("/api/sessions")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("BAD_PATH"));
        given().contentType(ContentType.JSON).body("{\"files\":[{\"path\":\"a.py\"},{\"path\":\"a.py\"}]}").post("/api/sessions")
                .then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("BAD_PATH"));
        given().contentType(ContentType.JSON).body("{\"content\":\"x\",\"files\":[{\"path\":\"main.py\",\"content\":\"y\"}]}")
                .post("/api/sessions").then().statusCode(400);
        StringBuilder many = new StringBuilder("{\"files\":[");
        for (int i = 0; i < 65; i++) many.append(i == 0 ? "" : ",").append("{\"path\":\"f").append(i).append(".py\"}");
        given().contentType(ContentType.JSON).body(many + "]}").post("/api/sessions")
                .then().statusCode(413).body("error", org.hamcrest.Matchers.equalTo("TOO_LARGE"));
    }

    @Test
    void aViewLinkSeesFilesButCannotChangeThem() throws Exception {
        var created = given().contentType(ContentType.JSON).body("{\"files\":[{\"path\":\"u.py\",\"content\":\"U\"}]}")
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String view = created.getString("viewLink");
        try (RawSocket viewer = RawSocket.join(port(), view, "viewer")) {
            assertThat(viewer.welcome().path("files").get(1).path("content").asText()).isEqualTo("U");
            for (String msg : List.of(create("x.py", ""), "{\"type\":\"file.rename\",\"path\":\"u.py\",\"to\":\"v.py\"}",
                    "{\"type\":\"file.delete\",\"path\":\"u.py\"}")) {
                viewer.send(msg);
                assertThat(viewer.await("error").path("code").asText()).isEqualTo("FORBIDDEN");
            }
        }
        assertThat(serverTexts(created.getString("id")).keySet()).containsExactly("main.py", "u.py");
    }

    @Test
    void theTimelineHoldsFileChangesAndEveryFilesUpdatesAndTheTextOfAFileAtAVersion() throws Exception {
        String id = Sessions.create("main");
        try (RawSocket ada = RawSocket.join(port(), id, "ada")) {
            ada.send(create("u.py", "U"));
            ada.await("file.created");
            ada.send("{\"type\":\"push\",\"file\":\"u.py\",\"version\":0,\"updates\":[{\"clientId\":\"ada\",\"seq\":1,\"changes\":[1,[0,\"1\"]]}]}");
            ada.await("ack");
            ada.send("{\"type\":\"push\",\"file\":\"u.py\",\"version\":1,\"updates\":[{\"clientId\":\"ada\",\"seq\":2,\"changes\":[2,[0,\"2\"]]}]}");
            ada.await("ack");
            ada.send("{\"type\":\"file.rename\",\"path\":\"u.py\",\"to\":\"v.py\"}");
            ada.await("file.renamed");
            // the text of a file at a past version, by its current path
            assertThat(given().get("/api/sessions/" + id + "/text?file=v.py&version=1").then().statusCode(200)
                    .extract().jsonPath().getString("content")).isEqualTo("U1");
            given().get("/api/sessions/" + id + "/text?file=u.py&version=1").then().statusCode(404)
                    .body("error", org.hamcrest.Matchers.equalTo("NO_SUCH_FILE"));
            given().get("/api/sessions/" + id + "/text?file=v.py&version=9").then().statusCode(400)
                    .body("error", org.hamcrest.Matchers.equalTo("VERSION_AHEAD"));
            ada.send("{\"type\":\"file.delete\",\"path\":\"v.py\"}");
            ada.await("file.deleted");
        }
        List<String> kinds = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> timelineKinds(id), k -> k.size() >= 5);
        assertThat(kinds).containsExactly("file.created u.py", "update u.py 1", "update u.py 2", "file.renamed u.py", "file.deleted v.py");
    }

    private static List<String> timelineKinds(String id) {
        JsonPath page = given().get("/api/sessions/" + id + "/timeline").then().statusCode(200).extract().jsonPath();
        List<String> kinds = new ArrayList<>();
        for (Map<String, Object> e : page.<Map<String, Object>>getList("events")) {
            String kind = (String) e.get("kind");
            kinds.add(kind.equals("update") ? "update " + e.get("file") + " " + e.get("version") : kind + " " + e.get("path"));
        }
        return kinds;
    }

    @Test
    void closingASessionForgetsEveryFile() {
        var created = given().contentType(ContentType.JSON).body("{\"files\":[{\"path\":\"u.py\",\"content\":\"U\"}]}")
                .post("/api/sessions").then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");
        String internal = access.resolve(id).sessionId();
        String fileDocument = hazelcast.<String, dev.tandem.session.SessionFiles>getMap(dev.tandem.session.FileTable.FILES_MAP)
                .get(internal).keyOf("u.py");
        assertThat(hazelcast.getMap(dev.tandem.collab.authority.DocumentAuthority.MAP_NAME).containsKey(fileDocument)).isTrue();
        given().header("X-Tandem-Owner", created.getString("ownerToken")).delete("/api/sessions/" + id).then().statusCode(204);
        assertThat(hazelcast.getMap(dev.tandem.collab.authority.DocumentAuthority.MAP_NAME).containsKey(fileDocument)).isFalse();
        assertThat(hazelcast.getMap(dev.tandem.session.FileTable.FILES_MAP).containsKey(internal)).isFalse();
        given().get("/api/sessions/" + id).then().statusCode(404);
        given().get("/api/sessions/" + id + "/text?file=u.py&version=0").then().statusCode(404);
    }
}
