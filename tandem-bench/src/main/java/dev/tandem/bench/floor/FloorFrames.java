package dev.tandem.bench.floor;

/**
 * The little the floor reads of a client frame, by scanning the text for a key instead of parsing it: the
 * {@code type}, the {@code version} a push is based on (without it a strict authority cannot answer at all),
 * where the {@code updates} array starts and ends (it is copied into the broadcast verbatim), and how many
 * updates it holds with the last one's {@code seq} (the version to hand out and the {@code ack}). Keys are
 * found by their first occurrence: the load generators write {@code type} and {@code version} before
 * {@code updates}, and their typed text holds no quotes, so a key is never found inside a change.
 */
final class FloorFrames {
    private FloorFrames() {
    }

    /** The value of the first {@code "key":"..."} (no escapes), or null. */
    static String string(String text, String key) {
        int at = valueStart(text, key, 0);
        if (at < 0 || at >= text.length() || text.charAt(at) != '"') return null;
        int end = text.indexOf('"', at + 1);
        return end < 0 ? null : text.substring(at + 1, end);
    }

    /** The value of the first {@code "key":n} (a non-negative integer), or -1. */
    static int integer(String text, String key) {
        return digits(text, valueStart(text, key, 0));
    }

    /** The {@code updates} array of a push, from its {@code [} to its {@code ]}: [start, end). Null when absent. */
    static int[] updatesArray(String text) {
        int start = valueStart(text, "updates", 0);
        int end = text.lastIndexOf(']');
        if (start < 0 || start >= text.length() || text.charAt(start) != '[' || end < start) return null;
        return new int[]{start, end + 1};
    }

    /** How many updates lie in text[from, to) (one {@code "seq"} each) and the last one's seq: {count, lastSeq}. */
    static int[] seqs(String text, int from, int to) {
        int count = 0;
        int last = 0;
        int at = from;
        while (true) {
            int value = valueStart(text, "seq", at);
            if (value < 0 || value >= to) break;
            count++;
            last = Math.max(last, digits(text, value));
            at = value;
        }
        return new int[]{count, last};
    }

    /** Index just after {@code "key":} and any spaces, searching from {@code from}; -1 when there is none. */
    private static int valueStart(String text, String key, int from) {
        String quoted = switch (key) { // constants, so that a scan allocates nothing
            case "type" -> "\"type\"";
            case "version" -> "\"version\"";
            case "updates" -> "\"updates\"";
            case "seq" -> "\"seq\"";
            case "clientId" -> "\"clientId\"";
            default -> '"' + key + '"';
        };
        int at = text.indexOf(quoted, from);
        if (at < 0) return -1;
        int i = at + quoted.length();
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ':')) i++;
        return i;
    }

    private static int digits(String text, int at) {
        if (at < 0) return -1;
        int value = 0;
        int i = at;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && i - at < 10) value = value * 10 + (text.charAt(i++) - '0');
        return i == at ? -1 : value;
    }
}
