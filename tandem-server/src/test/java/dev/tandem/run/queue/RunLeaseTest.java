package dev.tandem.run.queue;

import dev.tandem.run.NoContainerLeftBehind;
import dev.tandem.run.RunEventsCollector;
import dev.tandem.run.RunStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker that dies mid-run (simulated: a record held by a node that never renews its lease) is noticed by
 * the reaper: the run is queued again once, then finished as internal_error.
 */
@QuarkusTest
@ExtendWith(NoContainerLeftBehind.class)
class RunLeaseTest {

    @Inject
    RunStore store;

    private RunRecord heldByADeadNode(String sessionId, int attempts) {
        return heldBy(sessionId, attempts, System.currentTimeMillis() - 1);
    }

    private RunRecord heldBy(String sessionId, int attempts, long leaseUntil) {
        String runId = RunStore.newRunId();
        RunRecord r = RunStore.newRecord(runId, sessionId, "python", 0, "print('rerun')\n", "", "test");
        r.status = RunStatus.RUNNING;
        r.attempts = attempts;
        r.leaseOwner = "a-node-that-died";
        r.leaseUntil = leaseUntil;
        store.create(r);
        return r;
    }

    @Test
    void anExpiredLeaseIsQueuedAgainAndRunsToTheEnd() {
        String sessionId = RunEventsCollector.session("python", "");
        RunRecord dead = heldByADeadNode(sessionId, 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.find(dead.runId()).finished());
        RunRecord done = store.find(dead.runId());
        assertThat(done.outcome().json()).isEqualTo("ok");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.stdout()).isEqualTo("rerun\n");
    }

    @Test
    void anExpiredLeaseAfterTheLastRequeueFinishesAsInternalError() {
        String sessionId = RunEventsCollector.session("python", "");
        RunRecord dead = heldByADeadNode(sessionId, 2);
        given().get("/api/runs/" + dead.runId() + "?waitMs=30000").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("finished"))
                .body("outcome", org.hamcrest.Matchers.equalTo("internal_error"))
                .body("message", org.hamcrest.Matchers.containsString("the node running it stopped"));
    }

    @Test
    void aLiveLeaseIsLeftAloneAndCannotBeClaimedTwice() {
        String sessionId = RunEventsCollector.session("python", "");
        RunRecord alive = heldBy(sessionId, 1, System.currentTimeMillis() + 60_000);
        assertThat(store.claim(alive.runId(), System.currentTimeMillis() + 60_000)).isNull();
        assertThat(store.renew(alive.runId(), System.currentTimeMillis() + 60_000)).isFalse(); // not this node's
        assertThat(store.reap(System.currentTimeMillis(), 1, 600_000)).doesNotContainKey(alive.runId());
        assertThat(store.find(alive.runId()).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.finishAny(alive.runId(), dev.tandem.run.RunResult.internalError("test over"))).isNotNull();
    }
}
