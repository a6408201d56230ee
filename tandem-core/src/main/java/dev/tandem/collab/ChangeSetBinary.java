package dev.tandem.collab;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Binary form of a change set for cluster serialisation:
 * a format byte, the pair count, the (length, insert) pairs as ints, then the text of every section that
 * inserts something, in order. Its length is already known from the pair, so only an encoding byte precedes it:
 * Latin-1 (one byte a char, the common case for code) or raw UTF-16 (two bytes a char). Raw UTF-16 rather than
 * UTF-8 keeps lone surrogates, which JavaScript clients can send, intact; {@code writeUTF} is avoided because it
 * is limited to 64 KiB.
 */
final class ChangeSetBinary {
    private static final int FORMAT = 1;
    private static final int LATIN1 = 0;
    private static final int UTF16 = 1;

    private ChangeSetBinary() {
    }

    static void write(ChangeSet set, DataOutput out) throws IOException {
        int[] sections = set.sections;
        out.writeByte(FORMAT);
        out.writeInt(sections.length >> 1);
        for (int value : sections) {
            out.writeInt(value);
        }
        for (int i = 1; i < sections.length; i += 2) {
            if (sections[i] > 0) {
                writeText(set.texts[i >> 1], out);
            }
        }
    }

    private static void writeText(String text, DataOutput out) throws IOException {
        if (isLatin1(text)) {
            out.writeByte(LATIN1);
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            return;
        }
        out.writeByte(UTF16);
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0, j = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes[j++] = (byte) (c >>> 8);
            bytes[j++] = (byte) c;
        }
        out.write(bytes);
    }

    private static boolean isLatin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    static ChangeSet read(DataInput in) throws IOException {
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("unknown ChangeSet binary format " + format);
        }
        int pairs = in.readInt();
        if (pairs < 0 || pairs > (1 << 28)) {
            throw new IOException("corrupt ChangeSet data: " + pairs + " sections");
        }
        int[] sections = new int[pairs * 2];
        for (int i = 0; i < sections.length; i += 2) {
            sections[i] = in.readInt();
            sections[i + 1] = in.readInt();
            if (sections[i] < 0 || sections[i + 1] < -1) {
                throw new IOException("corrupt ChangeSet data: section " + (i >> 1) + " is "
                        + sections[i] + ":" + sections[i + 1]);
            }
        }
        // Rebuilt through the builder so that data from an older writer is normalised like everything else.
        SectionBuilder builder = new SectionBuilder(pairs);
        for (int i = 0; i < sections.length; i += 2) {
            int ins = sections[i + 1];
            builder.add(sections[i], ins);
            if (ins > 0) {
                builder.addText(readText(in, ins));
            }
        }
        return builder.build();
    }

    private static String readText(DataInput in, int length) throws IOException {
        if (length > Integer.MAX_VALUE / 2) {
            throw new IOException("corrupt ChangeSet data: an insert of " + length + " characters");
        }
        int encoding = in.readUnsignedByte();
        if (encoding == LATIN1) {
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (encoding != UTF16) {
            throw new IOException("corrupt ChangeSet data: unknown text encoding " + encoding);
        }
        byte[] bytes = new byte[length * 2];
        in.readFully(bytes);
        char[] chars = new char[length];
        for (int i = 0, j = 0; i < length; i++, j += 2) {
            chars[i] = (char) (((bytes[j] & 0xFF) << 8) | (bytes[j + 1] & 0xFF));
        }
        return new String(chars);
    }
}
