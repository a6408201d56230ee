package dev.tandem.client;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollabStateTest {

    private static Update other(int seq, String doc, int from, int to, String insert) {
        return new Update("other", seq, ChangeSet.of(doc.length(), from, to, insert));
    }

    @Test
    void localChangesGetRisingSeqsAndApplyAtOnce() {
        CollabState state = new CollabState("me", "hello", 0);
        Update first = state.localChange(ChangeSet.of(5, 5, 5, "!"));
        Update second = state.localChange(ChangeSet.of(6, 0, 1, "H"));

        assertThat(state.text()).isEqualTo("Hello!");
        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(state.pushable().version()).isZero();
        assertThat(state.pushable().updates()).containsExactly(first, second);
    }

    @Test
    void anEmptyChangeMakesNoUpdate() {
        CollabState state = new CollabState("me", "abc", 0);
        assertThat(state.localChange(ChangeSet.empty(3))).isNull();
        assertThat(state.unconfirmedCount()).isZero();
        assertThat(state.nextSeq()).isEqualTo(1);
    }

    @Test
    void ownUpdatesComingBackAreConfirmedWithoutTouchingTheText() {
        CollabState state = new CollabState("me", "hello", 3);
        Update mine = state.localChange(ChangeSet.of(5, 0, 0, ">"));

        ReceiveResult result = state.receive(3, List.of(mine));

        assertThat(result).isEqualTo(new ReceiveResult.Applied(1, ChangeSet.empty(6), 1));
        assertThat(state.text()).isEqualTo(">hello");
        assertThat(state.version()).isEqualTo(4);
        assertThat(state.unconfirmedCount()).isZero();
    }

    @Test
    void othersUpdatesAreRebasedIntoTheTextAndTheUnconfirmedOnesOverThem() {
        CollabState state = new CollabState("me", "hello", 0);
        state.localChange(ChangeSet.of(5, 0, 0, "X"));              // Xhello
        Update theirs = other(1, "hello", 5, 5, " world");          // hello world on the server

        ReceiveResult.Applied applied = (ReceiveResult.Applied) state.receive(0, List.of(theirs));

        assertThat(state.text()).isEqualTo("Xhello world");
        assertThat(applied.docChanges().apply("Xhello")).isEqualTo("Xhello world");
        Update rebased = state.unconfirmed().get(0);
        assertThat(rebased.seq()).isEqualTo(1);
        assertThat(rebased.changes().apply("hello world")).isEqualTo("Xhello world");
        assertThat(state.pushable().version()).isEqualTo(1);
    }

    @Test
    void insertsAtTheSamePlaceConvergeWithTheServersOrder() {
        CollabState state = new CollabState("me", "", 0);
        Update mine = state.localChange(ChangeSet.of(0, 0, 0, "a"));
        state.receive(0, List.of(other(1, "", 0, 0, "b")));

        String server = state.unconfirmed().get(0).changes().apply("b");
        assertThat(state.text()).isEqualTo(server).isEqualTo("ba");
        assertThat(mine.seq()).isEqualTo(1);
    }

    @Test
    void overlappingAndRepeatedBatchesApplyOnlyWhatIsNew() {
        CollabState state = new CollabState("me", "", 0);
        Update a = other(1, "", 0, 0, "a");
        Update b = other(2, "a", 1, 1, "b");
        Update c = other(3, "ab", 2, 2, "c");

        state.receive(0, List.of(a, b));
        ReceiveResult.Applied overlap = (ReceiveResult.Applied) state.receive(1, List.of(b, c));
        ReceiveResult.Applied repeat = (ReceiveResult.Applied) state.receive(0, List.of(a, b, c));

        assertThat(state.text()).isEqualTo("abc");
        assertThat(state.version()).isEqualTo(3);
        assertThat(overlap.received()).isEqualTo(1);
        assertThat(repeat.received()).isZero();
        assertThat(repeat.docChanges().isEmpty()).isTrue();
    }

    @Test
    void aBatchStartingAfterTheSyncedVersionIsAGap() {
        CollabState state = new CollabState("me", "x", 2);
        ReceiveResult result = state.receive(3, List.of(other(4, "x", 0, 0, "y")));

        assertThat(result).isEqualTo(new ReceiveResult.Gap(2, 4));
        assertThat(state.text()).isEqualTo("x");
        assertThat(state.version()).isEqualTo(2);
    }

    @Test
    void ownAndOthersInOneBatchAreTakenInHistoryOrder() {
        CollabState state = new CollabState("me", "12", 0);
        Update mine1 = state.localChange(ChangeSet.of(2, 0, 0, "a"));   // a12
        Update mine2 = state.localChange(ChangeSet.of(3, 3, 3, "z"));   // a12z
        Update theirs = other(1, "a12", 1, 2, "");                      // server: a2

        // History: mine1, theirs (made on a12), then mine2 rebased by us over theirs.
        Update mine2Rebased = new Update("me", 2, mine2.changes().map(theirs.changes()));
        ReceiveResult.Applied applied = (ReceiveResult.Applied) state.receive(0, List.of(mine1, theirs, mine2Rebased));

        assertThat(applied.confirmed()).isEqualTo(2);
        assertThat(state.unconfirmedCount()).isZero();
        assertThat(state.text()).isEqualTo("a2z");
        assertThat(state.version()).isEqualTo(3);
    }

    @Test
    void anOwnUpdateOutOfOrderBreaksTheInvariantLoudly() {
        CollabState state = new CollabState("me", "", 0);
        state.localChange(ChangeSet.of(0, 0, 0, "a"));
        Update second = state.localChange(ChangeSet.of(1, 1, 1, "b"));

        assertThatThrownBy(() -> state.receive(0, List.of(second)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("me#2 arrived before #1");
    }

    @Test
    void afterAReloadAnOwnUpdateItNoLongerHoldsIsAppliedLikeAnyOther() {
        CollabState state = new CollabState("me", "abc", 0);
        Update lost = state.localChange(ChangeSet.of(3, 3, 3, "!"));
        List<Update> dropped = state.reload("abc", 0);

        state.receive(0, List.of(lost));

        assertThat(dropped).containsExactly(lost);
        assertThat(state.text()).isEqualTo("abc!");
        assertThat(state.nextSeq()).isEqualTo(2); // seqs keep rising: the server remembers #1
    }

    @Test
    void emojiAreCountedInUtf16Units() {
        CollabState state = new CollabState("me", "😀", 0);
        state.localChange(ChangeSet.of(2, 2, 2, "x"));
        state.receive(0, List.of(other(1, "😀", 0, 0, "🎉")));
        assertThat(state.text()).isEqualTo("🎉😀x");
    }
}
