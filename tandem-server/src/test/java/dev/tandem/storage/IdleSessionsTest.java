package dev.tandem.storage;

import com.hazelcast.core.HazelcastInstance;
import dev.tandem.ConfigProfile;
import dev.tandem.api.Sessions;
import dev.tandem.client.TandemClient;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.session.SessionStore;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryUpdatedListener;
import dev.tandem.run.RunOutcome;
import dev.tandem.run.RunStatus;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions nobody uses leave the node's memory (max idle: 1 s here) and come back from storage, unnoticed by
 * REST and socket clients: same text, same version, and editing goes on from there.
 */
@QuarkusTest
@TestProfile(IdleSessionsTest.ShortIdle.class)
class IdleSessionsTest {

    public static class ShortIdle extends ConfigProfile {
        public ShortIdle() {
            // A run left queued is finished after 15 s, long after its record would have been idle for 1 s.
            super(Map.of("tandem.storage.max-idle-seconds", "1", "tandem.run.max-queued-ms", "15000",
                    "tandem.run.reap-interval-ms", "500"));
        }
    }

    @Inject
    HazelcastInstance hazelcast;

    @Inject
    RunStore runs;

    /**
     * The reaper finds runs in flight through an in-memory index. Before the job maps' max idle was raised above
     * {@code max-queued-ms}, a run whose queue entry was lost left memory after a second and stayed "queued" for good.
     * Watched through an entry listener: reading the record would touch it and keep it in memory.
     */
    @Test
    void aRunLeftQueuedIsFinishedByTheReaperThoughItWasIdleLongerThanTheMaxIdle() throws Exception {
        String sessionId = Sessions.create("print(1)\n");
        String runId = RunStore.newRunId();
        IMap<String, RunRecord> map = hazelcast.getMap(RunStore.RUNS_MAP);
        CompletableFuture<RunRecord> finished = new CompletableFuture<>();
        UUID listener = map.addEntryListener((EntryUpdatedListener<String, RunRecord>) e -> {
            if (e.getValue().status() == RunStatus.FINISHED) finished.complete(e.getValue());
        }, runId, true);
        try {
            // Made but never put on the queue: as if a stopping node had taken it and could not give it back.
            runs.create(RunStore.newRecord(runId, sessionId, "python", 0, "print(1)\n", "", "ada"));

            RunRecord done = finished.get(90, TimeUnit.SECONDS);

            assertThat(done.outcome()).isEqualTo(RunOutcome.INTERNAL_ERROR);
            assertThat(done.message()).contains("queue");
        } finally {
            map.removeEntryListener(listener);
        }
    }

    @Test
    void theStorageEndpointSaysWhichKindOfStoreButNoPathOrHost() {
        String body = io.restassured.RestAssured.given().get("/api/storage").then().statusCode(200).extract().asString();
        assertThat(body).contains("\"enabled\":true").contains("\"store\":\"h2\"").contains("\"durability\":\"memory\"")
                .doesNotContain("/work/").doesNotContain("target").doesNotContain("jdbc");
    }

    @Test
    void anIdleSessionLeavesMemoryAndComesBackForRestAndSockets() throws Exception {
        String id = Sessions.create("print('hi')\n");
        TandemClient first = TandemClient.builder(id).servers(List.of(URI.create("http://127.0.0.1:" + RestAssured.port)))
                .name("ada").connect();
        try {
            assertThat(first.awaitConnected(Duration.ofSeconds(10))).isTrue();
            first.edit(0, 0, "# one\n");
            first.edit(0, 0, "# two\n");
            assertThat(first.awaitSynced(Duration.ofSeconds(10))).isTrue();
        } finally {
            first.close();
        }

        await().atMost(Duration.ofSeconds(60)).until(() ->
                hazelcast.getMap(DocumentAuthority.MAP_NAME).getLocalMapStats().getOwnedEntryCount() == 0
                        && hazelcast.getMap(SessionStore.SESSIONS_MAP).getLocalMapStats().getOwnedEntryCount() == 0);

        assertThat(Sessions.content(id)).isEqualTo("# two\n# one\nprint('hi')\n");
        assertThat(Sessions.version(id)).isEqualTo(2);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                hazelcast.getMap(DocumentAuthority.MAP_NAME).getLocalMapStats().getOwnedEntryCount() == 0);
        TandemClient second = TandemClient.builder(id).servers(List.of(URI.create("http://127.0.0.1:" + RestAssured.port)))
                .name("bob").connect();
        try {
            assertThat(second.awaitConnected(Duration.ofSeconds(10))).isTrue();
            assertThat(second.text()).isEqualTo("# two\n# one\nprint('hi')\n");
            assertThat(second.version()).isEqualTo(2);
            second.edit(0, 0, "# three\n");
            assertThat(second.awaitSynced(Duration.ofSeconds(10))).isTrue();
        } finally {
            second.close();
        }
        assertThat(Sessions.version(id)).isEqualTo(3);
        assertThat(Sessions.content(id)).startsWith("# three\n# two\n");
    }
}
