package dev.tandem.collab.authority;

import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Update;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backup side of every answer that shows clients a version (issue 12, split brain): such an answer needs a
 * backup that holds the version, and a backup that missed an update refuses it instead of skipping it, so that
 * Hazelcast neither acknowledges the answer nor believes the replica is in step. The attack it stands for
 * (SplitBrainIT): a primary cut off from its backup applied a client's push, could not confirm it, and then
 * showed it to that client through a pull; the client took its own edit for acknowledged, and when the split
 * healed without it, that client's document had forked from everyone else's.
 */
class BackupConfirmationTest {

    @Test
    void aPullAndASnapshotAskTheBackupForTheVersionTheyShow() {
        Map.Entry<String, DocumentState> primary = entry(document("ab", "x", 3));
        PullProcessor pull = new PullProcessor(0, Long.MAX_VALUE);
        assertThat(pull.process(primary)).isInstanceOf(PullResult.Updates.class);
        assertThat(checkedVersion(pull.getBackupProcessor())).isEqualTo(3);

        SnapshotProcessor snapshot = new SnapshotProcessor();
        assertThat(snapshot.process(primary).version()).isEqualTo(3);
        assertThat(checkedVersion(snapshot.getBackupProcessor())).isEqualTo(3);

        // A document that never changed is on every replica from its creation: nothing to ask.
        SnapshotProcessor fresh = new SnapshotProcessor();
        fresh.process(entry(new DocumentState("", 10, 1 << 20)));
        assertThat(fresh.getBackupProcessor()).isNull();
    }

    @Test
    void aResendAcknowledgedAsAlreadyAcceptedAsksTheBackupToo() {
        DocumentState doc = document("", "x", 2);
        List<Update> resend = List.of(new Update("x", 2, ChangeSet.of(1, 1, 1, "b")));
        PushProcessor push = new PushProcessor(List.of(new PushRequest(2, resend, Integer.MAX_VALUE)), Integer.MAX_VALUE, Long.MAX_VALUE);
        PushResults results = push.process(entry(doc));
        assertThat(results.results().get(0)).isInstanceOfSatisfying(PushResult.Accepted.class, a -> assertThat(a.appended()).isEmpty());
        assertThat(checkedVersion(push.getBackupProcessor())).isEqualTo(2);
    }

    @Test
    void aBackupBehindTheVersionShownRefusesAndOneThatHoldsItAgrees() {
        assertThatThrownBy(() -> new BackupHoldsProcessor<>(5).process(entry(document("", "x", 3))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds version 3");
        new BackupHoldsProcessor<>(3).process(entry(document("", "x", 3))); // no exception: the answer may go
        // A replica Hazelcast is still filling (a new backup after a member change) holds nothing yet: its sync
        // brings the whole entry, so it does not hold the answer up.
        new BackupHoldsProcessor<>(1).process(entry(null));
    }

    @Test
    void aBackupThatMissedAnUpdateRefusesTheNextInsteadOfSkippingIt() {
        DocumentState backup = document("", "x", 2);
        String before = backup.text();
        List<Update> next = List.of(new Update("y", 1, ChangeSet.of(5, 0, 0, "!")));
        assertThatThrownBy(() -> new ApplyAcceptedProcessor(4, next).process(entry(backup)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expected 4");
        assertThat(backup.version()).isEqualTo(2);
        assertThat(backup.text()).isEqualTo(before);
        assertThat(new ApplyAcceptedProcessor(0, next).process(entry(null))).isNull(); // being filled: its sync brings it
    }

    /** A document at {@code version}, reached by one-character pushes of {@code client}. */
    private static DocumentState document(String content, String client, int version) {
        DocumentState doc = new DocumentState(content, 100, 1 << 20);
        for (int seq = 1; seq <= version; seq++) {
            int length = doc.text().length();
            PushResult r = doc.push(doc.version(), List.of(new Update(client, seq, ChangeSet.of(length, length, length, "c"))), Integer.MAX_VALUE);
            assertThat(r).isInstanceOf(PushResult.Accepted.class);
        }
        return doc;
    }

    private static int checkedVersion(EntryProcessor<String, DocumentState, ?> backup) {
        assertThat(backup).isInstanceOf(BackupHoldsProcessor.class);
        return ((BackupHoldsProcessor<?>) backup).version;
    }

    private static Map.Entry<String, DocumentState> entry(DocumentState doc) {
        return new AbstractMap.SimpleEntry<>("doc", doc);
    }
}
