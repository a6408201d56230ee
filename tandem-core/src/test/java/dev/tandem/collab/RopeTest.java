package dev.tandem.collab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RopeTest {

    @Test
    void basicEdits() {
        Rope rope = Rope.of("hello world");
        rope.replace(5, 11, ", rope");
        assertThat(rope.toString()).isEqualTo("hello, rope");
        rope.replace(0, 0, ">");
        rope.replace(rope.length(), rope.length(), "!");
        assertThat(rope.toString()).isEqualTo(">hello, rope!");
        assertThat(rope.charAt(1)).isEqualTo('h');
        assertThat(rope.substring(2, 6)).isEqualTo("ello");
        rope.replace(0, rope.length(), "");
        assertThat(rope.length()).isZero();
        assertThat(rope.toString()).isEmpty();
    }

    @Test
    void emptyRope() {
        Rope rope = Rope.of("");
        assertThat(rope.length()).isZero();
        rope.replace(0, 0, "x");
        assertThat(rope.toString()).isEqualTo("x");
    }

    @Test
    void rejectsRangesOutside() {
        Rope rope = Rope.of("abc");
        assertThatThrownBy(() -> rope.replace(2, 4, "")).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> rope.replace(2, 1, "")).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> rope.charAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> rope.substring(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Edits of every size, on documents large enough to span many chunks, against plain String operations. */
    @Test
    void randomEditsMatchStringOperations() {
        ChangeSetPropertyTest.check(8_000_000, 300, r -> {
            int size = r.nextInt(4) == 0 ? r.nextInt(50) : r.nextInt(20_000);
            String text = RandomChanges.text(r, size);
            Rope rope = Rope.of(text);
            StringBuilder expected = new StringBuilder(text);
            for (int step = 0; step < 200; step++) {
                int from = r.nextInt(expected.length() + 1);
                int maxDelete = r.nextInt(10) == 0 ? 6000 : 8;
                int to = Math.min(expected.length(), from + r.nextInt(maxDelete + 1));
                String insert = RandomChanges.text(r, r.nextInt(15) == 0 ? 5000 : 6);
                rope.replace(from, to, insert);
                expected.replace(from, to, insert);
                assertThat(rope.length()).isEqualTo(expected.length());
                if (expected.length() > 0) {
                    int i = r.nextInt(expected.length());
                    assertThat(rope.charAt(i)).isEqualTo(expected.charAt(i));
                    int a = r.nextInt(expected.length() + 1);
                    int b = a + r.nextInt(expected.length() - a + 1);
                    assertThat(rope.substring(a, b)).isEqualTo(expected.substring(a, b));
                }
            }
            assertThat(rope.toString()).isEqualTo(expected.toString());
        });
    }
}
