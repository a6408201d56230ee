package dev.tandem.judge;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A judge worker that dies mid-submission (simulated: a record held by a node that never renews its lease) is
 * noticed by the reaper, which finds the submissions in flight through the records' index: the submission
 * finishes as internal_error, and a live lease is left alone.
 */
@QuarkusTest
class SubmissionLeaseTest {

    @Inject
    SubmissionStore store;

    private SubmissionRecord running(long leaseUntil) {
        SubmissionRecord r = new SubmissionRecord();
        r.submissionId = SubmissionStore.newId();
        r.sessionId = "lease-test-" + r.submissionId;
        r.problem = "two-sum";
        r.language = "python";
        r.mode = "submit";
        r.by = "test";
        r.status = "running";
        r.createdAt = System.currentTimeMillis();
        r.attempts = 1;
        r.leaseOwner = "a-node-that-died";
        r.leaseUntil = leaseUntil;
        store.create(r);
        return r;
    }

    @Test
    void anExpiredLeaseFinishesAsInternalError() {
        SubmissionRecord dead = running(System.currentTimeMillis() - 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> store.find(dead.submissionId).finished());
        SubmissionRecord done = store.find(dead.submissionId);
        assertThat(done.verdict).isEqualTo(Verdict.INTERNAL_ERROR);
        assertThat(done.message).contains("its lease expired");
        assertThat(done.events).last().asString().contains("submission.finished");
        assertThat(store.unfinishedLocalIds()).as("the index follows the record").doesNotContain(dead.submissionId);
    }

    @Test
    void aLiveLeaseIsLeftAlone() {
        SubmissionRecord alive = running(System.currentTimeMillis() + 120_000);
        SubmissionRecord dead = running(System.currentTimeMillis() - 1);
        assertThat(store.unfinishedLocalIds()).contains(alive.submissionId, dead.submissionId);
        // once the reaper has been round (it finished the dead one), the live one is still running
        await().atMost(Duration.ofSeconds(30)).until(() -> store.find(dead.submissionId).finished());
        assertThat(store.find(alive.submissionId).status).isEqualTo("running");
        assertThat(store.unfinishedLocalIds()).contains(alive.submissionId);
        store.update(alive.submissionId, r -> {
            r.status = "finished";
            r.verdict = Verdict.INTERNAL_ERROR;
            return r;
        });
        assertThat(store.unfinishedLocalIds()).doesNotContain(alive.submissionId);
    }
}
