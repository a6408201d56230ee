package dev.tandem.realtime;

/**
 * What travels on a session's topic to every node holding sockets of that session. The JSON is written once,
 * by the node where the event happened, and sent as it is to every socket.
 *
 * @param fromVersion for {@link Kind#UPDATES}: the version the updates apply to
 * @param toVersion   for {@link Kind#UPDATES}: the version after them
 * @param exceptClientId a participant who must not receive it (their own presence), or null; for CLOSE the
 *                       one participant to close, or null for all
 * @param document       for {@link Kind#UPDATES}: the key of the document (v1.1 "Several files"; the session's id
 *                       for the main file), each with its own version line
 * @param length         for {@link Kind#UPDATES}: the document's length after them (for the limit on all files)
 * @param jsonBytes      for {@link Kind#UPDATES}: what the document takes as JSON after them (the byte limit on all
 *                       files), or -1 when not known
 */
public record SessionEvent(Kind kind, int fromVersion, int toVersion, String json, String exceptClientId,
                           String document, int length, long jsonBytes) {
    public SessionEvent(Kind kind, int fromVersion, int toVersion, String json, String exceptClientId,
                        String document, int length) {
        this(kind, fromVersion, toVersion, json, exceptClientId, document, length, -1);
    }

    /** FILES: the session's files changed (made, renamed, deleted, or the main file's name with the language). */
    public enum Kind { UPDATES, BROADCAST, CLOSE, REPLACE, FILES }

    public SessionEvent(Kind kind, int fromVersion, int toVersion, String json, String exceptClientId) {
        this(kind, fromVersion, toVersion, json, exceptClientId, null, -1);
    }

    public static SessionEvent updates(int fromVersion, int toVersion, String json) {
        return new SessionEvent(Kind.UPDATES, fromVersion, toVersion, json, null);
    }

    /** Accepted updates of one document of the session. */
    public static SessionEvent updates(String document, int fromVersion, int toVersion, String json, int length) {
        return new SessionEvent(Kind.UPDATES, fromVersion, toVersion, json, null, document, length);
    }

    /** The same, with what the document takes as JSON after them. */
    public static SessionEvent updates(String document, int fromVersion, int toVersion, String json, int length, long jsonBytes) {
        return new SessionEvent(Kind.UPDATES, fromVersion, toVersion, json, null, document, length, jsonBytes);
    }

    /** The session's files changed: {@code json} (file.created, ...) goes to every participant; nodes reload the table. */
    public static SessionEvent files(String json) {
        return new SessionEvent(Kind.FILES, -1, -1, json, null);
    }

    /** A file was made: {@code document} is its key, with its size, so every node counts it in the limits at once. */
    public static SessionEvent fileCreated(String json, String document, int length, long jsonBytes) {
        return new SessionEvent(Kind.FILES, -1, -1, json, null, document, length, jsonBytes);
    }

    /** A file was deleted: {@code document} is its key; every node forgets its stream and size. */
    public static SessionEvent fileDeleted(String json, String document) {
        return new SessionEvent(Kind.FILES, -1, -1, json, null, document, -1, -1);
    }

    /**
     * Closes sockets of the session on every node (owner kick or close): {@code fromVersion} carries the close
     * code, {@code json} the error message sent before it, {@code exceptClientId} the one participant to
     * close (null: everyone).
     */
    public static SessionEvent close(int code, String errorJson, String clientId) {
        return new SessionEvent(Kind.CLOSE, code, code, errorJson, clientId);
    }

    /**
     * A participant resumed on a new connection: every other socket of {@code clientId}, on every node, closes
     * with {@code code} (4409); {@code json} carries the key of the connection that stays.
     */
    public static SessionEvent replace(int code, String clientId, String keepConnectionKey) {
        return new SessionEvent(Kind.REPLACE, code, code, keepConnectionKey, clientId);
    }

    public static SessionEvent broadcast(String json, String exceptClientId) {
        return new SessionEvent(Kind.BROADCAST, -1, -1, json, exceptClientId);
    }
}
