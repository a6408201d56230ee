package dev.tandem.collab;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document limit in the bytes a client receives (docs/security.md 7d): a text of characters that JSON escapes
 * or UTF-8 widens is limited by what its {@code welcome} weighs, not by its UTF-16 length, and a long history is
 * read in pages.
 */
class DocumentJsonBytesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static long jacksonBytes(String text) throws Exception {
        // what the server sends: Jackson's string, UTF-8, less the two quotes
        return MAPPER.writeValueAsString(text).getBytes(StandardCharsets.UTF_8).length - 2;
    }

    private static Update insert(int seq, int docLength, int at, String text) {
        return new Update("ada", seq, ChangeSet.of(docLength, at, at, text));
    }

    private static Update delete(int seq, int docLength, int from, int to) {
        return new Update("ada", seq, ChangeSet.of(docLength, from, to, ""));
    }

    @Test
    void countsWhatJacksonWritesAsUtf8() throws Exception {
        for (String text : List.of("", "plain ascii", "quote \" and \\ backslash", "tab\tnewline\nreturn\r",
                "\u0001\u001f control", "é ü", "€ 中文", "😀 pair", "\u007f del")) {
            assertThat(JsonBytes.of(text)).as(text).isEqualTo(jacksonBytes(text));
        }
        assertThat(JsonBytes.of("\uD800")).as("a lone surrogate travels as \\ud800").isEqualTo(6);
    }

    @Test
    void aPushOfControlCharactersIsLimitedByItsJsonNotItsLength() {
        DocumentState doc = new DocumentState("", 100, 1 << 20);
        String control = "\u0001".repeat(100); // 100 characters, 600 bytes as JSON
        PushResult first = doc.push(0, List.of(insert(1, 0, 0, control)), 10_000, 1_000);
        assertThat(first).isInstanceOf(PushResult.Accepted.class);
        assertThat(doc.jsonBytes()).isEqualTo(600);
        PushResult second = doc.push(1, List.of(insert(2, 100, 100, control)), 10_000, 1_000);
        assertThat(second).isInstanceOf(PushResult.Rejected.class);
        assertThat(((PushResult.Rejected) second).reason()).isEqualTo(Rejection.TOO_LARGE);
        assertThat(doc.version()).as("nothing changed").isEqualTo(1);
        assertThat(doc.text()).isEqualTo(control);
        // within the limit in characters all along: the same push of letters is accepted
        assertThat(doc.push(1, List.of(insert(2, 100, 100, "a".repeat(100))), 10_000, 1_000)).isInstanceOf(PushResult.Accepted.class);
        assertThat(doc.jsonBytes()).isEqualTo(700);
    }

    /**
     * The limit on all files is judged by what a node last saw of the others, so a document can be over the budget a
     * push gets; cutting it back is never refused, growing it is, and an accepted push reports the bytes it left.
     */
    @Test
    void aDocumentOverItsBudgetCanShrinkButNotGrow() {
        DocumentState doc = new DocumentState("\u0001".repeat(100), 100, 1 << 20); // 600 bytes as JSON
        PushResult cut = doc.push(0, List.of(delete(1, 100, 0, 50)), 10, 100); // still over both budgets after it
        assertThat(cut).isInstanceOf(PushResult.Accepted.class);
        assertThat(((PushResult.Accepted) cut).jsonBytes()).isEqualTo(300);
        PushResult grow = doc.push(1, List.of(insert(2, 50, 0, "a")), 10_000, 100);
        assertThat(grow).isInstanceOf(PushResult.Rejected.class);
        assertThat(((PushResult.Rejected) grow).reason()).isEqualTo(Rejection.TOO_LARGE);
        assertThat(doc.push(1, List.of(insert(2, 50, 0, "a")), 10, 10_000)).as("past the characters' budget")
                .isInstanceOf(PushResult.Rejected.class);
        assertThat(doc.text()).isEqualTo("\u0001".repeat(50));
    }

    @Test
    void severalUpdatesInOnePushAreCountedOnTheTextTheyLeave() throws Exception {
        DocumentState doc = new DocumentState("abc€", 100, 1 << 20);
        // insert control characters, then delete some of them and one of the original letters, in one push
        List<Update> updates = List.of(insert(1, 4, 1, "\u0002\u0002\u0002"), delete(2, 7, 2, 5), insert(3, 4, 4, "中"));
        assertThat(doc.push(0, updates, 1_000, 1_000)).isInstanceOf(PushResult.Accepted.class);
        assertThat(doc.jsonBytes()).isEqualTo(jacksonBytes(doc.text()));
        // and a fresh count of the same text agrees (the state rebuilt by migration counts once)
        assertThat(new DocumentState(doc.text(), 100, 1 << 20).jsonBytes()).isEqualTo(doc.jsonBytes());
    }

    /**
     * Attack: edits that cut surrogate pairs (a pair counts four bytes, each half alone six) or pile up at chunk
     * boundaries must not let the kept count drift below what the text really takes.
     */
    @Test
    void theKeptCountStaysExactUnderRandomEditsThatCutPairs() {
        java.util.Random random = new java.util.Random(14_07);
        String alphabet = "a\"\u0001€\n\uD83D\uDE00\uD83D\uDE00";
        StringBuilder start = new StringBuilder();
        for (int i = 0; i < 6_000; i++) start.append(alphabet.charAt(random.nextInt(alphabet.length())));
        DocumentState doc = new DocumentState(start.toString(), 100, 1 << 20);
        int seq = 0;
        for (int round = 0; round < 1_500; round++) {
            int updates = 1 + random.nextInt(3);
            java.util.List<Update> push = new java.util.ArrayList<>();
            int length = doc.length();
            for (int u = 0; u < updates; u++) {
                int from = random.nextInt(length + 1);
                int to = Math.min(length, from + random.nextInt(4));
                StringBuilder insert = new StringBuilder();
                for (int k = random.nextInt(4); k > 0; k--) insert.append(alphabet.charAt(random.nextInt(alphabet.length())));
                push.add(new Update("ada", ++seq, ChangeSet.of(length, from, to, insert.toString())));
                length = length - (to - from) + insert.length();
            }
            assertThat(doc.push(doc.version(), push, 1 << 20, 1L << 40)).isInstanceOf(PushResult.Accepted.class);
            assertThat(doc.jsonBytes()).as("round %d", round).isEqualTo(JsonBytes.of(doc.text()));
        }
        assertThat(Rope.of(doc.text()).jsonBytes(0, doc.length())).as("across chunks").isEqualTo(JsonBytes.of(doc.text()));
    }

    @Test
    void aLongHistoryIsReadInPagesThatEndWhereTheNextBegins() {
        DocumentState doc = new DocumentState("", 100, 1 << 20);
        String big = "x".repeat(1_000);
        for (int v = 0; v < 10; v++) doc.push(v, List.of(insert(v + 1, v * 1_000, v * 1_000, big)), 1 << 20);
        PullResult.Updates first = (PullResult.Updates) doc.updatesSince(0, 3_000);
        assertThat(first.more()).isTrue();
        assertThat(first.updates()).hasSizeBetween(2, 3);
        int at = first.updates().size();
        int pages = 1;
        while (true) {
            PullResult.Updates page = (PullResult.Updates) doc.updatesSince(at, 3_000);
            assertThat(page.fromVersion()).isEqualTo(at);
            at += page.updates().size();
            pages++;
            if (!page.more()) break;
            assertThat(pages).as("bounded").isLessThan(10);
        }
        assertThat(at).isEqualTo(10);
        // one update larger than a page still goes, alone
        PullResult.Updates tiny = (PullResult.Updates) doc.updatesSince(0, 10);
        assertThat(tiny.updates()).hasSize(1);
        assertThat(((PullResult.Updates) doc.updatesSince(0, Long.MAX_VALUE)).more()).isFalse();
    }
}
