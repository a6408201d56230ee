package dev.tandem.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Randomised properties over thousands of cases. Every case has its own fixed seed, printed on failure,
 * so a failure can be replayed with {@link #check} and that one seed.
 */
class ChangeSetPropertyTest {
    private static final int CASES = 4000;

    /** Runs {@code property} once per seed; a failure names its seed. */
    static void check(long firstSeed, int cases, Consumer<Random> property) {
        for (long seed = firstSeed; seed < firstSeed + cases; seed++) {
            try {
                property.accept(new Random(seed));
            } catch (Throwable t) {
                throw new AssertionError("failed for seed " + seed + ": " + t, t);
            }
        }
    }

    @Test
    void appliesAsGenerated() {
        check(1_000_000, CASES, r -> {
            String doc = RandomChanges.text(r, 40);
            RandomChanges.Generated g = RandomChanges.changes(r, doc);
            assertThat(g.changes().length()).isEqualTo(doc.length());
            assertThat(g.changes().apply(doc)).isEqualTo(g.expected());
            assertThat(g.changes().newLength()).isEqualTo(g.expected().length());
            Rope rope = Rope.of(doc);
            g.changes().applyTo(rope);
            assertThat(rope.toString()).isEqualTo(g.expected());
            StringBuilder viaIter = new StringBuilder(doc);
            g.changes().iterChanges((fromA, toA, fromB, toB, text) -> {
                assertThat(toB - fromB).isEqualTo(text.length());
                viaIter.replace(fromB, fromB + (toA - fromA), text);
            });
            assertThat(viaIter.toString()).isEqualTo(g.expected());
        });
    }

    @Test
    void concurrentChangesConvergeWhenMappedEitherWay() {
        check(2_000_000, CASES, r -> {
            String doc = RandomChanges.text(r, 30);
            ChangeSet a = RandomChanges.changes(r, doc).changes();
            ChangeSet b = RandomChanges.changes(r, doc).changes();
            ChangeSet bAfterA = b.map(a, false);
            ChangeSet aAfterB = a.map(b, true);
            assertThat(bAfterA.length()).isEqualTo(a.newLength());
            assertThat(aAfterB.length()).isEqualTo(b.newLength());
            String viaA = a.compose(bAfterA).apply(doc);
            String viaB = b.compose(aAfterB).apply(doc);
            assertThat(viaA).isEqualTo(viaB);
            assertThat(bAfterA.apply(a.apply(doc))).isEqualTo(viaA);
            assertThat(aAfterB.apply(b.apply(doc))).isEqualTo(viaB);
        });
    }

    @Test
    void convergesWhenMappingThroughSeveralChanges() {
        check(3_000_000, CASES, r -> {
            String doc = RandomChanges.text(r, 30);
            ChangeSet a = RandomChanges.changes(r, doc).changes();
            ChangeSet b = RandomChanges.changes(r, a.apply(doc)).changes();
            ChangeSet c = RandomChanges.changes(r, doc).changes();
            ChangeSet cOverA = c.map(a, false);
            ChangeSet cOverAB = cOverA.map(b, false);
            ChangeSet aUnderC = a.map(c, true);
            ChangeSet bUnderCa = b.map(cOverA, true);
            assertThat(a.compose(b).compose(cOverAB).apply(doc))
                    .isEqualTo(c.compose(aUnderC).compose(bUnderCa).apply(doc));
        });
    }

    @Test
    void composeEqualsApplyingInSequenceAndIsAssociative() {
        check(4_000_000, CASES, r -> {
            String doc = RandomChanges.text(r, 30);
            ChangeSet a = RandomChanges.changes(r, doc).changes();
            String afterA = a.apply(doc);
            ChangeSet b = RandomChanges.changes(r, afterA).changes();
            String afterB = b.apply(afterA);
            ChangeSet c = RandomChanges.changes(r, afterB).changes();
            ChangeSet ab = a.compose(b);
            assertThat(ab.length()).isEqualTo(doc.length());
            assertThat(ab.apply(doc)).isEqualTo(afterB);
            assertThat(ab.compose(c).apply(doc)).isEqualTo(c.apply(afterB));
            assertThat(a.compose(b.compose(c)).apply(doc)).isEqualTo(c.apply(afterB));
        });
    }

    @Test
    void mapPosStaysInsideTheNewDocumentAndKeepsOrder() {
        check(5_000_000, CASES, r -> {
            String doc = RandomChanges.text(r, 30);
            ChangeSet a = RandomChanges.changes(r, doc).changes();
            int previousLeft = 0;
            int previousRight = 0;
            for (int pos = 0; pos <= doc.length(); pos++) {
                int left = a.mapPos(pos, -1);
                int right = a.mapPos(pos, 1);
                assertThat(left).isBetween(previousLeft, a.newLength());
                assertThat(right).isBetween(Math.max(left, previousRight), a.newLength());
                previousLeft = left;
                previousRight = right;
            }
            assertThat(a.mapPos(doc.length(), 1)).isEqualTo(a.newLength());
        });
    }

    @Test
    void jsonAndBinaryFormsRoundTrip() {
        check(6_000_000, CASES, r -> {
            String doc = RandomChanges.text(r, 40);
            ChangeSet a = RandomChanges.changes(r, doc).changes();
            String json = a.toJson();
            ChangeSet fromJson = ChangeSet.fromJson(json);
            assertThat(fromJson).isEqualTo(a);
            assertThat(fromJson.hashCode()).isEqualTo(a.hashCode());
            assertThat(fromJson.toJson()).isEqualTo(json);
            assertThat(binaryRoundTrip(a)).isEqualTo(a);
            ChangeSet composed = a.compose(RandomChanges.changes(r, a.apply(doc)).changes());
            assertThat(ChangeSet.fromJson(composed.toJson())).isEqualTo(composed);
            assertThat(binaryRoundTrip(composed)).isEqualTo(composed);
        });
    }

    private static ChangeSet binaryRoundTrip(ChangeSet set) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            set.writeTo(new DataOutputStream(bytes));
            return ChangeSet.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Broken JSON must give InvalidChangesException, never another exception; what still parses must behave. */
    @Test
    void mutatedJsonIsRejectedOrBehavesConsistently() {
        check(7_000_000, CASES * 2, r -> {
            String doc = RandomChanges.text(r, 30);
            JsonNode json = RandomChanges.changes(r, doc).json().deepCopy();
            int mutations = 1 + r.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                json = mutate(r, json);
            }
            ChangeSet parsed;
            try {
                parsed = ChangeSet.fromJson(json);
            } catch (InvalidChangesException expected) {
                assertThat(expected.getMessage()).isNotBlank();
                return;
            }
            try {
                String result = parsed.apply(doc);
                assertThat(result).hasSize(parsed.newLength());
                Rope rope = Rope.of(doc);
                parsed.applyTo(rope);
                assertThat(rope.toString()).isEqualTo(result);
                assertThat(ChangeSet.fromJson(parsed.toJson())).isEqualTo(parsed);
            } catch (InvalidChangesException expected) {
                assertThat(parsed.length()).isNotEqualTo(doc.length());
                Rope rope = Rope.of(doc);
                try {
                    parsed.applyTo(rope);
                    fail("applyTo accepted a set that apply rejected");
                } catch (InvalidChangesException alsoExpected) {
                    assertThat(rope.toString()).isEqualTo(doc);
                }
            }
            // Whatever was accepted can be combined with a valid set, or is refused with InvalidChangesException.
            ChangeSet other = RandomChanges.changes(r, doc).changes();
            try {
                parsed.map(other, r.nextBoolean());
            } catch (InvalidChangesException ignored) {
                // lengths differ
            }
            try {
                parsed.compose(ChangeSet.empty(parsed.newLength() + r.nextInt(2)));
            } catch (InvalidChangesException ignored) {
                // lengths differ
            }
        });
    }

    private static JsonNode mutate(Random r, JsonNode json) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode[] weird = {f.numberNode(-1), f.numberNode(1.5), f.textNode("3"), f.booleanNode(true), f.nullNode(),
            f.numberNode(Integer.MAX_VALUE), f.numberNode(2147483648L), f.arrayNode(), f.objectNode(),
            f.textNode("a\nb"), f.numberNode(r.nextInt(5)), f.numberNode(3.0)};
        if (!json.isArray() || json.isEmpty() || r.nextInt(20) == 0) {
            return r.nextBoolean() ? weird[r.nextInt(weird.length)] : f.arrayNode().add(json);
        }
        ArrayNode array = (ArrayNode) json;
        int i = r.nextInt(array.size());
        JsonNode element = array.get(i);
        switch (r.nextInt(6)) {
            case 0 -> array.set(i, weird[r.nextInt(weird.length)]);
            case 1 -> array.remove(i);
            case 2 -> array.insert(i, weird[r.nextInt(weird.length)]);
            case 3 -> { // change a length by one either way
                if (element.isNumber()) {
                    array.set(i, f.numberNode(element.intValue() + (r.nextBoolean() ? 1 : -1)));
                } else if (element.isArray() && !element.isEmpty() && element.get(0).isNumber()) {
                    ((ArrayNode) element).set(0, f.numberNode(element.get(0).intValue() + (r.nextBoolean() ? 1 : -1)));
                }
            }
            default -> { // damage inside an inner array
                if (element.isArray() && !element.isEmpty()) {
                    ArrayNode inner = (ArrayNode) element;
                    inner.set(r.nextInt(inner.size()), weird[r.nextInt(weird.length)]);
                } else {
                    array.set(i, f.arrayNode().add(weird[r.nextInt(weird.length)]));
                }
            }
        }
        return array;
    }
}
