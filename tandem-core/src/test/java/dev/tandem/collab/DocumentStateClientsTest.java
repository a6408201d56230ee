package dev.tandem.collab;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The authority's memory of clients' seqs is bounded by the history window, and no resend is applied twice. */
class DocumentStateClientsTest {
    private static final int HISTORY = 10;

    private static Update typed(String client, int seq, int docLength) {
        return new Update(client, seq, ChangeSet.of(docLength, docLength, docLength, "x"));
    }

    @Test
    void thousandsOfClientsWhoTypedOnceAreNotAllRemembered() {
        DocumentState document = new DocumentState("", HISTORY, 1 << 20);
        for (int i = 0; i < 5_000; i++) {
            assertThat(document.push(i, List.of(typed("c" + i, 1, i)), 1 << 20)).isInstanceOf(PushResult.Accepted.class);
        }
        assertThat(document.version()).isEqualTo(5_000);
        assertThat(document.lastSeqByClient().size()).as("clients remembered").isLessThanOrEqualTo(65);
        // Everyone in the retained history is still remembered.
        for (int i = 5_000 - HISTORY; i < 5_000; i++) assertThat(document.lastSeq("c" + i)).isEqualTo(1);
    }

    @Test
    void aResendWithinTheHistoryIsSkippedAndOneFromBeforeItCannotBeApplied() {
        DocumentState document = new DocumentState("", HISTORY, 1 << 20);
        document.push(0, List.of(typed("early", 1, 0)), 1 << 20);           // version 1
        for (int i = 1; i < 200; i++) document.push(i, List.of(typed("c" + i, 1, i)), 1 << 20);
        assertThat(document.lastSeqByClient()).doesNotContainKey("early");    // pruned
        int version = document.version();
        String text = document.text();

        // "early" lost its ack and comes back. It knows version 0 only: its resend there is a conflict...
        assertThat(document.push(0, List.of(typed("early", 1, 0)), 1 << 20)).isEqualTo(new PushResult.Conflict(version));
        // ...and the updates it would rebase over are gone, so it must reload (which drops its unconfirmed update).
        assertThat(document.updatesSince(0)).isInstanceOf(PullResult.Refused.class);
        assertThat(((PullResult.Refused) document.updatesSince(0)).reason()).isEqualTo(Rejection.VERSION_GONE);
        assertThat(document.text()).isEqualTo(text);
        assertThat(document.version()).isEqualTo(version);

        // A client whose update is still in the history resends it on top of the current version: skipped.
        String recent = "c" + 199;
        PushResult resend = document.push(version, List.of(typed(recent, 1, text.length())), 1 << 20);
        assertThat(resend).isEqualTo(new PushResult.Accepted(version, List.of(), version));
        assertThat(document.text()).isEqualTo(text);
    }
}
