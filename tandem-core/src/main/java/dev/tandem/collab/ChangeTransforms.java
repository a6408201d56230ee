package dev.tandem.collab;

/**
 * The two merges of operational transformation over section lists: rebasing one change set over a
 * concurrent one ({@link #map}) and chaining two consecutive ones ({@link #compose}). Both walk the two
 * section lists in parallel and must produce exactly what CodeMirror's {@code map}/{@code compose} produce,
 * otherwise Java and browser peers would disagree about the document.
 */
final class ChangeTransforms {
    private ChangeTransforms() {
    }

    /** {@code a} rebased over {@code b}; both start from the same document (the caller checked the lengths). */
    static ChangeSet map(ChangeSet a, ChangeSet b, boolean before) {
        SectionBuilder out = new SectionBuilder(a.sectionCount() + b.sectionCount());
        SectionCursor ca = new SectionCursor(a);
        SectionCursor cb = new SectionCursor(b);
        // Section index of the change in A whose text was already emitted; a change in A that B cuts
        // into pieces must insert its text only once.
        int emitted = -1;
        while (true) {
            if ((ca.done() && cb.len > 0) || (cb.done() && ca.len > 0)) {
                throw mismatch();
            } else if (ca.ins == -1 && cb.ins == -1) {
                int n = Math.min(ca.len, cb.len);
                out.add(n, -1);
                ca.forward(n);
                cb.forward(n);
            } else if (cb.ins >= 0 && (ca.ins < 0 || emitted == ca.index
                    || (ca.off == 0 && (cb.len < ca.len || (cb.len == ca.len && !before))))) {
                // B's change starts first (or ties and B wins): keep its result, drop what of A it covers,
                // but still insert A's text if A's change lies wholly inside it.
                int remaining = cb.len;
                out.add(cb.ins, -1);
                while (remaining > 0) {
                    int piece = Math.min(ca.len, remaining);
                    if (ca.ins >= 0 && emitted < ca.index && ca.len <= piece) {
                        out.add(0, ca.ins);
                        out.addText(ca.text());
                        emitted = ca.index;
                    }
                    ca.forward(piece);
                    remaining -= piece;
                }
                cb.advance();
            } else if (ca.ins >= 0) {
                // A's change comes first: it covers what B keeps, and swallows B's pure deletions inside it,
                // up to where B's next real change begins.
                int covered = 0;
                int left = ca.len;
                while (left > 0) {
                    if (cb.ins == -1) {
                        int piece = Math.min(left, cb.len);
                        covered += piece;
                        left -= piece;
                        cb.forward(piece);
                    } else if (cb.ins == 0 && cb.len < left) {
                        left -= cb.len;
                        cb.advance();
                    } else {
                        break;
                    }
                }
                boolean first = emitted < ca.index;
                out.add(covered, first ? ca.ins : 0);
                if (first) {
                    out.addText(ca.text());
                }
                emitted = ca.index;
                ca.forward(ca.len - left);
            } else if (ca.done() && cb.done()) {
                return out.build();
            } else {
                throw mismatch();
            }
        }
    }

    /** {@code a}, then {@code b}; {@code b} starts from the document {@code a} produces (checked by the caller). */
    static ChangeSet compose(ChangeSet a, ChangeSet b) {
        SectionBuilder out = new SectionBuilder(a.sectionCount() + b.sectionCount());
        SectionCursor ca = new SectionCursor(a);
        SectionCursor cb = new SectionCursor(b);
        // True while the last emitted section belongs to a replacement that is still being walked, so the
        // next piece of it joins that section instead of starting a new one.
        boolean open = false;
        while (true) {
            if (ca.done() && cb.done()) {
                return out.build();
            } else if (ca.ins == 0) {
                out.add(ca.len, 0, open);
                ca.advance();
            } else if (cb.len == 0 && !cb.done()) {
                out.add(0, cb.ins, open);
                out.addText(cb.text());
                cb.advance();
            } else if (ca.done() || cb.done()) {
                throw mismatch();
            } else {
                int n = Math.min(ca.lenAfter(), cb.len);
                int before = out.sizeMarker();
                if (ca.ins == -1) {
                    int insB = cb.ins == -1 ? -1 : cb.off > 0 ? 0 : cb.ins;
                    out.add(n, insB, open);
                    if (insB > 0) {
                        out.addText(cb.text());
                    }
                } else if (cb.ins == -1) {
                    out.add(ca.off > 0 ? 0 : ca.len, n, open);
                    out.addText(ca.textPiece(n));
                } else {
                    out.add(ca.off > 0 ? 0 : ca.len, cb.off > 0 ? 0 : cb.ins, open);
                    if (cb.off == 0) {
                        out.addText(cb.text());
                    }
                }
                open = (ca.ins > n || (cb.ins >= 0 && cb.len > n)) && (open || out.sizeMarker() > before);
                ca.forwardAfter(n);
                cb.forward(n);
            }
        }
    }

    private static InvalidChangesException mismatch() {
        return new InvalidChangesException("change sets do not line up: their section lengths disagree");
    }
}
