package dev.tandem.collab;

import java.util.Arrays;

/**
 * Accumulates (length, insert) sections in normal form, so that equal changes get equal arrays:
 * empty sections are dropped, and neighbouring kept sections, deletions or pure insertions are joined
 * (the same joins CodeMirror makes). Adjacent replacements stay apart because
 * {@link ChangeSet#mapPos} treats the boundary between them differently from one wide replacement.
 */
final class SectionBuilder {
    private int[] sections;
    private int size;
    private String[] texts;
    /** Text of the last section while it is still growing; avoids quadratic string concatenation. */
    private StringBuilder growingText;

    SectionBuilder() {
        this(8);
    }

    SectionBuilder(int expectedSections) {
        int n = Math.max(2, expectedSections);
        sections = new int[n * 2];
        texts = new String[n];
    }

    /** Adds a section; {@code ins} is -1 for kept text, otherwise the length of the replacement. */
    void add(int len, int ins) {
        add(len, ins, false);
    }

    /**
     * @param forceJoin merge into the last section whatever it is; compose uses this for the pieces of
     *                  one replacement that it has to process separately
     */
    void add(int len, int ins, boolean forceJoin) {
        if (len == 0 && ins <= 0) {
            return;
        }
        int last = size - 2;
        if (last >= 0 && ins <= 0 && ins == sections[last + 1]) {
            sections[last] += len;
        } else if (last >= 0 && len == 0 && sections[last] == 0) {
            sections[last + 1] += ins;
        } else if (forceJoin && last >= 0) {
            sections[last] += len;
            sections[last + 1] += ins;
        } else {
            push(len, ins);
        }
    }

    private void push(int len, int ins) {
        sealGrowingText();
        if (size == sections.length) {
            sections = Arrays.copyOf(sections, size * 2);
            texts = Arrays.copyOf(texts, sections.length / 2);
        }
        sections[size++] = len;
        sections[size++] = ins;
    }

    /** Appends inserted text to the last section (whose insert length the caller already counted). */
    void addText(String text) {
        if (text.isEmpty()) {
            return;
        }
        int index = (size >> 1) - 1;
        if (growingText != null) {
            growingText.append(text);
        } else if (texts[index] == null) {
            texts[index] = text;
        } else {
            growingText = new StringBuilder(texts[index].length() + text.length() + 16);
            growingText.append(texts[index]).append(text);
        }
    }

    private void sealGrowingText() {
        if (growingText != null) {
            texts[(size >> 1) - 1] = growingText.toString();
            growingText = null;
        }
    }

    /** Number of section slots used; lets a caller see whether an {@link #add} started a new section. */
    int sizeMarker() {
        return size;
    }

    ChangeSet build() {
        sealGrowingText();
        int pairs = size >> 1;
        int[] s = size == sections.length ? sections : Arrays.copyOf(sections, size);
        String[] t = pairs == texts.length ? texts : Arrays.copyOf(texts, pairs);
        sections = null; // the arrays now belong to the change set
        texts = null;
        return new ChangeSet(s, t);
    }
}
