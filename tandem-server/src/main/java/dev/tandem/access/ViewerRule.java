package dev.tandem.access;

import dev.tandem.protocol.ClientMessage;

/**
 * What a viewer (a socket opened with the view capability) may send: only messages that change nothing
 * ({@code hello}, {@code pull}, {@code presence}). Everything else, including message types added later
 * (e.g. {@code submit}), is refused with FORBIDDEN: an allow-list, so a new kind of write is closed by default.
 */
public final class ViewerRule {
    private ViewerRule() {}

    public static boolean allows(ClientMessage message) {
        return message instanceof ClientMessage.Hello || message instanceof ClientMessage.Pull
                || message instanceof ClientMessage.Presence;
    }
}
