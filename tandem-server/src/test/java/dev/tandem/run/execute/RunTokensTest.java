package dev.tandem.run.execute;

import dev.tandem.run.Limits;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The run token: random, kept only as a hash, checked against it. */
class RunTokensTest {

    @Test
    void aTokenHas256RandomBitsAndOnlyItsHashIsKept() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            RunTokens.Issued t = RunTokens.issue();
            assertThat(Base64.getUrlDecoder().decode(t.token())).hasSize(32);
            assertThat(t.hash()).doesNotContain(t.token()).hasSize(64);
            assertThat(seen.add(t.token())).isTrue();
        }
    }

    @Test
    void onlyTheRunsOwnTokenMatches() {
        RunTokens.Issued mine = RunTokens.issue();
        RunRecord record = RunStore.newExecuteRecord("r1", "python", dev.tandem.run.RunRequest.mainOnly(dev.tandem.run.Languages.PYTHON, "print(1)"), "", Limits.DEFAULT, mine.hash(), null);
        assertThat(RunTokens.matches(record, mine.token())).isTrue();
        assertThat(RunTokens.matches(record, RunTokens.issue().token())).isFalse();
        assertThat(RunTokens.matches(record, mine.hash())).as("the stored hash is not a token").isFalse();
        assertThat(RunTokens.matches(record, "")).isFalse();
        assertThat(RunTokens.matches(record, null)).isFalse();
        RunRecord sessionRun = RunStore.newRecord("r2", "s1", "python", 0, "print(1)", "", "ada");
        assertThat(RunTokens.matches(sessionRun, mine.token())).as("a session run has no token").isFalse();
    }
}
