package dev.tandem.storage;

/**
 * A run or submission event of a session as the timeline keeps it: its wire JSON as sent live, when it was sent
 * ({@code at}, ms since the epoch), and the document version that was current then ({@code afterVersion}: it
 * happened after that update and before the next). {@code id} is assigned by the store (0 until stored) and
 * orders the events that share an {@code afterVersion}.
 */
public record StoredEvent(long id, String sessionId, int afterVersion, long at, String jobId, String json) {}
