package dev.tandem.collab;

import static dev.tandem.collab.SectionNotation.format;
import static dev.tandem.collab.SectionNotation.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Example-based tests. Expected section lists for compose, map and mapPos are the ones CodeMirror's own
 * test suite (test/test-change.ts of @codemirror/state) expects, checked against @codemirror/state 6.7.6, so
 * agreement with CodeMirror is checked case by case, not only self-consistency.
 */
class ChangeSetTest {
    private static final String DOC10 = "0123456789";

    @Nested
    class Json {
        @Test
        void roundTripsEveryKindOfSection() {
            String json = "[2,[3],[0,\"x\"],[1,\"a\",\"b\"],4]";
            ChangeSet set = ChangeSet.fromJson(json);
            assertThat(set.toJson()).isEqualTo(json);
            assertThat(set.length()).isEqualTo(10);
            assertThat(set.newLength()).isEqualTo(2 + 1 + 3 + 4);
            assertThat(set.apply(DOC10)).isEqualTo("01x" + "a\nb" + "6789");
        }

        @Test
        void emptyDocumentWithoutChangesIsEmptyArray() {
            assertThat(ChangeSet.empty(0).toJson()).isEqualTo("[]");
            assertThat(ChangeSet.empty(5).toJson()).isEqualTo("[5]");
            assertThat(ChangeSet.fromJson("[]")).isEqualTo(ChangeSet.empty(0));
        }

        @Test
        void normalisesAdjacentSectionsSoEqualChangesAreEqual() {
            assertThat(ChangeSet.fromJson("[2,3]")).isEqualTo(ChangeSet.fromJson("[5]"));
            assertThat(ChangeSet.fromJson("[2,3]").toJson()).isEqualTo("[5]");
            assertThat(ChangeSet.fromJson("[[2],[3]]")).isEqualTo(ChangeSet.fromJson("[[5]]"));
            assertThat(ChangeSet.fromJson("[[0,\"a\"],[0,\"b\"],1]").toJson()).isEqualTo("[[0,\"ab\"],1]");
            assertThat(ChangeSet.fromJson("[0,2,[0],[0,\"\"],0]")).isEqualTo(ChangeSet.empty(2));
            assertThat(ChangeSet.fromJson("[2,3]").hashCode()).isEqualTo(ChangeSet.fromJson("[5]").hashCode());
            // Neighbouring replacements stay apart: CodeMirror maps positions between them differently.
            assertThat(ChangeSet.fromJson("[[1,\"a\"],[1,\"b\"]]").toJson()).isEqualTo("[[1,\"a\"],[1,\"b\"]]");
        }

        @Test
        void deletionIsWrittenAsOneElementArray() {
            assertThat(ChangeSet.of(10, 2, 5, "").toJson()).isEqualTo("[2,[3],5]");
            assertThat(ChangeSet.fromJson("[2,[3,\"\"],5]").toJson()).isEqualTo("[2,[3],5]");
        }

        @Test
        void insertedLinesAreSplitAtLineFeedsOnlyAndKeepCarriageReturns() {
            ChangeSet set = ChangeSet.of(0, 0, 0, "a\r\nb\n\nc\n");
            assertThat(set.toJson()).isEqualTo("[[0,\"a\\r\",\"b\",\"\",\"c\",\"\"]]");
            assertThat(ChangeSet.fromJson(set.toJson())).isEqualTo(set);
        }

        @Test
        void acceptsWholeNumbersWrittenAsDecimals() {
            // JavaScript cannot tell 3 from 3.0, so neither do we.
            assertThat(ChangeSet.fromJson("[3.0]")).isEqualTo(ChangeSet.empty(3));
        }

        @Test
        void acceptsAJsonNode() throws Exception {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree("[1,[0,\"é\"]]");
            assertThat(ChangeSet.fromJson(node).apply("x")).isEqualTo("xé");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "{}                      | changes must be a JSON array of sections, got an object",
            "\"[1]\"                 | changes must be a JSON array of sections, got the string \"[1]\"",
            "null                    | changes are missing",
            "[1.5]                   | changes[0] must be a whole number of characters from 0 to 2147483647, got 1.5",
            "[-1]                    | changes[0] must be a whole number of characters from 0 to 2147483647, got -1",
            "[\"3\"]                 | changes[0] must be a number of kept characters or a [length, \"line\", ...] array, got the string \"3\"",
            "[2147483648]            | changes[0] must be a whole number of characters from 0 to 2147483647, got 2147483648",
            "[true]                  | changes[0] must be a number of kept characters or a [length, \"line\", ...] array, got true",
            "[1,null]                | changes[1] must be a number of kept characters or a [length, \"line\", ...] array, got null",
            "[[]]                    | changes[0] is an empty array; a change is [length] or [length, \"line\", ...]",
            "[[\"a\"]]               | changes[0][0] must be a whole number of characters from 0 to 2147483647, got the string \"a\"",
            "[[-2]]                  | changes[0][0] must be a whole number of characters from 0 to 2147483647, got -2",
            "[1,[0,\"a\",5]]         | changes[1][2] must be a string (a line of the inserted text), got 5",
            "[1,[0,\"a\\nb\"]]       | changes[1][1] contains a line break; inserted lines must be separate strings",
            "[2147483647,1]          | changes describe a document longer than 2147483647 characters",
            "[2147483647,[0,\"x\"]]  | changes describe a document longer than 2147483647 characters",
        })
        void rejectsMalformedJsonWithAClearMessage(String json, String message) {
            assertThatThrownBy(() -> ChangeSet.fromJson(json))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage(message);
        }

        @Test
        void rejectsNotValidJsonAtAll() {
            assertThatThrownBy(() -> ChangeSet.fromJson("[1,"))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessageStartingWith("changes are not valid JSON: ");
            assertThatThrownBy(() -> ChangeSet.fromJson("[1] [2]"))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessageStartingWith("changes are not valid JSON: ");
            assertThatThrownBy(() -> ChangeSet.fromJson(""))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage("changes are missing");
            assertThatThrownBy(() -> ChangeSet.fromJson("not json"))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessageStartingWith("changes are not valid JSON: ");
        }
    }

    @Nested
    class Apply {
        @Test
        void appliesToStringsAndRopes() {
            ChangeSet set = ChangeSet.fromJson("[1,[8],1]");
            assertThat(set.apply(DOC10)).isEqualTo("09");
            Rope rope = Rope.of(DOC10);
            set.applyTo(rope);
            assertThat(rope.toString()).isEqualTo("09");
            assertThat(ChangeSet.of(10, 2, 2, "ok").apply(DOC10)).isEqualTo("01ok23456789");
        }

        @Test
        void rejectsADocumentOfTheWrongLength() {
            ChangeSet set = ChangeSet.fromJson("[12]");
            assertThatThrownBy(() -> set.apply(DOC10))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage("changes cover 12 characters but the document has 10");
            Rope rope = Rope.of(DOC10);
            assertThatThrownBy(() -> ChangeSet.fromJson("[[12,\"x\"]]").applyTo(rope))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage("changes cover 12 characters but the document has 10");
            assertThat(rope.toString()).isEqualTo(DOC10);
        }

        @Test
        void countsUtf16UnitsSoEmojiAreTwo() {
            String doc = "a😀b"; // the emoji is a surrogate pair
            assertThat(doc.length()).isEqualTo(4);
            ChangeSet set = ChangeSet.fromJson("[1,[2,\"é🎉\"],1]");
            assertThat(set.newLength()).isEqualTo(1 + 3 + 1);
            assertThat(set.apply(doc)).isEqualTo("aé🎉b");
            Rope rope = Rope.of(doc);
            set.applyTo(rope);
            assertThat(rope.toString()).isEqualTo("aé🎉b");
            assertThat(ChangeSet.of(4, 3, 3, "日本").toJson()).isEqualTo("[3,[0,\"日本\"],1]");
            assertThat(ChangeSet.of(4, 1, 3, null)).isEqualTo(ChangeSet.of(4, 1, 3, ""));
        }

        @Test
        void ofRejectsRangesOutsideTheDocument() {
            assertThatThrownBy(() -> ChangeSet.of(10, 4, 11, "x"))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage("invalid change range 4 to 11 in a document of 10 characters");
            assertThatThrownBy(() -> ChangeSet.of(10, 5, 4, "x")).isInstanceOf(InvalidChangesException.class);
        }

        @Test
        void sizes() {
            ChangeSet set = ChangeSet.fromJson("[2,[3],[0,\"x\"],[1,\"a\",\"b\"],4]");
            assertThat(set.insertedLength()).isEqualTo(4);
            assertThat(set.sectionCount()).isEqualTo(5);
            assertThat(set.isEmpty()).isFalse();
            assertThat(ChangeSet.empty(7).isEmpty()).isTrue();
            assertThat(ChangeSet.of(7, 3, 3, "").isEmpty()).isTrue();
        }
    }

    @Nested
    class Compose {
        // Expected values from CodeMirror's test suite ("composition").
        @ParameterizedTest(name = "{0} then {1} = {2}")
        @CsvSource(delimiter = '|', value = {
            "5 0:2           | 1 2:0 4               | 1 2:0 2 0:2",
            "2 0:2 2         | 2 2:0 2               | 4",
            "2 0:2 2         | 4 0:3 2               | 2 0:5 2",
            "2 5:0           | 1 1:0                 | 1 6:0",
            "2 2:0 0:3       | 5:0                   | 4:0",
            "2 2:2 2:2 2     | 1 2:2 2:2 2:2 1       | 1 6:6 1",
            "1 2:2 2:2 2:2 1 | 2 2:2 2:2 2           | 1 6:6 1",
            "1 2:3 3:2 1     | 2 3:1 2               | 1 5:3 1",
        })
        void composesLikeCodeMirror(String a, String b, String expected) {
            assertThat(format(parse(a).compose(parse(b)))).isEqualTo(expected);
        }

        @Test
        void handlesEmptySets() {
            ChangeSet result = parse("").compose(parse("0:8")).compose(parse("8:0")).compose(parse(""));
            assertThat(format(result)).isEqualTo("");
        }

        @Test
        void rejectsInconsistentLengths() {
            assertThatThrownBy(() -> parse("2 0:2").compose(parse("1 0:1")))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage("cannot compose changes: the second applies to a document of 1 characters "
                            + "but the first produces 4");
            assertThatThrownBy(() -> parse("2 0:2").compose(parse("30 0:1")))
                    .isInstanceOf(InvalidChangesException.class);
            assertThatThrownBy(() -> parse("2 2:0 0:3").compose(parse("7:0")))
                    .isInstanceOf(InvalidChangesException.class);
        }

        @Test
        void composedSetsApplyLikeTheSequence() {
            assertThat(ChangeSet.of(10, 8, 8, "ABCD").compose(ChangeSet.of(14, 8, 11, "")).apply(DOC10))
                    .isEqualTo("01234567D89");
            ChangeSet first = ChangeSet.fromJson("[2,[0,\"hi\"],6,[0,\"ok\"],2]");
            ChangeSet second = ChangeSet.fromJson("[4,[0,\"!\"],2,[2],4,[0,\"?\"],2]");
            assertThat(first.compose(second).apply(DOC10)).isEqualTo("01hi!2367ok?89");
        }

        @Test
        void clipsInsertedTextCutByALaterDeletion() {
            ChangeSet first = ChangeSet.fromJson("[2,[0,\"abc\"],2,[0,\"def\"],6]");
            assertThat(first.compose(ChangeSet.of(16, 4, 8, "")).apply(DOC10)).isEqualTo("01abef456789");
        }
    }

    @Nested
    class Map {
        // Expected values from CodeMirror's test suite ("mapping"); before=false unless marked. Three of them
        // (inserts inside deletions are kept, replacement over an insert) differ from older copies of that suite:
        // they were checked against @codemirror/state 6.7.6 itself.
        @ParameterizedTest(name = "{0} over {1} (before={3}) = {2}")
        @CsvSource(delimiter = '|', value = {
            "4 0:1        | 0:3 4        | 7 0:1       | false",
            "4 0:1        | 2:0 2        | 2 0:1       | false",
            "2 0:1 2      | 2 0:1 2      | 3 0:1 2     | false",
            "2 0:1 2      | 2 0:1 2      | 2 0:1 3     | true",
            "2 2:0        | 2 1:2 1      | 4 1:0       | false",
            "2 2:0        | 2 1:2 1      | 4 1:0       | true",
            "0:1 2:0 8    | 6 1:0 0:5 3  | 0:1 2:0 12  | false",
            "5:0 2 3:0 2  | 4 4:0 4      | 6:0 2       | false",
            "2 0:1 2      | 4:0          | 0:1         | true",
            "4 0:1 4      | 2 4:0 2      | 2 0:1 2     | false",
            "2 2:2 2      | 0:2 6        | 4 2:2 2     | false",
            "2 2:2 2      | 3:0 3        | 1:2 2       | false",
            "1 4:4 1      | 3 0:2 3      | 1 2:4 2 2:0 1 | false",
            "1 4:4 1      | 2 2:0 2      | 1 2:4 1     | false",
            "2 2:2 2      | 3 2:0 1      | 2 1:2 1     | false",
            "2:2 2 2:2    | 2 2:0 2      | 2:2 2:2     | false",
            "2 2:0 2      | 2 2:0 2      | 4           | true",
            "2 2:0 2      | 2 2:0 2      | 4           | false",
            "1 1:2 1      | 1 1:1 1      | 2 0:2 1     | false",
            "1 1:2 1      | 1 1:1 1      | 1 0:2 2     | true",
            "1 1:2 2      | 1 2:1 1      | 1 0:2 2     | false",
            "2 1:2 1      | 1 2:1 1      | 2 0:2 1     | false",
            "2:1 1        | 1 2:2        | 1:1 2       | false",
            "1 2:1        | 2:2 1        | 2 1:1       | false",
        })
        void mapsLikeCodeMirror(String a, String b, String expected, boolean before) {
            assertThat(format(parse(a).map(parse(b), before))).isEqualTo(expected);
        }

        @Test
        void tieBreakDecidesWhichInsertComesFirst() {
            ChangeSet mine = ChangeSet.of(3, 1, 1, "x");
            ChangeSet theirs = ChangeSet.of(3, 1, 1, "y");
            assertThat(mine.map(theirs, true).apply(theirs.apply("abc"))).isEqualTo("axybc");
            assertThat(mine.map(theirs, false).apply(theirs.apply("abc"))).isEqualTo("ayxbc");
            assertThat(mine.map(theirs)).isEqualTo(mine.map(theirs, false));
            // Both sides converge when exactly one of them maps with before=true.
            assertThat(mine.compose(theirs.map(mine)).apply("abc"))
                    .isEqualTo(theirs.compose(mine.map(theirs, true)).apply("abc"));
        }

        @Test
        void mappedSetsConverge() {
            ChangeSet set0 = ChangeSet.fromJson("[5,[0,\"hi\"],3,[2]]");
            ChangeSet set1 = ChangeSet.fromJson("[6,[1],3,[0,\"ok\"]]");
            assertThat(set0.compose(set1.map(set0)).apply(DOC10)).isEqualTo("01234hi57ok");
        }

        @Test
        void rejectsSetsOfDifferentDocuments() {
            assertThatThrownBy(() -> ChangeSet.empty(3).map(ChangeSet.of(4, 0, 0, "x"), false))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage("cannot map changes over other changes: they apply to documents of 3 and 4 characters");
        }
    }

    @Nested
    class MapPos {
        // Expected values from CodeMirror's test suite ("mapPos", MapMode.Simple cases).
        @ParameterizedTest(name = "{0}: {1} (assoc {3}) -> {2}")
        @CsvSource(delimiter = '|', value = {
            "4 0:2 4                  | 0 | 0  | -1", "4 0:2 4 | 4 | 4 | -1", "4 0:2 4 | 4 | 6 | 1",
            "4 0:2 4                  | 5 | 7  | -1", "4 0:2 4 | 8 | 10 | -1",
            "4 4:0 4                  | 4 | 4  | -1", "4 4:0 4 | 5 | 4 | -1", "4 4:0 4 | 7 | 4 | -1",
            "4 4:0 4                  | 8 | 4  | -1", "4 4:0 4 | 9 | 5 | -1", "4 4:0 4 | 12 | 8 | -1",
            "0:2 2 0:2 2 0:2          | 0 | 0  | -1", "0:2 2 0:2 2 0:2 | 0 | 2 | 1",
            "0:2 2 0:2 2 0:2          | 1 | 3  | -1", "0:2 2 0:2 2 0:2 | 2 | 4 | -1",
            "0:2 2 0:2 2 0:2          | 2 | 6  | 1", "0:2 2 0:2 2 0:2 | 3 | 7 | -1",
            "0:2 2 0:2 2 0:2          | 4 | 8  | -1", "0:2 2 0:2 2 0:2 | 4 | 10 | 1",
            "2:0 2 2:0 2 2:0          | 1 | 0  | -1", "2:0 2 2:0 2 2:0 | 3 | 1 | -1",
            "2:0 2 2:0 2 2:0          | 5 | 2  | -1", "2:0 2 2:0 2 2:0 | 7 | 3 | -1",
            "2:0 2 2:0 2 2:0          | 10 | 4 | -1",
            "2 0:2 2:0 0:2 2 2:0 0:2  | 2 | 2  | -1", "2 0:2 2:0 0:2 2 2:0 0:2 | 2 | 4 | 1",
            "2 0:2 2:0 0:2 2 2:0 0:2  | 3 | 4  | -1", "2 0:2 2:0 0:2 2 2:0 0:2 | 4 | 6 | 1",
            "2 0:2 2:0 0:2 2 2:0 0:2  | 5 | 7  | -1", "2 0:2 2:0 0:2 2 2:0 0:2 | 8 | 10 | 1",
            "2 2:2 2                  | 2 | 2  | 1", "2 2:2 2 | 2 | 2 | -1", "2 2:2 2 | 3 | 2 | -1",
            "2 2:2 2                  | 3 | 4  | 1", "2 2:2 2 | 4 | 4 | 1", "2 2:2 2 | 4 | 4 | -1",
            "0:1 2:2 0:1              | 0 | 0  | -1", "0:1 2:2 0:1 | 0 | 1 | 1",
            "0:1 2:2 0:1              | 1 | 1  | -1", "0:1 2:2 0:1 | 1 | 3 | 1",
            "0:1 2:2 0:1              | 2 | 3  | -1", "0:1 2:2 0:1 | 2 | 4 | 1",
            "2:2 2:2                  | 2 | 2  | -1", "2:2 2:2 | 2 | 2 | 1",
        })
        void mapsPositionsLikeCodeMirror(String spec, int pos, int expected, int assoc) {
            assertThat(parse(spec).mapPos(pos, assoc)).isEqualTo(expected);
        }

        @Test
        void rejectsPositionsOutsideTheDocument() {
            assertThatThrownBy(() -> ChangeSet.empty(3).mapPos(4, -1))
                    .isInstanceOf(InvalidChangesException.class)
                    .hasMessage("position 4 is outside the document of 3 characters");
        }
    }

    @Test
    void iteratesChangedRangesJoiningAdjacentOnes() {
        ChangeSet set = ChangeSet.fromJson("[4,[0,\"ok\"],2,[2],2]");
        List<String> seen = new ArrayList<>();
        set.iterChanges((fromA, toA, fromB, toB, text) -> seen.add(fromA + "-" + toA + ">" + fromB + "-" + toB + ":" + text));
        assertThat(seen).containsExactly("4-4>4-6:ok", "6-8>8-8:");

        seen.clear();
        ChangeSet.fromJson("[1,[2,\"ab\"],[0,\"c\"],[1],1]")
                .iterChanges((fromA, toA, fromB, toB, text) -> seen.add(fromA + "-" + toA + ">" + fromB + "-" + toB + ":" + text));
        assertThat(seen).containsExactly("1-4>1-4:abc");
    }

    @Test
    void binaryFormRoundTripsLongAndNonLatinText() throws IOException {
        String big = "x".repeat(70_000) + "\n" + "é😀\uD800" + "y".repeat(70_000); // beyond writeUTF's 64 KiB, and a lone surrogate
        ChangeSet set = ChangeSet.fromJson("[3,[2],[0,\"abc\"]]").compose(ChangeSet.of(6, 1, 2, big));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.writeTo(new DataOutputStream(bytes));
        ChangeSet back = ChangeSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back).isEqualTo(set);
        assertThat(back.apply("01234")).isEqualTo(set.apply("01234"));
    }

    @Test
    void binaryFormRejectsGarbage() {
        byte[] garbage = {1, 0, 0, 0, 1, -1, -1, -1, -5, 0, 0, 0, 0};
        assertThatThrownBy(() -> ChangeSet.readFrom(new DataInputStream(new ByteArrayInputStream(garbage))))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ChangeSet.readFrom(new DataInputStream(new ByteArrayInputStream(new byte[] {9}))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void toStringShowsTheJson() {
        assertThat(ChangeSet.of(3, 1, 2, "z")).hasToString("ChangeSet[1,[1,\"z\"],1]");
    }
}
