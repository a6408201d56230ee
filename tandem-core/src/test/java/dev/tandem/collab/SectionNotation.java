package dev.tandem.collab;

/**
 * CodeMirror's compact test notation for sections ("5 0:2" = keep 5, then insert 2), so that expected
 * results can be written the way CodeMirror's own tests write them. Inserted text is filled with letters.
 */
final class SectionNotation {
    private SectionNotation() {
    }

    static ChangeSet parse(String spec) {
        SectionBuilder b = new SectionBuilder();
        char letter = 'a';
        for (String part : spec.trim().isEmpty() ? new String[0] : spec.trim().split("\\s+")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                b.add(Integer.parseInt(part), -1);
            } else {
                int ins = Integer.parseInt(part.substring(colon + 1));
                b.add(Integer.parseInt(part.substring(0, colon)), ins);
                b.addText(String.valueOf(letter).repeat(ins));
                letter++;
            }
        }
        return b.build();
    }

    static String format(ChangeSet set) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < set.sections.length; i += 2) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(set.sections[i]);
            if (set.sections[i + 1] >= 0) {
                out.append(':').append(set.sections[i + 1]);
            }
        }
        return out.toString();
    }
}
