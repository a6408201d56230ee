package dev.tandem.collab;

/**
 * Walks the sections of a change set while letting the caller consume a section piece by piece,
 * which is what the map and compose merges need. Mutable and single-use.
 */
final class SectionCursor {
    /** Marks the end of the sections (kept sections use -1, changes use an insert length >= 0). */
    static final int DONE = -2;

    private final int[] sections;
    private final String[] texts;
    /** Index of the next (len, ins) pair to load. */
    private int next;
    /** Section index (pair number) of the current section. */
    int index = -1;
    /** Remaining length of the current section in the old document. */
    int len;
    /** Remaining insert length of the current section, -1 when kept, {@link #DONE} at the end. */
    int ins;
    /** How much of the current section was consumed already. */
    int off;

    SectionCursor(ChangeSet set) {
        this.sections = set.sections;
        this.texts = set.texts;
        advance();
    }

    void advance() {
        if (next < sections.length) {
            len = sections[next];
            ins = sections[next + 1];
            index = next >> 1;
            next += 2;
        } else {
            len = 0;
            ins = DONE;
            index = sections.length >> 1;
        }
        off = 0;
    }

    boolean done() {
        return ins == DONE;
    }

    /** Length of the current section in the document after the change. */
    int lenAfter() {
        return ins < 0 ? len : ins;
    }

    /** The whole inserted text of the current section ("" when it inserts nothing). */
    String text() {
        String t = index < texts.length ? texts[index] : null;
        return t == null ? "" : t;
    }

    /** The part of the inserted text from the current offset, {@code length} characters long. */
    String textPiece(int length) {
        String t = text();
        return length == t.length() && off == 0 ? t : t.substring(off, off + length);
    }

    /** Consumes {@code n} characters of the old-document side. */
    void forward(int n) {
        if (n == len) {
            advance();
        } else {
            len -= n;
            off += n;
        }
    }

    /** Consumes {@code n} characters of the new-document side. */
    void forwardAfter(int n) {
        if (ins == -1) {
            forward(n);
        } else if (n == ins) {
            advance();
        } else {
            ins -= n;
            off += n;
        }
    }
}
