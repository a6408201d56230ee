package dev.tandem.collab;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * An immutable set of changes to a document of a fixed length: CodeMirror 6's {@code ChangeSet}, with the
 * same JSON form and the same map/compose results, so that the server and browser editors always agree.
 *
 * <p>Stored like CodeMirror stores it: {@code sections} holds (length, insert) pairs in document order, where
 * insert is -1 for kept text and otherwise the length of the text replacing {@code length} characters;
 * {@code texts[i]} is the inserted text of pair {@code i} (null when it inserts nothing). Lengths count UTF-16
 * code units. The sections are always in the normal form {@link SectionBuilder} produces, so equal changes have
 * equal arrays.
 */
public final class ChangeSet {
    private static final int[] NO_SECTIONS = new int[0];
    private static final String[] NO_TEXTS = new String[0];

    final int[] sections;
    final String[] texts;
    private final int length;
    private final int newLength;

    /** Takes ownership of the arrays, which must be in normal form. */
    ChangeSet(int[] sections, String[] texts) {
        this.sections = sections;
        this.texts = texts;
        long len = 0;
        long newLen = 0;
        for (int i = 0; i < sections.length; i += 2) {
            len += sections[i];
            newLen += sections[i + 1] < 0 ? sections[i] : sections[i + 1];
        }
        if (len > Integer.MAX_VALUE || newLen > Integer.MAX_VALUE) {
            throw new InvalidChangesException("changes describe a document longer than " + Integer.MAX_VALUE
                    + " characters");
        }
        this.length = (int) len;
        this.newLength = (int) newLen;
    }

    // ---- creation and serialisation ----

    /** Parses CodeMirror's {@code ChangeSet.toJSON()} form, rejecting anything CodeMirror could not read back. */
    public static ChangeSet fromJson(JsonNode json) {
        return ChangeSetJson.parse(json);
    }

    /** Parses JSON text; malformed JSON is an {@link InvalidChangesException} as well. */
    public static ChangeSet fromJson(String json) {
        return ChangeSetJson.parse(json);
    }

    public void writeJson(JsonGenerator gen) throws IOException {
        ChangeSetJson.write(this, gen);
    }

    public String toJson() {
        return ChangeSetJson.toJson(this);
    }

    /**
     * One replacement of {@code from..to} by {@code insert} (null or "" for a deletion) in a document of
     * {@code docLength} characters.
     */
    public static ChangeSet of(int docLength, int from, int to, String insert) {
        if (insert == null) {
            insert = "";
        }
        if (from < 0 || from > to || to > docLength) {
            throw new InvalidChangesException("invalid change range " + from + " to " + to
                    + " in a document of " + docLength + " characters");
        }
        SectionBuilder b = new SectionBuilder(3);
        b.add(from, -1);
        b.add(to - from, insert.length());
        b.addText(insert);
        b.add(docLength - to, -1);
        return b.build();
    }

    public static ChangeSet empty(int docLength) {
        if (docLength < 0) {
            throw new InvalidChangesException("document length must not be negative, got " + docLength);
        }
        return docLength == 0 ? new ChangeSet(NO_SECTIONS, NO_TEXTS)
                : new ChangeSet(new int[] {docLength, -1}, new String[1]);
    }

    /** Compact binary form for cluster serialisation; see {@link ChangeSetBinary}. */
    public void writeTo(DataOutput out) throws IOException {
        ChangeSetBinary.write(this, out);
    }

    public static ChangeSet readFrom(DataInput in) throws IOException {
        return ChangeSetBinary.read(in);
    }

    // ---- sizes ----

    /** Length of the document this applies to. */
    public int length() {
        return length;
    }

    /** Length of the document after applying. */
    public int newLength() {
        return newLength;
    }

    public boolean isEmpty() {
        return sections.length == 0 || (sections.length == 2 && sections[1] < 0);
    }

    /** Total number of inserted characters. */
    public int insertedLength() {
        int total = 0;
        for (int i = 1; i < sections.length; i += 2) {
            if (sections[i] > 0) {
                total += sections[i];
            }
        }
        return total;
    }

    public int sectionCount() {
        return sections.length >> 1;
    }

    // ---- applying ----

    public String apply(String doc) {
        checkDocLength(doc.length());
        if (isEmpty()) {
            return doc;
        }
        StringBuilder out = new StringBuilder(newLength);
        int pos = 0;
        for (int i = 0; i < sections.length; i += 2) {
            int len = sections[i];
            int ins = sections[i + 1];
            if (ins < 0) {
                out.append(doc, pos, pos + len);
            } else if (ins > 0) {
                out.append(texts[i >> 1]);
            }
            pos += len;
        }
        return out.toString();
    }

    /** Applies the changes to {@code text} in place. */
    public void applyTo(Rope text) {
        checkDocLength(text.length());
        // Positions in the new document are valid in the partly edited rope, because every change before
        // the current one has already been made.
        int posB = 0;
        for (int i = 0; i < sections.length; i += 2) {
            int len = sections[i];
            int ins = sections[i + 1];
            if (ins < 0) {
                posB += len;
            } else {
                text.replace(posB, posB + len, ins == 0 ? "" : texts[i >> 1]);
                posB += ins;
            }
        }
    }

    private void checkDocLength(int docLength) {
        if (docLength != length) {
            throw new InvalidChangesException("changes cover " + length + " characters but the document has "
                    + docLength);
        }
    }

    // ---- transformation ----

    /** This, then {@code other}; {@code other.length()} must equal {@link #newLength()}. */
    public ChangeSet compose(ChangeSet other) {
        if (other.length != newLength) {
            throw new InvalidChangesException("cannot compose changes: the second applies to a document of "
                    + other.length + " characters but the first produces " + newLength);
        }
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return this;
        }
        return ChangeTransforms.compose(this, other);
    }

    /**
     * This change set rebased over {@code other} (both apply to the same document); the result applies to the
     * document after {@code other}. With {@code before}, inserts of this set at the same position as inserts of
     * {@code other} end up first. {@code a.compose(b.map(a))} and {@code b.compose(a.map(b, true))} give the
     * same document.
     */
    public ChangeSet map(ChangeSet other, boolean before) {
        if (other.length != length) {
            throw new InvalidChangesException("cannot map changes over other changes: they apply to documents of "
                    + length + " and " + other.length + " characters");
        }
        return other.isEmpty() ? this : ChangeTransforms.map(this, other, before);
    }

    /** {@code map(other, false)}: {@code other} is taken to have happened first. */
    public ChangeSet map(ChangeSet other) {
        return map(other, false);
    }

    /**
     * Where {@code pos} ends up after the changes. {@code assoc} < 0 keeps the position before text inserted at
     * it, > 0 moves it after; a position inside a replaced range goes to the start (assoc < 0) or end of the
     * replacement.
     */
    public int mapPos(int pos, int assoc) {
        if (pos < 0 || pos > length) {
            throw new InvalidChangesException("position " + pos + " is outside the document of " + length
                    + " characters");
        }
        int posA = 0;
        int posB = 0;
        for (int i = 0; i < sections.length; i += 2) {
            int len = sections[i];
            int ins = sections[i + 1];
            int endA = posA + len;
            if (ins < 0) {
                if (endA > pos) {
                    return posB + (pos - posA);
                }
                posB += len;
            } else {
                if (endA > pos || (endA == pos && assoc < 0 && len == 0)) {
                    return pos == posA || assoc < 0 ? posB : posB + ins;
                }
                posB += ins;
            }
            posA = endA;
        }
        return posB;
    }

    /** Reports each changed range; adjacent changes are reported together, as CodeMirror does. */
    public void iterChanges(ChangeConsumer consumer) {
        int posA = 0;
        int posB = 0;
        for (int i = 0; i < sections.length;) {
            int len = sections[i];
            int ins = sections[i + 1];
            if (ins < 0) {
                posA += len;
                posB += len;
                i += 2;
                continue;
            }
            int endA = posA;
            int endB = posB;
            String text = "";
            StringBuilder joined = null;
            while (true) {
                endA += len;
                endB += ins;
                if (ins > 0) {
                    String piece = texts[i >> 1];
                    if (text.isEmpty()) {
                        text = piece;
                    } else {
                        if (joined == null) {
                            joined = new StringBuilder(text);
                        }
                        joined.append(piece);
                    }
                }
                i += 2;
                if (i == sections.length || sections[i + 1] < 0) {
                    break;
                }
                len = sections[i];
                ins = sections[i + 1];
            }
            consumer.accept(posA, endA, posB, endB, joined == null ? text : joined.toString());
            posA = endA;
            posB = endB;
        }
    }

    // ---- identity ----

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ChangeSet other && Arrays.equals(sections, other.sections)
                && Arrays.equals(texts, other.texts));
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sections) + Arrays.hashCode(texts);
    }

    /** The JSON form, which is short and says everything. */
    @Override
    public String toString() {
        return "ChangeSet" + toJson();
    }
}
