package dev.tandem.bench;

import dev.tandem.collab.ChangeSet;

import java.util.random.RandomGenerator;

/**
 * Edits the way a person types: a burst of keystrokes at one place (each keystroke is one edit), then a jump
 * to another random place. Some bursts are backspaces, so that documents stay about the same size. The
 * cursor is clamped to the current text, which others change concurrently.
 */
final class TypingModel {
    private static final String KEYS = "abcdefghijklmnopqrstuvwxyz     ();=.\n";
    private static final double DELETE_BURST_SHARE = 0.3;
    private static final int MAX_BURST = 12;

    private final RandomGenerator random;
    private int cursor;
    private int keysLeft;
    private boolean deleting;

    TypingModel(RandomGenerator random) {
        this.random = random;
    }

    ChangeSet next(String text) {
        int length = text.length();
        if (keysLeft == 0) {
            cursor = random.nextInt(length + 1);
            keysLeft = 1 + random.nextInt(MAX_BURST);
            deleting = random.nextDouble() < DELETE_BURST_SHARE;
        }
        keysLeft--;
        cursor = Math.min(cursor, length);
        if (deleting && cursor > 0) {
            cursor--;
            return ChangeSet.of(length, cursor, cursor + 1, "");
        }
        // Never split a surrogate pair: the load tool types ASCII, but a document may hold other text.
        if (cursor > 0 && cursor < length && Character.isLowSurrogate(text.charAt(cursor))) cursor--;
        String key = String.valueOf(KEYS.charAt(random.nextInt(KEYS.length())));
        ChangeSet change = ChangeSet.of(length, cursor, cursor, key);
        cursor++;
        return change;
    }
}
