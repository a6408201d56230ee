package dev.tandem.storage;

import dev.tandem.collab.Update;

/**
 * One accepted update as storage keeps it: the version it produced and when the authority accepted it
 * ({@code at}, ms since the epoch; the timeline needs it).
 */
public record StoredUpdate(String sessionId, int version, Update update, long at) {}
