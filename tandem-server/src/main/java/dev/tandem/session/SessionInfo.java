package dev.tandem.session;

/**
 * What a session is apart from its document: the language it runs, a title for people, and the problem it
 * was opened on (a slug, or null for a free session).
 */
public record SessionInfo(String id, String language, String title, long createdAtMillis, String problem) {

    public SessionInfo(String id, String language, String title, long createdAtMillis) {
        this(id, language, title, createdAtMillis, null);
    }
}
