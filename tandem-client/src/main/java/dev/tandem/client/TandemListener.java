package dev.tandem.client;

import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;

import java.util.List;

/**
 * Events of a {@link TandemClient}. Called on the client's socket or timer threads, one at a time and
 * outside the client's lock (so a listener may call the client), but a listener must not block.
 */
public interface TandemListener {

    /**
     * Others' updates changed the local document. {@code docChanges} applies to the local document as it was
     * before; map cursors through it with {@link ChangeSet#mapPos}.
     */
    default void onRemoteChanges(ChangeSet docChanges, String newText, int version) {}

    /**
     * A batch of updates from the server was taken into the local document (others' and this client's own,
     * as the server sent them; after a pull it may repeat updates already seen). {@code receivedNanos} is
     * {@link System#nanoTime()} when the batch was applied, taken before listener dispatch so that a slow
     * listener does not skew it. Meant for tools that follow updates by {@code (clientId, seq)}, such as the
     * load tool's fan-out latency.
     */
    default void onUpdatesApplied(List<Update> updates, long receivedNanos) {}

    /** The server confirmed {@code count} of this client's updates. */
    default void onConfirmed(int count, int version) {}

    default void onJoined(Incoming.Joined joined) {}

    default void onLeft(Incoming.Left left) {}

    default void onPresence(Incoming.Presence presence) {}

    /** An error message from the server, or a failure of the client itself ({@code code} CLIENT). */
    default void onError(String code, String message) {}

    /**
     * The client had to start again from the server's document and its unconfirmed edits were lost (the
     * server no longer retained the updates needed to rebase them).
     */
    default void onReloaded(List<Update> lostEdits, String newText, int version) {}

    /** Welcomed ({@code true}) or the connection was lost or closed ({@code false}). */
    default void onConnectionState(boolean connected) {}

    /** Any other server message (run events...). */
    default void onOther(Incoming.Other message) {}
}
