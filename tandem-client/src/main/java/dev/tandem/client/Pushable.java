package dev.tandem.client;

import dev.tandem.collab.Update;

import java.util.List;

/** What a client sends in a push: its unconfirmed updates, made on top of the synced {@code version}. */
public record Pushable(int version, List<Update> updates) {
    public Pushable {
        updates = List.copyOf(updates);
    }

    public boolean isEmpty() {
        return updates.isEmpty();
    }
}
