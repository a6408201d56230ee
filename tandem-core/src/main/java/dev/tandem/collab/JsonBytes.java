package dev.tandem.collab;

/**
 * How many bytes text takes inside a JSON string as the server sends it (UTF-8, written by Jackson, lone
 * surrogates escaped): what a document costs in {@code welcome} and its updates in {@code updates}. The limits
 * count this, not UTF-16 units, because a control character escapes to six bytes ({@code \u0001}) and a CJK
 * character takes three: counting characters let a document of them make a {@code welcome} several times the
 * size the limit meant (docs/security.md, 7d).
 */
public final class JsonBytes {
    private JsonBytes() {}

    /** The bytes of {@code text} between a JSON string's quotes. */
    public static long of(CharSequence text) {
        return of(text, 0, text.length());
    }

    /** The bytes of {@code text}'s range {@code from..to} on its own (a pair cut by the range's ends counts as two lone halves). */
    public static long of(CharSequence text, int from, int to) {
        long bytes = 0;
        for (int i = from, n = to; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                bytes += c == '"' || c == '\\' ? 2 : 1;
            } else if (c < 0x20) {
                bytes += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4; // one code point beyond the BMP
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 6; // a lone surrogate travels escaped (protocol.JsonText)
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * What applying {@code changes} to {@code text} changes its JSON size by, exactly, without applying them: each
     * changed range is counted before and after together with a surrogate next to it, since whether a surrogate
     * is half of a pair (four bytes for both) or alone (six) depends on its neighbour only.
     */
    public static long delta(ChangeSet changes, Rope text) {
        long delta = 0;
        int[] sections = changes.sections;
        int posA = 0;
        for (int i = 0; i < sections.length;) {
            if (sections[i + 1] < 0) { // kept
                posA += sections[i];
                i += 2;
                continue;
            }
            // A run of adjacent changed sections is one changed range (as ChangeSet.iterChanges reports it).
            int from = posA;
            String inserted = null;
            StringBuilder joined = null;
            while (i < sections.length && sections[i + 1] >= 0) {
                posA += sections[i];
                if (sections[i + 1] > 0) {
                    String piece = changes.texts[i >> 1];
                    if (inserted == null) inserted = piece;
                    else (joined == null ? joined = new StringBuilder(inserted) : joined).append(piece);
                }
                i += 2;
            }
            CharSequence added = joined != null ? joined : inserted != null ? inserted : "";
            delta += rangeDelta(text, from, posA, added);
        }
        return delta;
    }

    private static long rangeDelta(Rope text, int from, int to, CharSequence inserted) {
        boolean left = from > 0 && Character.isHighSurrogate(text.charAt(from - 1));
        boolean right = to < text.length() && Character.isLowSurrogate(text.charAt(to));
        if (!left && !right) return of(inserted) - text.jsonBytes(from, to);
        int a = left ? from - 1 : from;
        int b = right ? to + 1 : to;
        StringBuilder after = new StringBuilder(inserted.length() + 2);
        if (left) after.append(text.charAt(a));
        after.append(inserted);
        if (right) after.append(text.charAt(to));
        return of(after) - text.jsonBytes(a, b);
    }

    /**
     * About the bytes one update takes in an {@code updates} frame: its inserted text, its clientId and the fixed
     * parts of the record (numbers and brackets estimated). For paging, where a page must be bounded, not exact.
     */
    public static long ofUpdate(Update update) {
        long bytes = 48 + of(update.clientId()) + 8L * update.changes().sectionCount();
        long[] inserted = {0};
        update.changes().iterChanges((fromA, toA, fromB, toB, text) -> inserted[0] += of(text) + 4);
        return bytes + inserted[0];
    }
}
