package dev.tandem.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemListener;
import dev.tandem.collab.ChangeSet;
import dev.tandem.storage.DocumentLoader;
import dev.tandem.storage.DocumentLog;
import dev.tandem.storage.Storage;
import dev.tandem.storage.StorageConfig;
import dev.tandem.storage.Storages;
import dev.tandem.storage.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real node JVM with real storage (the embedded H2 file, or the tests' PostgreSQL server), 20 writers typing
 * into 20 sessions, and the node killed (SIGKILL) or stopped (SIGTERM) mid-typing and started again:
 * every session is there, every text is a prefix of what its writer typed, and nothing acknowledged is lost
 * (with {@code memory} durability, nothing acknowledged more than {@code flush-ms} before a SIGKILL).
 */
class DurableRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int WRITERS = 20;
    private static final int FLUSH_MS = 1000;
    /** Each writer types a token every this many ms (20 writers: 400 edits/s). */
    private static final int TYPING_INTERVAL_MS = 50;

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"h2, memory", "h2, disk", "postgresql, memory", "postgresql, disk"})
    void restartsLoseNothingAcknowledged(String store, String durability) throws Exception {
        List<String> options = new ArrayList<>(List.of("-Dtandem.storage.durability=" + durability,
                "-Dtandem.storage.flush-ms=" + FLUSH_MS));
        if (store.equals("postgresql")) {
            options.add("-Dtandem.storage.url=" + TestPostgres.freshDatabase());
        } else {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "durable-it")), "h2");
            options.add("-Dtandem.data-dir=" + dir.toAbsolutePath());
        }
        try (TandemNodes nodes = new TandemNodes(1, options)) {
            nodes.startAll();
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) sessions.add(NodeSessions.createSession(nodes.uri(0)));

            // SIGKILL mid-typing.
            List<Writer> writers = typeThen(nodes, sessions, "a", () -> nodes.kill(0));
            nodes.start(0);
            nodes.awaitReady(0);
            long allowedLossMs = durability.equals("memory") ? FLUSH_MS : 0;
            checkSurvivors(nodes.uri(0), writers, allowedLossMs);

            // SIGTERM mid-typing: a graceful stop stores everything, whatever the durability.
            writers = typeThen(nodes, sessions, "b", () -> nodes.stop(0));
            nodes.start(0);
            nodes.awaitReady(0);
            checkSurvivors(nodes.uri(0), writers, 0);
        }
    }

    /**
     * A 3-node cluster on PostgreSQL, every node killed at once (SIGKILL, one right after the other, well within
     * the failure detection time, so no backup is promoted in between) and the cluster started again: the same
     * guarantees as for one node, every document now coming back from storage.
     */
    /**
     * A session exists once its creation is answered, also on a node whose embedded store was created moments
     * before. Seen before the fix: an H2 file whose schema this process had just created lost every later
     * commit on SIGKILL, and on SIGTERM, whose shutdown never closed the file; the session answered 404 after
     * the restart.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"kill", "stop"})
    void aSessionMadeOnAFreshEmbeddedStoreSurvivesARestartAtOnce(String how) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "durable-it")), "fresh");
        try (TandemNodes nodes = new TandemNodes(1, List.of("-Dtandem.data-dir=" + dir.toAbsolutePath()))) {
            nodes.startAll();
            String id = NodeSessions.createSession(nodes.uri(0));
            if (how.equals("kill")) nodes.kill(0);
            else nodes.stop(0);
            nodes.start(0);
            nodes.awaitReady(0);
            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(nodes.uri(0).resolve("/api/sessions/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).as("the session after %s: %s", how, read.body()).isEqualTo(200);
        }
    }

    /**
     * A verdict once shown is stored: a submission judged to the end, and the node SIGKILLed as soon as it has
     * answered the record as finished, comes back finished with the same verdict and tests, and in the session's
     * history. (While the job records were written behind, a second after their first change, this submission was
     * gone after the restart: 404.)
     */
    @Test
    void aVerdictShownIsKeptThroughAKillRightAfterIt() throws Exception {
        try (TandemNodes nodes = oneNodeOnAFreshStore("verdict")) {
            URI node = nodes.uri(0);
            String sessionId = created(post(node, "/api/sessions", "{\"language\":\"python\",\"problem\":\"two-sum\"}"), 201, "id");
            String id = created(post(node, "/api/sessions/" + sessionId + "/submissions", "{\"mode\":\"submit\"}"), 202, "submissionId");
            JsonNode shown = awaitFinished(node, "/api/submissions/" + id);
            nodes.kill(0);

            JsonNode back = afterRestart(nodes, "/api/submissions/" + id);
            assertThat(back.path("status").asText()).isEqualTo("finished");
            assertThat(back.path("verdict")).as("the verdict shown before the kill").isEqualTo(shown.path("verdict"));
            assertThat(back.path("tests")).isEqualTo(shown.path("tests"));
            assertThat(get(node, "/api/sessions/" + sessionId + "/submissions").body()).as("the session's history").contains(id);
        }
    }

    /**
     * The same for a run: shown finished with its output, the node SIGKILLed at once, and after the restart the
     * record is the one shown. (Written behind, it came back as stored a moment before its end, "running", and the
     * reaper would have queued it to run again.)
     */
    @Test
    void aRunShownFinishedIsKeptThroughAKillRightAfterIt() throws Exception {
        try (TandemNodes nodes = oneNodeOnAFreshStore("run")) {
            URI node = nodes.uri(0);
            String sessionId = created(post(node, "/api/sessions", "{\"language\":\"python\",\"content\":\"print('kept')\"}"), 201, "id");
            String id = created(post(node, "/api/sessions/" + sessionId + "/runs", "{}"), 202, "runId");
            JsonNode shown = awaitFinished(node, "/api/runs/" + id);
            assertThat(shown.path("stdout").asText()).isEqualTo("kept\n");
            nodes.kill(0);

            assertThat(afterRestart(nodes, "/api/runs/" + id)).as("the run as shown before the kill").isEqualTo(shown);
        }
    }

    private static TandemNodes oneNodeOnAFreshStore(String name) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "durable-it")), name);
        TandemNodes nodes = new TandemNodes(1, List.of("-Dtandem.data-dir=" + dir.toAbsolutePath()));
        try {
            nodes.startAll();
            return nodes;
        } catch (Exception | AssertionError e) {
            nodes.close();
            throw e;
        }
    }

    private static String created(HttpResponse<String> response, int status, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body()).path(field).asText();
    }

    /** The job's record once finished; each read is held until the job ends or its waitMs passes. */
    private static JsonNode awaitFinished(URI node, String path) throws Exception {
        JsonNode record = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            record = JSON.readTree(get(node, path + "?waitMs=10000").body());
            if (record.path("status").asText().equals("finished")) return record;
        }
        throw new AssertionError("not finished within 2 minutes: " + record);
    }

    /** Starts the killed node again and reads {@code path} on it. */
    private static JsonNode afterRestart(TandemNodes nodes, String path) throws Exception {
        nodes.start(0);
        nodes.awaitReady(0);
        HttpResponse<String> after = get(nodes.uri(0), path);
        assertThat(after.statusCode()).as("%s after the restart: %s", path, after.body()).isEqualTo(200);
        return JSON.readTree(after.body());
    }

    private static HttpResponse<String> post(URI node, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.resolve(path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "3 nodes, postgresql, {0}")
    @CsvSource({"memory", "disk"})
    void aWholeClusterKilledAtOnceLosesNothingAcknowledged(String durability) throws Exception {
        List<String> options = List.of("-Dtandem.storage.durability=" + durability, "-Dtandem.storage.flush-ms=" + FLUSH_MS,
                "-Dtandem.storage.url=" + TestPostgres.freshDatabase());
        try (TandemNodes nodes = new TandemNodes(3, options)) {
            nodes.startAll();
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) sessions.add(NodeSessions.createSession(nodes.uri(i % 3)));
            List<Writer> writers = typeThen(nodes, sessions, "c", () -> {
                for (int node = 0; node < 3; node++) nodes.kill(node);
            });
            nodes.startAll();
            checkSurvivors(nodes.uri(1), writers, durability.equals("memory") ? FLUSH_MS : 0);
        }
    }

    /**
     * A 3-node cluster on PostgreSQL loses two members at once (both SIGKILLed, well within the failure detection
     * time) while 20 writers spread over the nodes type, and the third goes on serving: every session is there and
     * reads back on it (the documents whose owner and backup were both on the killed members come back from
     * storage), every text a prefix of what was typed, nothing acknowledged lost but, with one backup in
     * {@code memory} mode, what was acknowledged within {@code flush-ms} before the kill. What the survivor shows
     * then reaches storage within seconds without another push (seen before the fix: a promoted backup stored its
     * document only with its next push, so the last updates of a document whose writer had gone stayed in memory
     * only). The two come back and show the same texts. With two backups nothing acknowledged is lost at all.
     */
    @ParameterizedTest(name = "3 nodes, postgresql, {0}, backup-count {1}")
    @CsvSource({"memory, 1", "disk, 1", "memory, 2"})
    void twoMembersKilledAtOnceLoseNothingAcknowledged(String durability, int backups) throws Exception {
        String url = TestPostgres.freshDatabase();
        List<String> options = List.of("-Dtandem.storage.durability=" + durability, "-Dtandem.storage.flush-ms=" + FLUSH_MS,
                "-Dtandem.storage.url=" + url, "-Dtandem.cluster.backup-count=" + backups);
        try (TandemNodes nodes = new TandemNodes(3, options)) {
            nodes.startAll();
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) sessions.add(NodeSessions.createSession(nodes.uri(i % 3)));
            List<Writer> writers = typeThen(nodes, sessions, "d", () -> {
                nodes.kill(0);
                nodes.kill(1);
            });
            URI survivor = nodes.uri(2);
            checkSurvivors(survivor, writers, durability.equals("memory") && backups == 1 ? FLUSH_MS : 0);
            Map<String, String> shown = texts(survivor, writers);

            // Read as storage holds it: the loader with a log of its own that holds nothing. A document is stored under
            // the session's internal id, which the API never shows, so each session is found by its writer's tokens.
            // A push still in flight when its writer closed may land later: storage may hold more than was shown.
            try (Storage storage = Storages.postgres(url, null, null, 2)) {
                DocumentLog nothingPending = new DocumentLog(storage, StorageConfig.Durability.MEMORY, FLUSH_MS, 1000);
                DocumentLoader loader = new DocumentLoader(nothingPending, 1000, Long.MAX_VALUE);
                try {
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        List<String> stored = new ArrayList<>();
                        for (String key : storedDocuments(url)) stored.add(loader.load(key).text());
                        for (Writer w : writers) {
                            assertThat(stored).as("%s in storage: what the survivor showed, %s", w.sessionId, shown.get(w.sessionId))
                                    .anyMatch(text -> text.startsWith(shown.get(w.sessionId)));
                        }
                    });
                } finally {
                    nothingPending.close();
                }
            }

            nodes.start(0);
            nodes.start(1);
            nodes.awaitReady(0);
            nodes.awaitReady(1);
            Map<String, String> now = texts(survivor, writers);
            for (Writer w : writers) assertThat(now.get(w.sessionId)).as("%s once the two are back", w.sessionId).startsWith(shown.get(w.sessionId));
            for (int node = 0; node < 2; node++) {
                assertThat(texts(nodes.uri(node), writers)).as("the texts on node %d, back", node).isEqualTo(now);
            }
        }
    }

    /** The keys of every document storage holds. */
    private static List<String> storedDocuments(String url) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT DISTINCT session_id FROM document_snapshots")) {
            while (rows.next()) keys.add(rows.getString(1));
        }
        return keys;
    }

    /** Each writer's session's text as {@code node} shows it. */
    private static Map<String, String> texts(URI node, List<Writer> writers) throws Exception {
        Map<String, String> texts = new HashMap<>();
        for (Writer w : writers) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.resolve("/api/sessions/" + w.sessionId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("session %s on %s", w.sessionId, node).isEqualTo(200);
            texts.put(w.sessionId, JSON.readTree(response.body()).path("content").asText());
        }
        return texts;
    }

    interface Stop {
        void run() throws Exception;
    }

    /** 20 writers type for two seconds, then {@code stop} hits the node while they go on; answers the writers. */
    private static List<Writer> typeThen(TandemNodes nodes, List<String> sessions, String round, Stop stop) throws Exception {
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) writers.add(new Writer(sessions.get(i), round + i, nodes.uri(i % nodes.size())));
        for (Writer w : writers) assertThat(w.client.awaitConnected(Duration.ofSeconds(20))).isTrue();
        for (Writer w : writers) w.startedFrom(w.client.text());
        long stopAt = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        boolean stopped = false;
        long end = stopAt + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < end) {
            for (Writer w : writers) w.typeToken();
            if (!stopped && System.nanoTime() >= stopAt) {
                for (Writer w : writers) w.stopping();
                stop.run();
                stopped = true;
            }
            Thread.sleep(TYPING_INTERVAL_MS); // the pace of typing, not synchronisation
        }
        // Closed before the node comes back, so nothing typed reaches it later: storage alone must have it.
        for (Writer w : writers) w.client.close();
        return writers;
    }

    /**
     * Every session present, its text a prefix of its writer's tokens, and every acknowledged token in it (all of
     * them when {@code allowedLossMs} is 0, else those acknowledged that long before the stop).
     */
    private static void checkSurvivors(URI node, List<Writer> writers, long allowedLossMs) throws Exception {
        for (Writer w : writers) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(node.resolve("/api/sessions/" + w.sessionId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("session %s after the restart", w.sessionId).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            String text = body.path("content").asText();
            assertThat(text).as("text of %s", w.sessionId).startsWith(w.base);
            String typed = text.substring(w.base.length());
            int kept = w.prefixLength(typed);
            assertThat(kept).as("%s: %s is a prefix of the tokens typed", w.sessionId, typed).isGreaterThanOrEqualTo(0);
            int mustHave = allowedLossMs == 0 ? w.ackTimes.size() : w.acknowledgedBefore(w.stoppingAtMillis - allowedLossMs);
            assertThat(kept).as("%s keeps its tokens acknowledged up to %d ms before the stop (%d acknowledged in all)",
                    w.sessionId, allowedLossMs, w.ackTimes.size()).isGreaterThanOrEqualTo(mustHave);
            assertThat(w.ackTimes).as("%s: some tokens were acknowledged", w.sessionId).isNotEmpty();
        }
    }

    /** One client typing numbered tokens at the end of its own session's text, noting when each was acknowledged. */
    private static final class Writer implements TandemListener {
        final String sessionId;
        final String name;
        final TandemClient client;
        final List<String> tokens = new CopyOnWriteArrayList<>();
        final List<Long> ackTimes = new CopyOnWriteArrayList<>();
        volatile String base = "";
        volatile long stoppingAtMillis;

        Writer(String sessionId, String name, URI server) {
            this.sessionId = sessionId;
            this.name = name;
            this.client = TandemClient.builder(sessionId).servers(List.of(server)).name(name).listener(this)
                    .backoff(Duration.ofMillis(50), Duration.ofSeconds(1)).connect();
        }

        void startedFrom(String text) {
            base = text;
        }

        void typeToken() {
            String token = "[" + name + "." + tokens.size() + "]";
            tokens.add(token);
            client.change(text -> ChangeSet.of(text.length(), text.length(), text.length(), token));
        }

        void stopping() {
            stoppingAtMillis = System.currentTimeMillis();
        }

        @Override
        public void onConfirmed(int count, int version) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) ackTimes.add(now);
        }

        /** How many acknowledgements arrived at or before {@code millis}. */
        int acknowledgedBefore(long millis) {
            int n = 0;
            for (long t : ackTimes) if (t <= millis) n++;
            return n;
        }

        /** k when {@code typed} is exactly this writer's first k tokens, else -1. */
        int prefixLength(String typed) {
            StringBuilder expected = new StringBuilder();
            for (int k = 0; k <= tokens.size(); k++) {
                if (expected.toString().equals(typed)) return k;
                if (k < tokens.size()) expected.append(tokens.get(k));
                if (expected.length() > typed.length()) return -1;
            }
            return -1;
        }
    }
}
