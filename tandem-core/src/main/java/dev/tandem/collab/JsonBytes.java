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
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
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

    /** The bytes of {@code text}'s range {@code from..to} (a copy of the range: deletions are small, and rare when large). */
    public static long of(Rope text, int from, int to) {
        return from == to ? 0 : of(text.substring(from, to));
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
