package dev.tandem.client;

import dev.tandem.collab.ChangeSet;

/** What {@link CollabState#receive} did with a batch of updates. */
public sealed interface ReceiveResult {

    /**
     * The batch starts after the synced version: updates between are missing, nothing was applied, and the
     * caller must pull from {@link CollabState#version()}.
     *
     * @param batchEndVersion the version the server has reached at least (the end of the refused batch)
     */
    record Gap(int syncedVersion, int batchEndVersion) implements ReceiveResult {}

    /**
     * The new part of the batch was applied.
     *
     * @param confirmed  how many of this client's own unconfirmed updates it confirmed
     * @param docChanges what changed in the local document (others' changes rebased over the unconfirmed
     *                   local ones); map cursors and selections through it. Empty when nothing changed.
     * @param received   how many updates were new (the rest of the batch was already known)
     */
    record Applied(int confirmed, ChangeSet docChanges, int received) implements ReceiveResult {}
}
