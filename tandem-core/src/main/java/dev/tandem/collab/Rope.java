package dev.tandem.collab;

/**
 * Mutable text for server-side documents, where an edit must not cost time proportional to the document.
 *
 * <p>The text is cut into chunks of at most {@link #MAX_CHUNK} characters held in an implicit treap: a binary tree
 * in document order, balanced in expectation by random priorities, where every node stores the total length of
 * its subtree so positions can be found in O(log n). Typing edits one chunk in place (O(chunk + log n)); edits
 * that cross chunk boundaries or overflow a chunk split the tree around the range, rebuild the few chunks around
 * it and join the tree again (O(chunk + log n) plus the size of the insert).
 *
 * <p>Not thread-safe.
 */
public final class Rope {
    static final int MAX_CHUNK = 2048;
    static final int TARGET_CHUNK = 1024;

    private static final class Node {
        final StringBuilder text;
        final int priority;
        Node left;
        Node right;
        int size;

        Node(StringBuilder text, int priority) {
            this.text = text;
            this.priority = priority;
            this.size = text.length();
        }
    }

    private Node root;
    private int randomState = 0x2545F491;
    /** Results of {@link #split}, kept in fields so the recursion allocates nothing. */
    private Node splitLeft;
    private Node splitRight;
    /** Reused path buffer for in-place edits. */
    private Node[] path = new Node[64];

    private Rope() {
    }

    public static Rope of(String text) {
        Rope rope = new Rope();
        rope.root = rope.buildChunks(text);
        return rope;
    }

    public int length() {
        return size(root);
    }

    public char charAt(int i) {
        if (i < 0 || i >= length()) {
            throw new IndexOutOfBoundsException("index " + i + " in a text of " + length() + " characters");
        }
        Node n = root;
        while (true) {
            int leftSize = size(n.left);
            if (i < leftSize) {
                n = n.left;
            } else if (i < leftSize + n.text.length()) {
                return n.text.charAt(i - leftSize);
            } else {
                i -= leftSize + n.text.length();
                n = n.right;
            }
        }
    }

    public String substring(int from, int to) {
        checkRange(from, to);
        StringBuilder out = new StringBuilder(to - from);
        forEachPiece(root, 0, from, to, (chunk, start, end, at) -> out.append(chunk, start, end));
        return out.toString();
    }

    @Override
    public String toString() {
        return substring(0, length());
    }

    /** Replaces {@code from..to} with {@code insert}. */
    public void replace(int from, int to, CharSequence insert) {
        checkRange(from, to);
        if (from == to && insert.length() == 0) {
            return;
        }
        if (editInPlace(from, to, insert)) {
            return;
        }
        split(root, from);
        Node before = splitLeft;
        split(splitRight, to - from);
        Node after = splitRight;
        // Re-chunk the remnants next to the range together with the insert, so that repeated edits at chunk
        // boundaries do not leave a trail of tiny chunks behind.
        StringBuilder middle = new StringBuilder(insert.length() + 2 * TARGET_CHUNK);
        if (before != null) {
            split(before, before.size - lastChunk(before).text.length());
            before = splitLeft;
            middle.append(splitRight.text);
        }
        middle.append(insert);
        if (after != null) {
            split(after, firstChunk(after).text.length());
            middle.append(splitLeft.text);
            after = splitRight;
        }
        root = merge(merge(before, buildChunks(middle)), after);
    }

    /** The common case of an edit inside one chunk that stays small enough; false when it does not apply. */
    private boolean editInPlace(int from, int to, CharSequence insert) {
        int depth = 0;
        int base = 0;
        Node n = root;
        while (n != null) {
            if (depth == path.length) {
                path = java.util.Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = n;
            int start = base + size(n.left);
            int end = start + n.text.length();
            if (n.left != null && to <= start) {
                n = n.left;
            } else if (from >= start && to <= end) {
                int newSize = n.text.length() - (to - from) + insert.length();
                if (newSize == 0 || newSize > MAX_CHUNK) {
                    return false;
                }
                n.text.delete(from - start, to - start).insert(from - start, insert);
                int delta = insert.length() - (to - from);
                for (int i = 0; i < depth; i++) {
                    path[i].size += delta;
                    path[i] = null;
                }
                return true;
            } else if (n.right != null && from >= end) {
                base = end;
                n = n.right;
            } else {
                return false;
            }
        }
        return false;
    }

    /** Splits {@code n} into {@link #splitLeft} (the first {@code pos} characters) and {@link #splitRight}. */
    private void split(Node n, int pos) {
        if (n == null) {
            splitLeft = null;
            splitRight = null;
            return;
        }
        int leftSize = size(n.left);
        int chunkEnd = leftSize + n.text.length();
        if (pos <= leftSize) {
            split(n.left, pos);
            n.left = splitRight;
            update(n);
            splitRight = n;
        } else if (pos >= chunkEnd) {
            split(n.right, pos - chunkEnd);
            n.right = splitLeft;
            update(n);
            splitLeft = n;
        } else {
            int cut = pos - leftSize;
            Node tail = new Node(new StringBuilder(n.text.length() - cut + 16).append(n.text, cut, n.text.length()),
                    nextPriority());
            n.text.setLength(cut);
            Node right = n.right;
            n.right = null;
            update(n);
            splitLeft = n;
            splitRight = merge(tail, right);
        }
    }

    private static Node merge(Node a, Node b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.priority > b.priority) {
            a.right = merge(a.right, b);
            update(a);
            return a;
        }
        b.left = merge(a, b.left);
        update(b);
        return b;
    }

    /** A treap holding {@code text} in chunks of at most {@link #MAX_CHUNK}, of near-equal size. */
    private Node buildChunks(CharSequence text) {
        int length = text.length();
        if (length == 0) {
            return null;
        }
        int pieces = length <= MAX_CHUNK ? 1 : (length + TARGET_CHUNK - 1) / TARGET_CHUNK;
        Node tree = null;
        int start = 0;
        for (int i = 1; i <= pieces; i++) {
            int end = (int) ((long) length * i / pieces);
            // Headroom so that typing into the chunk does not reallocate at once.
            StringBuilder chunk = new StringBuilder(Math.min(MAX_CHUNK, end - start + 64));
            chunk.append(text, start, end);
            tree = merge(tree, new Node(chunk, nextPriority()));
            start = end;
        }
        return tree;
    }

    private static Node firstChunk(Node n) {
        while (n.left != null) {
            n = n.left;
        }
        return n;
    }

    private static Node lastChunk(Node n) {
        while (n.right != null) {
            n = n.right;
        }
        return n;
    }

    /**
     * The bytes of {@code from..to} inside a JSON string ({@link JsonBytes}), without copying the range; a pair
     * across two chunks counts as a pair.
     */
    public long jsonBytes(int from, int to) {
        checkRange(from, to);
        if (from == to) return 0;
        long[] bytes = {0};
        int[] cut = {-1}; // the position of a high surrogate that ended the chunk before
        forEachPiece(root, 0, from, to, (chunk, start, end, at) -> {
            int s = start;
            if (cut[0] >= 0) {
                // the piece before ended in a high surrogate, counted as lone (6): as a pair with this low one, 4 in all
                if (Character.isLowSurrogate(chunk.charAt(s))) {
                    bytes[0] += 4 - 6;
                    s++;
                }
                cut[0] = -1;
            }
            bytes[0] += JsonBytes.of(chunk, s, end);
            if (end > s && Character.isHighSurrogate(chunk.charAt(end - 1))) cut[0] = at + end - start - 1;
        });
        return bytes[0];
    }

    private interface PieceConsumer {
        /** {@code chunk}'s characters {@code start..end}, which begin at document position {@code at}. */
        void accept(CharSequence chunk, int start, int end, int at);
    }

    /**
     * Hands {@code consumer}, in order, each chunk's part of {@code from..to} (whole-text positions) inside
     * {@code n}, which starts at {@code base}.
     */
    private static void forEachPiece(Node n, int base, int from, int to, PieceConsumer consumer) {
        while (n != null && from < to) {
            int start = base + size(n.left);
            int end = start + n.text.length();
            if (from < start) {
                forEachPiece(n.left, base, from, Math.min(to, start), consumer);
            }
            if (from < end && to > start) {
                int a = Math.max(from, start);
                consumer.accept(n.text, a - start, Math.min(to, end) - start, a);
            }
            if (to <= end) {
                return;
            }
            // Loop instead of recursing on the right child: keeps the stack shallow on long right spines.
            from = Math.max(from, end);
            base = end;
            n = n.right;
        }
    }

    /** Number of chunks; lets tests check that edits do not fragment the text into tiny pieces. */
    int chunkCount() {
        return countChunks(root);
    }

    private static int countChunks(Node n) {
        return n == null ? 0 : 1 + countChunks(n.left) + countChunks(n.right);
    }

    private int nextPriority() {
        int x = randomState;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        randomState = x;
        return x;
    }

    private void checkRange(int from, int to) {
        if (from < 0 || from > to || to > length()) {
            throw new IndexOutOfBoundsException("range " + from + " to " + to + " in a text of " + length()
                    + " characters");
        }
    }

    private static int size(Node n) {
        return n == null ? 0 : n.size;
    }

    private static void update(Node n) {
        n.size = size(n.left) + n.text.length() + size(n.right);
    }
}
