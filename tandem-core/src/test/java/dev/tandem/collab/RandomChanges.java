package dev.tandem.collab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Random;

/** Random documents and change sets for the property tests, with the expected result computed naively. */
public final class RandomChanges {
    /** Pieces of text, emoji included as whole surrogate pairs (2 UTF-16 units each). */
    private static final String[] PIECES = {"a", "b", "c", "x", "y", " ", "\n", "\r", "\t", "é", "ß", "日", "本",
        "😀", "🎉", "\u0301", "{", "}"};

    private RandomChanges() {
    }

    /** A generated change set and what applying it to the document it was made for must give. */
    public record Generated(ChangeSet changes, JsonNode json, String expected) {
    }

    public static String text(Random r, int maxUnits) {
        int target = maxUnits == 0 ? 0 : r.nextInt(maxUnits + 1);
        StringBuilder out = new StringBuilder(target + 2);
        while (out.length() < target) {
            out.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return out.toString();
    }

    public static Generated changes(Random r, String doc) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode json = f.arrayNode();
        StringBuilder expected = new StringBuilder();
        int pos = 0;
        int density = 1 + r.nextInt(4); // how eagerly it changes rather than keeps
        int maxStep = 1 + r.nextInt(Math.max(1, doc.length() / 3 + 1));
        while (true) {
            int left = doc.length() - pos;
            int kind = r.nextInt(4 + density);
            if (left == 0 && (kind == 0 || r.nextInt(3) == 0)) {
                break;
            }
            int n = left == 0 ? 0 : 1 + r.nextInt(Math.min(left, maxStep));
            switch (kind) {
                case 0, 1, 2, 3 -> { // keep
                    if (n == 0) {
                        continue;
                    }
                    json.add(n);
                    expected.append(doc, pos, pos + n);
                    pos += n;
                }
                default -> {
                    int what = r.nextInt(3);
                    int deleted = what == 0 ? 0 : n; // 0: pure insert, 1: delete, 2: replace
                    String insert = what == 1 ? "" : text(r, 6);
                    ArrayNode part = json.addArray();
                    part.add(deleted);
                    if (!insert.isEmpty()) {
                        for (String line : insert.split("\n", -1)) {
                            part.add(line);
                        }
                    }
                    expected.append(insert);
                    pos += deleted;
                }
            }
        }
        return new Generated(ChangeSet.fromJson(json), json, expected.toString());
    }
}
